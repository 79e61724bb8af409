package org.gridwatch.jobs.shops;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Shop;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.flink.EventTimeBuffer;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.jobs.shops.logic.RepeatRule;
import org.gridwatch.jobs.shops.logic.ShopDocuments;
import org.gridwatch.jobs.shops.logic.ShopEvent;
import org.gridwatch.jobs.shops.logic.ShopFile;
import org.gridwatch.jobs.shops.logic.ShopRules;
import org.gridwatch.jobs.shops.logic.ViolationRecord;

/**
 * Second stage of the shops detection, keyed by shop id: detections, inspections, complaints and
 * closures (from two topics, so their arrival order means nothing) are buffered until the watermark
 * passes them, then applied in event-time order to the shop's {@link ShopFile}; new violation
 * records drive SHOP_REPEAT_VIOLATION ({@link RepeatRule}). The file goes to gridwatch-shops
 * ({@link #SHOP_DOCS}) once per timer that changed it (not per camera frame), with a growing
 * external version.
 *
 * <p>State per shop: {@value #BUFFER} (emptied by the timer at each input's time) and {@value
 * #FILE} (the file and the open episode). Timers: one per buffered time; the episode's close time
 * (the deciding record's start + {@code shop.repeatWindow}); the file's retention, its last
 * activity + 365 days, when what is left is pruned and an empty file (no record, complaint, case
 * nor episode in 365 days) is cleared.
 */
public final class ShopFunction
        extends KeyedBroadcastProcessFunction<String, ShopEvent, ReferenceUpdate, Alert> {
    private static final long serialVersionUID = 1L;
    static final String BUFFER = "shop-buffer";
    static final String FILE = "shop-file";

    public static final OutputTag<EsWriteRequest> SHOP_DOCS =
            new OutputTag<>("shop-docs", TypeInformation.of(EsWriteRequest.class));

    private final ReferenceHolder holder;
    private transient EventTimeBuffer<ShopEvent> buffer;
    private transient ValueState<ShopFile> file;

    public ShopFunction(ReferenceHolder holder) {
        this.holder = holder;
    }

    @Override
    public void open(OpenContext openContext) {
        buffer =
                new EventTimeBuffer<>(
                        getRuntimeContext()
                                .getMapState(EventTimeBuffer.descriptor(BUFFER, ShopEvent.class)));
        file = getRuntimeContext().getState(new ValueStateDescriptor<>(FILE, ShopFile.class));
    }

    @Override
    public void processElement(ShopEvent e, ReadOnlyContext ctx, Collector<Alert> out)
            throws Exception {
        buffer.add(e, e.time(), ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        CityReference ref = holder.get(ctx.getBroadcastState(ReferenceHolder.STATE));
        ShopRules rules = ShopRules.from(ref.rules());
        long now = ctx.timerService().currentProcessingTime();
        String shopId = ctx.getCurrentKey();
        Shop shop = ref.shops().get(shopId);
        String district = district(ref, shop);
        ShopFile f = file.value();
        boolean changed = false;
        for (ShopEvent e : buffer.drain(timestamp)) {
            if (f == null) {
                f = ShopFile.of(shopId);
            }
            ShopFile.Applied applied = f.apply(e, rules);
            if (applied == ShopFile.Applied.DUPLICATE) {
                continue;
            }
            changed = true;
            if (applied == ShopFile.Applied.NEW_RECORD) {
                ViolationRecord rec = f.startedBy(e);
                Alert a = RepeatRule.onRecord(f, rec, shop, district, rules, now);
                if (a != null) {
                    out.collect(a);
                }
            }
        }
        if (f == null) {
            return;
        }
        Alert closed = RepeatRule.closeIfDue(f, timestamp, rules, now);
        if (closed != null) {
            out.collect(closed);
            changed = true;
        }
        boolean empty = f.prune(timestamp, rules);
        if (empty && timestamp >= f.lastActivity + ShopFile.RETENTION_MS) {
            file.clear();
            return;
        }
        if (changed) {
            ctx.output(SHOP_DOCS, ShopDocuments.file(f, shop, district, timestamp));
        }
        file.update(f);
        long closeAt = RepeatRule.closeAt(f, timestamp, rules);
        if (closeAt > timestamp) {
            ctx.timerService().registerEventTimeTimer(closeAt);
        }
        ctx.timerService().registerEventTimeTimer(f.lastActivity + ShopFile.RETENTION_MS);
    }

    @Override
    public void processBroadcastElement(ReferenceUpdate update, Context ctx, Collector<Alert> out)
            throws Exception {
        holder.update(ctx.getBroadcastState(ReferenceHolder.STATE), update);
    }

    private static String district(CityReference ref, Shop shop) {
        if (shop == null || shop.gridCode() == null) {
            return null;
        }
        Grid g = ref.grids().get(shop.gridCode());
        return g != null ? g.districtName() : null;
    }
}

package org.gridwatch.jobs.shops;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.jobs.shops.logic.Attribution;
import org.gridwatch.jobs.shops.logic.FrontageIndex;
import org.gridwatch.jobs.shops.logic.ShopEvent;
import org.gridwatch.jobs.shops.logic.ShopFile;
import org.gridwatch.jobs.shops.logic.ShopRules;

import java.util.Set;

/**
 * The hotline side of the shops detection, keyed by case id: a complaint (RECEIVED) naming a shop,
 * or located within {@code shop.attachMeters} of a frontage with a shop-front category ({@link
 * #SHOP_FRONT_CATEGORIES}; nearest frontage, ambiguous ones dropped, no hysteresis), goes to that
 * shop as a COMPLAINT; the case's CLOSED event, which carries no position, follows it there as a
 * CASE_CLOSED with its outcome.
 *
 * <p>State per case: {@value #STATE} (the shop of the case). Clearing: at the CLOSED event, or by
 * an event-time timer at the complaint + 365 days for a case never closed.
 */
public final class ShopCaseFunction
        extends KeyedBroadcastProcessFunction<String, HotlineEvent, ReferenceUpdate, ShopEvent> {
    private static final long serialVersionUID = 1L;
    static final String STATE = "shop-case";
    static final String PENDING = "shop-case-pending-close";
    static final long PENDING_MS = ShopFile.DAY_MS;

    /** 09005 店外经营 (covers 跨门营业 and 乱堆物料), 06001 私搭乱建 (covers 破墙开店). */
    public static final Set<String> SHOP_FRONT_CATEGORIES = Set.of("09005", "06001");

    private final ReferenceHolder holder;
    private transient ValueState<String> shopOfCase;
    private transient ValueState<Long> receivedAt;
    private transient ValueState<HotlineEvent> pendingClose;
    private transient FrontageIndex.Cache index;

    public ShopCaseFunction(ReferenceHolder holder) {
        this.holder = holder;
    }

    /** Whether the shops detection wants this hotline event at all (before keying by case). */
    public static boolean relevant(HotlineEvent e) {
        return e.caseId() != null
                && (e.shopId() != null
                        || e.kind() == CaseEventKind.CLOSED
                        || e.kind() == CaseEventKind.RECEIVED
                                && e.hasCoordinates()
                                && SHOP_FRONT_CATEGORIES.contains(e.category()));
    }

    @Override
    public void open(OpenContext openContext) {
        shopOfCase = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE, String.class));
        receivedAt =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>(STATE + "-received", Long.class));
        pendingClose =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>(PENDING, HotlineEvent.class));
        index = new FrontageIndex.Cache();
    }

    @Override
    public void processElement(HotlineEvent e, ReadOnlyContext ctx, Collector<ShopEvent> out)
            throws Exception {
        if (e.kind() == CaseEventKind.RECEIVED) {
            String shop = e.shopId();
            double meters = Double.NaN;
            if (shop == null) {
                CityReference ref = holder.get(ctx.getBroadcastState(ReferenceHolder.STATE));
                Attribution.Outcome o =
                        Attribution.attribute(
                                index.of(ref), e.lat(), e.lon(), null, ShopRules.from(ref.rules()));
                if (o.kind() != Attribution.Kind.ATTACHED) {
                    return;
                }
                shop = o.shopId();
                meters = o.meters();
            }
            out.collect(event(e, shop, ShopEvent.COMPLAINT, meters));
            HotlineEvent closed = pendingClose.value();
            if (closed != null) {
                out.collect(event(closed, shop, ShopEvent.CASE_CLOSED, Double.NaN));
                pendingClose.clear();
                return;
            }
            if (shopOfCase.value() == null) {
                shopOfCase.update(shop);
                receivedAt.update(e.eventTime());
                ctx.timerService().registerEventTimeTimer(e.eventTime() + ShopFile.RETENTION_MS);
            }
        } else if (e.kind() == CaseEventKind.CLOSED) {
            String shop = e.shopId() != null ? e.shopId() : shopOfCase.value();
            if (shop == null) {
                pendingClose.update(e);
                ctx.timerService().registerEventTimeTimer(e.eventTime() + PENDING_MS);
                return;
            }
            out.collect(event(e, shop, ShopEvent.CASE_CLOSED, Double.NaN));
            shopOfCase.clear();
            receivedAt.clear();
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ShopEvent> out)
            throws Exception {
        HotlineEvent closed = pendingClose.value();
        if (closed != null && timestamp >= closed.eventTime() + PENDING_MS) {
            pendingClose.clear();
        }
        Long received = receivedAt.value();
        if (received != null && timestamp >= received + ShopFile.RETENTION_MS) {
            shopOfCase.clear();
            receivedAt.clear();
        }
    }

    @Override
    public void processBroadcastElement(
            ReferenceUpdate update, Context ctx, Collector<ShopEvent> out) throws Exception {
        holder.update(ctx.getBroadcastState(ReferenceHolder.STATE), update);
    }

    private static ShopEvent event(HotlineEvent e, String shop, String kind, double meters) {
        return new ShopEvent(
                shop,
                kind,
                e.eventTime(),
                null,
                null,
                Double.NaN,
                null,
                e.lat(),
                e.lon(),
                meters,
                e.caseId(),
                e.category(),
                e.outcome());
    }
}

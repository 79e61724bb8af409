package org.gridwatch.jobs.shops;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.model.IotEventKind;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.jobs.shops.logic.Attribution;
import org.gridwatch.jobs.shops.logic.FrontageIndex;
import org.gridwatch.jobs.shops.logic.ShopDocuments;
import org.gridwatch.jobs.shops.logic.ShopEvent;
import org.gridwatch.jobs.shops.logic.ShopRules;

/**
 * First stage of the shops detection, keyed by device (camera or officer): attributes each camera
 * SHOP_VIOLATION and each inspection without a shop id to a shop ({@link Attribution}: attach
 * distance, ambiguity margin, per-camera hysteresis) and drops detections under {@code
 * shop.minConfidence}. Inspections naming their shop pass through. Devices report in order (one
 * Kafka partition per device), so this stage works in arrival order; the shop stage sorts by event
 * time.
 *
 * <p>Ambiguous camera detections go to no shop: the first report of each ambiguous occurrence
 * becomes an AMBIGUOUS document in gridwatch-shops ({@link #AMBIGUOUS_DOCS}); every ambiguous,
 * low-confidence and unattributed record is counted in metrics ({@code shopAmbiguous}, {@code
 * shopLowConfidence}, {@code shopUnattributed}).
 *
 * <p>State per device: {@value #STATE} (the sticky shop and the ambiguous occurrence). Clearing: an
 * event-time timer at the latest report + {@code shop.goneAfter} clears it when no report came
 * since: a camera that is quiet that long starts afresh, without hysteresis.
 */
public final class ShopAttributionFunction
        extends KeyedBroadcastProcessFunction<String, IotEvent, ReferenceUpdate, ShopEvent> {
    private static final long serialVersionUID = 1L;
    static final String STATE = "shop-camera";

    public static final OutputTag<EsWriteRequest> AMBIGUOUS_DOCS =
            new OutputTag<>("shop-ambiguous-docs", TypeInformation.of(EsWriteRequest.class));

    private final ReferenceHolder holder;
    private transient ValueState<CameraState> state;
    private transient FrontageIndex.Cache index;
    private transient Counter ambiguous;
    private transient Counter lowConfidence;
    private transient Counter unattributed;

    public ShopAttributionFunction(ReferenceHolder holder) {
        this.holder = holder;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE, CameraState.class));
        index = new FrontageIndex.Cache();
        var metrics = getRuntimeContext().getMetricGroup();
        ambiguous = metrics.counter("shopAmbiguous");
        lowConfidence = metrics.counter("shopLowConfidence");
        unattributed = metrics.counter("shopUnattributed");
    }

    @Override
    public void processElement(IotEvent e, ReadOnlyContext ctx, Collector<ShopEvent> out)
            throws Exception {
        CityReference ref = holder.get(ctx.getBroadcastState(ReferenceHolder.STATE));
        ShopRules rules = ShopRules.from(ref.rules());
        boolean camera = e.kind() == IotEventKind.SHOP_VIOLATION;
        if (!camera && e.shopId() != null) {
            out.collect(event(e, e.shopId(), Double.NaN));
            return;
        }
        if (camera
                && (e.violation() == null
                        || e.confidence() != null && e.confidence() < rules.minConfidence())) {
            lowConfidence.inc();
            return;
        }
        CameraState s = state.value();
        if (s == null || e.eventTime() - s.lastReport > rules.goneAfterMs()) {
            s = new CameraState();
        }
        // Hysteresis is against camera jitter: an officer walking from door to door is not held.
        Attribution.Outcome o =
                Attribution.attribute(
                        index.of(ref), e.lat(), e.lon(), camera ? s.shopId : null, rules);
        switch (o.kind()) {
            case ATTACHED -> {
                if (camera) {
                    s.shopId = o.shopId();
                }
                out.collect(event(e, o.shopId(), o.meters()));
            }
            case AMBIGUOUS -> {
                ambiguous.inc();
                String v = e.violation() == null ? null : e.violation().name();
                if (!camera
                        || !java.util.Objects.equals(v, s.ambiguousViolation)
                        || e.eventTime() - s.ambiguousLast > rules.goneAfterMs()) {
                    ctx.output(
                            AMBIGUOUS_DOCS,
                            ShopDocuments.ambiguous(event(e, null, o.meters()), o.candidates()));
                }
                s.ambiguousViolation = v;
                s.ambiguousLast = Math.max(s.ambiguousLast, e.eventTime());
            }
            case NONE -> unattributed.inc();
        }
        s.lastReport = Math.max(s.lastReport, e.eventTime());
        state.update(s);
        ctx.timerService().registerEventTimeTimer(s.lastReport + rules.goneAfterMs());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ShopEvent> out)
            throws Exception {
        CameraState s = state.value();
        CityReference ref = holder.get(ctx.getBroadcastState(ReferenceHolder.STATE));
        if (s == null) {
            return;
        }
        long clearAt = s.lastReport + ShopRules.from(ref.rules()).goneAfterMs();
        if (timestamp >= clearAt) {
            state.clear();
        } else {
            // shop.goneAfter was raised since the timer was set: wait for the new end.
            ctx.timerService().registerEventTimeTimer(clearAt);
        }
    }

    @Override
    public void processBroadcastElement(
            ReferenceUpdate update, Context ctx, Collector<ShopEvent> out) throws Exception {
        holder.update(ctx.getBroadcastState(ReferenceHolder.STATE), update);
    }

    static ShopEvent event(IotEvent e, String shopId, double meters) {
        boolean camera = e.kind() == IotEventKind.SHOP_VIOLATION;
        return new ShopEvent(
                shopId,
                camera ? ShopEvent.DETECTION : ShopEvent.INSPECTION,
                e.eventTime(),
                e.deviceId(),
                e.violation(),
                e.confidence() == null ? Double.NaN : e.confidence(),
                e.photoUrl(),
                e.lat(),
                e.lon(),
                meters,
                null,
                null,
                null);
    }
}

package org.gridwatch.jobs.trucks;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import org.gridwatch.common.flink.EventTimeBuffer;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.jobs.trucks.logic.FixFilter;
import org.gridwatch.jobs.trucks.logic.RouteCorridor;
import org.gridwatch.jobs.trucks.logic.TruckCompliance;
import org.gridwatch.jobs.trucks.logic.TruckRules;
import org.gridwatch.jobs.trucks.logic.TruckState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-truck rules ({@link TruckCompliance}), keyed by terminal id, with the reference data as
 * broadcast state: ROUTE_DEVIATION, OFF_HOURS, NO_PERMIT, PROHIBITED_ZONE, OVERSPEED, SIGNAL_LOST
 * and SUSPECTED_DUMPING alerts. Alerts are its only output. Metrics: {@code truckPingsDuplicate},
 * {@code truckPingsOutOfOrderForEntity} (pings older than the last one applied for their truck),
 * {@code truckRuleUpdatesRejected}, and {@code gpsOutliers} per {@code reason} (the {@link
 * FixFilter.Reason} codes: fixes the rules ignored).
 *
 * <p><b>Two paths to the rules (issue 20).</b> The rules must see a truck's pings in event-time
 * order. A truck's pings normally arrive in that order already (Kafka keeps a partition's order,
 * the record key is the terminal, and a terminal sends its pings in order), so waiting for the
 * watermark (bound + step + partition agreement, 3-5 s) buys nothing for them. <i>Fast path:</i> a
 * ping is applied on arrival when no ping of its truck is buffered and it is not older than the
 * last ping applied for the truck: first every silence, quiet or forget timer of the truck later
 * than the watermark (so not yet fired) and earlier than the ping runs, in time order, through
 * {@link #advance} exactly as {@link #onTimer} would run it, and is deleted; then the ping goes
 * through {@link #advance} as its own timer would have applied it. <i>Buffered path</i> (the
 * behaviour before issue 20): any other ping waits in {@value #PENDING} under an event-time timer
 * at its time until the watermark passes it, and every later ping of that truck waits behind it
 * until the buffer is empty again; a ping older than the last one applied is counted in {@code
 * truckPingsOutOfOrderForEntity} and, once released, is what the rules make of such a ping (a
 * duplicate: {@code truckPingsDuplicate}, ignored).
 *
 * <p><b>Why the fast path gives the buffered path's results when a truck's pings arrive in their
 * own order.</b> The rules' state of a truck changes only in {@link #advance}, called at a sequence
 * of event times (its pings' times and its timers' times), and depends on nothing but that sequence
 * and the reference data. Buffered, Flink fires the truck's timers in timestamp order: a timer at X
 * &lt; t before the ping at t, a timer at X &gt; t after it; a timer at exactly t is the ping's own
 * timer, which applies the ping and then runs the silence checks at t (which find nothing: the ping
 * is the last one). On the fast path the timers at X &lt; t run before the ping (the loop), the
 * ping runs at t with the same silence checks after it, and the timers at X &gt; t are rescheduled
 * by it and fire later, as before; the rescheduling replaces any timer at t. So {@link #advance}
 * sees the same times in the same order with the same pings, and emits the same alerts in the same
 * order, only earlier. What it may not see is a reference update that arrives between the ping and
 * the watermark passing it: the fast path applies a ping with the reference data of its arrival,
 * the buffered path with that of its release (3-5 s later); and the alerts' {@code detectedAt} is
 * the wall clock of the arrival. (The argument takes the ping to be ahead of the watermark, as an
 * on-time ping is; and the buffered path did not forget a truck whose next ping already waited in
 * the buffer, which only a watermark jumping hours at once allowed: the fast path forgets it at its
 * time.)
 *
 * <p><b>When a truck's pings arrive out of their order</b> (a terminal's clock jumping back, a
 * resend): a ping older than one already applied cannot be put before it any more. The buffered
 * path sorted it in if it came within the watermark's bound; now it is ignored as a duplicate, and
 * the truck's later pings wait for the watermark until it is released. A ping from a clock jumping
 * ahead (at most {@code --max-future} ahead of the wall clock, else dead-lettered) is applied at
 * once, and fires the truck's timers due before it; the truck's correct pings that follow are then
 * older than it and ignored, until their time passes it. The final watermark ({@code
 * Long.MAX_VALUE}, end of input) behaves as before: it fires no silence alert, forgets nothing, and
 * closes a dumping episode still open once every ping is applied; but a ping that arrived in order
 * before it has already been applied with its silence checks, where the buffered path applied it
 * only at the end of input (a lost signal that ends within the last seconds of a recording is now
 * reported, then closed by the ping).
 *
 * <p>State: {@value #PENDING} (pings of the buffered path waiting for the watermark, drained by the
 * timer at each ping's time) and {@value #STATE} (one {@link TruckState}). Timers: each buffered
 * ping's time; last ping + {@code truck.signalLostAfter} while on a trip (fires with no further
 * ping: the lost-signal alert); last ping + {@code truck.quietGap} while an off-hours / no-permit
 * episode is open; last ping + {@code truck.forgetAfter} (6 h, rounded up to the minute), which
 * closes what is open and clears the state, so a truck that never reports again leaves nothing
 * behind. The watermark at the end of a bounded input fires no silence alert and forgets nothing;
 * once every ping is applied it closes a dumping episode still open.
 */
public final class TruckFunction
        extends KeyedBroadcastProcessFunction<String, GpsPing, ReferenceUpdate, Alert> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TruckFunction.class);
    static final String STATE = "truck-state";
    static final String PENDING = "truck-pending-pings";

    private final ReferenceHolder holder;
    private final boolean fastPath;
    private transient ValueState<TruckState> state;
    private transient EventTimeBuffer<GpsPing> pending;
    private transient Counter duplicates;

    /** Pings older than the last one applied for their truck (read by the tests). */
    transient Counter outOfOrder;

    private transient Counter rulesRejected;
    private transient Map<FixFilter.Reason, Counter> outliers;
    private transient long referenceVersion;
    private transient CityReference reference;
    private transient TruckRules rules;
    private transient Map<String, RouteCorridor> corridors;

    public TruckFunction(ReferenceHolder holder) {
        this(holder, true);
    }

    /**
     * @param fastPath false buffers every ping until the watermark, as before issue 20: the
     *     reference the tests compare the fast path with
     */
    TruckFunction(ReferenceHolder holder, boolean fastPath) {
        this.holder = holder;
        this.fastPath = fastPath;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE, TruckState.class));
        pending =
                new EventTimeBuffer<>(
                        getRuntimeContext()
                                .getMapState(EventTimeBuffer.descriptor(PENDING, GpsPing.class)));
        duplicates = getRuntimeContext().getMetricGroup().counter("truckPingsDuplicate");
        outOfOrder = getRuntimeContext().getMetricGroup().counter("truckPingsOutOfOrderForEntity");
        rulesRejected = getRuntimeContext().getMetricGroup().counter("truckRuleUpdatesRejected");
        outliers = new java.util.EnumMap<>(FixFilter.Reason.class);
        for (FixFilter.Reason r : FixFilter.Reason.values()) {
            outliers.put(
                    r,
                    getRuntimeContext()
                            .getMetricGroup()
                            .addGroup("reason", r.code)
                            .counter("gpsOutliers"));
        }
        referenceVersion = -1;
        rules = TruckRules.DEFAULTS;
    }

    @Override
    public void processElement(GpsPing ping, ReadOnlyContext ctx, Collector<Alert> out)
            throws Exception {
        long t = ping.eventTime();
        TruckState s = state.value();
        boolean olderThanApplied = s != null && t < s.lastPing;
        if (olderThanApplied) {
            outOfOrder.inc();
        }
        if (!fastPath || olderThanApplied || !pending.isEmpty()) {
            // The buffered path: the watermark releases it in event-time order.
            pending.add(ping, t, ctx.timerService());
            return;
        }
        // The fast path: first what the truck's timers due before t would have done, in their
        // order, then the ping as its own timer would have applied it (class comment).
        long after = ctx.timerService().currentWatermark();
        for (long due = nextTimer(s, after, t); due >= 0; due = nextTimer(state.value(), due, t)) {
            ctx.timerService().deleteEventTimeTimer(due);
            advance(due, List.of(), ctx, out);
        }
        advance(t, List.of(ping), ctx, out);
    }

    /**
     * The truck's earliest silence, quiet or forget timer later than {@code after} and earlier than
     * {@code before} (not yet fired: every timer at or before the watermark has), -1 if none.
     */
    private static long nextTimer(TruckState s, long after, long before) {
        long next = -1;
        if (s != null) {
            for (long timer : new long[] {s.silenceTimer, s.quietTimer, s.forgetTimer}) {
                // -1: no such timer
                if (timer >= 0 && timer > after && timer < before && (next < 0 || timer < next)) {
                    next = timer;
                }
            }
        }
        return next;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        advance(timestamp, pending.drain(timestamp), ctx, out);
    }

    /**
     * Event time reaches {@code timestamp}: the pings at that time ({@code due}, in arrival order)
     * are applied, then the silence checks and the forget rule run, and the timers are rescheduled.
     * The one place a truck's event time moves on, from a timer (the watermark) or from the fast
     * path.
     */
    private void advance(
            long timestamp, List<GpsPing> due, ReadOnlyContext ctx, Collector<Alert> out)
            throws Exception {
        TruckState s = state.value();
        if (s == null) {
            if (due.isEmpty()) {
                return;
            }
            s = new TruckState();
        }
        TruckCompliance compliance =
                compliance(holder.get(ctx.getBroadcastState(ReferenceHolder.STATE)));
        long now = ctx.timerService().currentProcessingTime();
        for (GpsPing p : due) {
            TruckCompliance.Outcome o = compliance.observe(s, p, now);
            o.alerts().forEach(out::collect);
            if (o.duplicate()) {
                duplicates.inc();
            } else if (o.outlier() != null) {
                outliers.get(o.outlier()).inc();
            }
        }
        boolean endOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        if (endOfInput && pending.isEmpty()) {
            // Every ping is applied and no more will come: nothing may stay open for ever.
            compliance.inputEnded(s, now).forEach(out::collect);
        }
        if (!endOfInput) {
            compliance.onSilence(s, timestamp, false, now).forEach(out::collect);
            if (s.lastPing >= 0
                    && timestamp >= s.lastPing + rules.forgetAfterMs()
                    && pending.isEmpty()) {
                compliance.forget(s, timestamp, now).forEach(out::collect);
                state.clear();
                return;
            }
        }
        schedule(s, ctx.timerService());
        state.update(s);
    }

    private void schedule(TruckState s, TimerService timers) throws Exception {
        if (s.lastPing < 0) {
            return;
        }
        s.silenceTimer =
                replace(
                        timers,
                        s.silenceTimer,
                        s.trip.onTrip() ? s.lastPing + rules.signalLostMs() : -1);
        s.quietTimer =
                replace(
                        timers,
                        s.quietTimer,
                        s.offHours.active || s.noPermit.active
                                ? s.lastPing + rules.quietGapMs()
                                : -1);
        long forget = (s.lastPing + rules.forgetAfterMs()) / 60_000 * 60_000 + 60_000;
        s.forgetTimer = replace(timers, s.forgetTimer, forget);
    }

    private long replace(TimerService timers, long old, long wanted) throws Exception {
        if (old == wanted) {
            return old;
        }
        if (old >= 0 && !pending.holds(old)) {
            timers.deleteEventTimeTimer(old);
        }
        if (wanted >= 0) {
            timers.registerEventTimeTimer(wanted);
        }
        return wanted;
    }

    private TruckCompliance compliance(CityReference ref) {
        if (ref != reference || ref.version() != referenceVersion) {
            reference = ref;
            referenceVersion = ref.version();
            corridors = new HashMap<>();
            try {
                rules = TruckRules.from(ref.rules());
            } catch (IllegalArgumentException e) {
                // A bad threshold must not stop enforcement: keep the last good rules, say why
                // once.
                rulesRejected.inc();
                LOG.warn(
                        "Truck rules of reference version {} rejected, keeping the previous ones: {}",
                        referenceVersion,
                        e.getMessage());
            }
        }
        return new TruckCompliance(ref, rules, corridors);
    }

    @Override
    public void processBroadcastElement(ReferenceUpdate update, Context ctx, Collector<Alert> out)
            throws Exception {
        holder.update(ctx.getBroadcastState(ReferenceHolder.STATE), update);
    }
}

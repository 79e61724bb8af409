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
 * {@code truckRuleUpdatesRejected}, and {@code gpsOutliers} per {@code reason} (the {@link
 * FixFilter.Reason} codes: fixes the rules ignored).
 *
 * <p>Pings wait in state until the watermark passes them (an event-time timer at each ping's time),
 * so the rules see them in event-time order whatever the arrival order.
 *
 * <p>State: {@value #PENDING} (pings waiting for the watermark, drained by the timer at each ping's
 * time) and {@value #STATE} (one {@link TruckState}). Timers: each buffered ping's time; last ping
 * + {@code truck.signalLostAfter} while on a trip (fires with no further ping: the lost-signal
 * alert); last ping + {@code truck.quietGap} while an off-hours / no-permit episode is open; last
 * ping + {@code truck.forgetAfter} (6 h, rounded up to the minute), which closes what is open and
 * clears the state, so a truck that never reports again leaves nothing behind. The watermark at the
 * end of a bounded input fires no silence alert and forgets nothing; once every ping is applied it
 * closes a dumping episode still open.
 */
public final class TruckFunction
        extends KeyedBroadcastProcessFunction<String, GpsPing, ReferenceUpdate, Alert> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TruckFunction.class);
    static final String STATE = "truck-state";
    static final String PENDING = "truck-pending-pings";

    private final ReferenceHolder holder;
    private transient ValueState<TruckState> state;
    private transient EventTimeBuffer<GpsPing> pending;
    private transient Counter duplicates;
    private transient Counter rulesRejected;
    private transient Map<FixFilter.Reason, Counter> outliers;
    private transient long referenceVersion;
    private transient CityReference reference;
    private transient TruckRules rules;
    private transient Map<String, RouteCorridor> corridors;

    public TruckFunction(ReferenceHolder holder) {
        this.holder = holder;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE, TruckState.class));
        pending =
                new EventTimeBuffer<>(
                        getRuntimeContext()
                                .getMapState(EventTimeBuffer.descriptor(PENDING, GpsPing.class)));
        duplicates = getRuntimeContext().getMetricGroup().counter("truckPingsDuplicate");
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
        pending.add(ping, ping.eventTime(), ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<GpsPing> due = pending.drain(timestamp);
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

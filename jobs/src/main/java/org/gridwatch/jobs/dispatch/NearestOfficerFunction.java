package org.gridwatch.jobs.dispatch;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.jobs.dispatch.logic.DispatchRules;
import org.gridwatch.jobs.dispatch.logic.Fix;
import org.gridwatch.jobs.dispatch.logic.FixTrail;
import org.gridwatch.jobs.dispatch.logic.NearestOfficers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The nearest-officer join, keyed by cell: officer fixes and alert revisions of one cell meet here,
 * and each revision leaves with the officers {@link NearestOfficers} picks for its own event time.
 * It is a join in event time, not "the latest position this operator happened to see": a revision
 * waits until the watermark reaches its event time, when every fix at or before that time has
 * arrived, so a replay, a run with faults and a run without give the same lists.
 *
 * <p>State per cell: {@value #FIXES} (officer id to that officer's fixes, {@link FixTrail}) and
 * {@value #WAITING} (event time to the revisions waiting for the watermark to reach it). Clearing:
 * a fix more than {@link DispatchRules#RETENTION_MS} behind the watermark is dropped when the same
 * officer's next fix arrives, and at the clean-up timer each fix sets (its time plus the retention,
 * rounded up to the minute), which drops the officer's entry once it is empty, so a cell nobody has
 * been in for half an hour holds nothing. A waiting revision leaves at its timer (the watermark
 * reaching its event time) and its entry is removed then.
 *
 * <p>Why the retention is longer than the freshness limit: a revision whose event time the
 * watermark has already passed when it arrives (a detection's timer can emit one) is answered at
 * once from the fixes kept; the slack ({@link DispatchRules#LATE_ALERT_SLACK_MS}) keeps those
 * answers the same as if it had waited. One later than that may miss officers; the metric {@code
 * nearestOfficersLateAlerts} counts them.
 */
public final class NearestOfficerFunction
        extends KeyedBroadcastProcessFunction<Long, CellInput, ReferenceUpdate, Alert> {
    private static final long serialVersionUID = 1L;
    static final String FIXES = "dispatch-officer-fixes";
    static final String WAITING = "dispatch-waiting-alerts";

    /** Waiting revisions of one instant leave in this order, whatever order they came in. */
    private static final Comparator<Alert> ORDER =
            Comparator.comparing(Alert::alertId).thenComparingInt(Alert::revision);

    private final ReferenceHolder holder;
    private transient MapState<String, List<Fix>> fixes;
    private transient MapState<Long, List<Alert>> waiting;
    private transient Counter lateAlerts;
    private transient Counter staleFixes;

    public NearestOfficerFunction(ReferenceHolder holder) {
        this.holder = holder;
    }

    @Override
    public void open(OpenContext openContext) {
        fixes =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        FIXES,
                                        Types.STRING,
                                        Types.LIST(TypeInformation.of(Fix.class))));
        waiting =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        WAITING,
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(Alert.class))));
        lateAlerts = getRuntimeContext().getMetricGroup().counter("nearestOfficersLateAlerts");
        staleFixes = getRuntimeContext().getMetricGroup().counter("nearestOfficersStaleFixes");
    }

    @Override
    public void processElement(CellInput in, ReadOnlyContext ctx, Collector<Alert> out)
            throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (in.isAlert()) {
            Alert a = in.alert();
            if (a.eventTime() <= watermark) {
                if (a.eventTime() < minus(watermark, DispatchRules.LATE_ALERT_SLACK_MS)) {
                    lateAlerts.inc();
                }
                out.collect(enrich(a, ctx.getBroadcastState(ReferenceHolder.STATE)));
                return;
            }
            List<Alert> due = waiting.get(a.eventTime());
            List<Alert> next = due == null ? new ArrayList<>() : new ArrayList<>(due);
            next.add(a);
            waiting.put(a.eventTime(), next);
            ctx.timerService().registerEventTimeTimer(a.eventTime());
            return;
        }
        long cutoff = minus(watermark, DispatchRules.RETENTION_MS);
        if (in.time() < cutoff) {
            staleFixes.inc();
            return;
        }
        List<Fix> trail =
                FixTrail.add(fixes.get(in.officerId()), new Fix(in.time(), in.lat(), in.lon()));
        fixes.put(in.officerId(), FixTrail.dropBefore(trail, cutoff));
        ctx.timerService().registerEventTimeTimer(cleanupTime(in.time()));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<Alert> due = waiting.get(timestamp);
        if (due != null) {
            List<Alert> sorted = new ArrayList<>(due);
            sorted.sort(ORDER);
            ReadOnlyBroadcastState<String, ReferenceUpdate> reference =
                    ctx.getBroadcastState(ReferenceHolder.STATE);
            for (Alert a : sorted) {
                out.collect(enrich(a, reference));
            }
            waiting.remove(timestamp);
        }
        // Every waiting revision is at a later time than this timer, so it needs no fix before
        // timestamp - freshness, and the cut-off is earlier still.
        long cutoff = minus(timestamp, DispatchRules.RETENTION_MS);
        List<String> empty = new ArrayList<>();
        List<Map.Entry<String, List<Fix>>> shorter = new ArrayList<>();
        for (Map.Entry<String, List<Fix>> e : fixes.entries()) {
            List<Fix> kept = FixTrail.dropBefore(e.getValue(), cutoff);
            if (kept.isEmpty()) {
                empty.add(e.getKey());
            } else if (kept != e.getValue()) {
                shorter.add(Map.entry(e.getKey(), kept));
            }
        }
        for (String officer : empty) {
            fixes.remove(officer);
        }
        for (Map.Entry<String, List<Fix>> e : shorter) {
            fixes.put(e.getKey(), e.getValue());
        }
    }

    @Override
    public void processBroadcastElement(ReferenceUpdate update, Context ctx, Collector<Alert> out)
            throws Exception {
        holder.update(ctx.getBroadcastState(ReferenceHolder.STATE), update);
    }

    private Alert enrich(Alert a, ReadOnlyBroadcastState<String, ReferenceUpdate> reference)
            throws Exception {
        return a.withNearestOfficers(
                NearestOfficers.select(
                        a.lat(), a.lon(), a.eventTime(), fixes.entries(), holder.get(reference)));
    }

    /** The fix's clean-up instant: its time plus the retention, rounded up to the minute. */
    static long cleanupTime(long fixTime) {
        long t = fixTime + DispatchRules.RETENTION_MS;
        long r = DispatchRules.CLEANUP_ROUNDING_MS;
        return Math.floorDiv(t + r - 1, r) * r;
    }

    /** {@code time - span}, without wrapping around at the start of time (no watermark yet). */
    private static long minus(long time, long span) {
        return time < Long.MIN_VALUE + span ? Long.MIN_VALUE : time - span;
    }
}

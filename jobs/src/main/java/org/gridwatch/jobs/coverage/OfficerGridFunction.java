package org.gridwatch.jobs.coverage;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import org.gridwatch.common.city.Grid;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.model.EntityType;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.reference.CityReference;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Officer side of the coverage detection, keyed by officer id: assigns each officer ping to its
 * unit grid (spatial index built once per reference version) and tells that grid; marks the ping
 * that begins a visit. It also carries the GPS event-time clock to the grids, without a signal per
 * grid: whenever the newest ping this instance has seen enters a new tick ({@code coverage.tick}, 1
 * min), one {@link GridBroadcast#clock} record goes to the {@link #CLOCK} side output, which the
 * detection broadcasts to every instance of {@link GridCoverageFunction} (a grid knows how far the
 * data goes from it: a bounded replay never raises absence alerts past its last ping). A grid
 * nobody enters still needs state and timers: each grid of the reference gets a keyed {@link
 * GridSignal#start} on this instance's first {@value #START_TICKS} ticks after it joined the
 * reference (as seen here), at those ticks; the first is what the per-grid tick of earlier releases
 * was, the others are spares (a grid side that learns of the grid later keeps the first start until
 * its reference has the grid, see {@link GridCoverageFunction}). Which grids were started is not
 * checkpointed: after a restore every grid is started again (the grid side ignores a start but for
 * the clock it carries). Every parallel instance does this; the grid side is idempotent. The newest
 * tick is checkpointed as operator list state {@value #LAST_TICK} (a restored instance takes the
 * largest value it gets back: the grids were told that far before the checkpoint), so a restore
 * does not send a tick again. Not union state, which Flink cannot checkpoint while some instances
 * have finished and others not.
 *
 * <p>State per officer: {@value #CURSOR} (grid and time of the newest ping). Clearing: an
 * event-time timer, rounded to 10 minutes, at newest ping + {@code coverage.officerRetention} (1 h)
 * clears it when the officer has been silent that long. Broadcast state is the reference (never
 * cleared).
 */
public final class OfficerGridFunction
        extends KeyedBroadcastProcessFunction<String, GpsPing, ReferenceUpdate, GridSignal>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    static final String CURSOR = "officer-grid-cursor";
    static final String LAST_TICK = "officer-grid-last-tick";
    private static final long TIMER_ROUND_MS = 600_000L;

    /** Ticks on which a grid new to the reference gets a start from each instance. */
    static final int START_TICKS = 3;

    /** The GPS clock of this instance, one record per tick, to broadcast to the grid side. */
    public static final OutputTag<GridBroadcast> CLOCK =
            new OutputTag<>("coverage-clock", TypeInformation.of(GridBroadcast.class));

    private final ReferenceHolder holder;
    private transient ValueState<OfficerCursor> cursor;
    private transient long lastTick;
    private transient ListState<Long> lastTickState;
    private transient Counter outsideAnyGrid;

    /** Reference version whose grids were last compared with {@link #known}. */
    private transient long knownVersion;

    /** Grids of the reference this instance has begun to start. */
    private transient Set<String> known;

    /** Grids still to get a start, and how many ticks more. */
    private transient Map<String, Integer> startsLeft;

    public OfficerGridFunction(ReferenceHolder holder) {
        this.holder = holder;
    }

    @Override
    public void initializeState(FunctionInitializationContext ctx) throws Exception {
        lastTickState =
                ctx.getOperatorStateStore()
                        .getListState(new ListStateDescriptor<>(LAST_TICK, Types.LONG));
        lastTick = Long.MIN_VALUE;
        for (Long t : lastTickState.get()) {
            lastTick = Math.max(lastTick, t);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext ctx) throws Exception {
        lastTickState.update(List.of(lastTick));
    }

    @Override
    public void open(OpenContext openContext) {
        cursor =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>(CURSOR, OfficerCursor.class));
        outsideAnyGrid = getRuntimeContext().getMetricGroup().counter("officerPingsOutsideGrids");
        knownVersion = Long.MIN_VALUE;
        known = new HashSet<>();
        startsLeft = new LinkedHashMap<>();
    }

    @Override
    public void processElement(GpsPing ping, ReadOnlyContext ctx, Collector<GridSignal> out)
            throws Exception {
        if (ping.entityType() != EntityType.OFFICER) {
            return;
        }
        CityReference ref = holder.get(ctx.getBroadcastState(ReferenceHolder.STATE));
        long tickMs = CoverageRules.tickMs(ref);
        long tick = Math.floorDiv(ping.eventTime(), tickMs) * tickMs;
        if (tick > lastTick) {
            lastTick = tick;
            ctx.output(CLOCK, GridBroadcast.clock(tick));
            start(ref, tick, out);
        }
        Grid g = ref.gridAt(ping.lat(), ping.lon());
        OfficerCursor c = cursor.value();
        boolean newest = c == null || ping.eventTime() > c.time;
        String previousGrid = c == null ? null : c.gridCode;
        long previousTime = c == null ? Long.MIN_VALUE : c.time;
        if (newest) {
            cursor.update(new OfficerCursor(g == null ? null : g.gridCode(), ping.eventTime()));
            long expiry =
                    ((ping.eventTime() + CoverageRules.officerRetentionMs(ref)) / TIMER_ROUND_MS
                                    + 1)
                            * TIMER_ROUND_MS;
            ctx.timerService().registerEventTimeTimer(expiry);
        }
        if (g == null) {
            outsideAnyGrid.inc();
            return;
        }
        boolean entered =
                !newest
                        ? false
                        : !g.gridCode().equals(previousGrid)
                                || ping.eventTime() - previousTime > CoverageRules.visitGapMs(ref);
        out.collect(
                new GridSignal(
                        g.gridCode(),
                        ping.eventTime(),
                        ping.entityId(),
                        entered,
                        ping.lat(),
                        ping.lon()));
    }

    /**
     * Sends a start to each grid that joined the reference lately (on its first {@link
     * #START_TICKS} ticks here); the grid set is compared only when the reference changed.
     */
    private void start(CityReference ref, long tick, Collector<GridSignal> out) {
        if (ref.version() != knownVersion) {
            knownVersion = ref.version();
            Set<String> grids = ref.grids().keySet();
            known.retainAll(grids);
            startsLeft.keySet().retainAll(grids);
            for (String code : grids) {
                if (known.add(code)) {
                    startsLeft.put(code, START_TICKS);
                }
            }
        }
        for (var it = startsLeft.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            out.collect(GridSignal.start(e.getKey(), tick));
            if (e.getValue() <= 1) {
                it.remove();
            } else {
                e.setValue(e.getValue() - 1);
            }
        }
    }

    @Override
    public void processBroadcastElement(
            ReferenceUpdate update, Context ctx, Collector<GridSignal> out) throws Exception {
        holder.update(ctx.getBroadcastState(ReferenceHolder.STATE), update);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<GridSignal> out)
            throws Exception {
        OfficerCursor c = cursor.value();
        if (c == null) {
            return;
        }
        CityReference ref = holder.get(ctx.getBroadcastState(ReferenceHolder.STATE));
        if (timestamp >= c.time + CoverageRules.officerRetentionMs(ref)) {
            cursor.clear();
        }
    }
}

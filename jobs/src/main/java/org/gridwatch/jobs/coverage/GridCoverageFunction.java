package org.gridwatch.jobs.coverage;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.jobs.coverage.logic.CoverageDecisions;
import org.gridwatch.jobs.coverage.logic.CoverageDocuments;
import org.gridwatch.jobs.coverage.logic.GridCoverage;

/**
 * Grid side of the coverage detection, keyed by grid code: the duty clock of each grid raises
 * GRID_UNCOVERED in event time, also for grids nobody enters (each grid gets a start from {@link
 * OfficerGridFunction} when it joins the reference), and writes one coverage document per grid and
 * hour ({@link CoverageDocuments}) to the {@link #COVERAGE_DOCS} side output. The rule, its
 * defaults and its known false alarms are in {@link CoverageDecisions}; this function keeps the
 * state, sets the timers and emits what the detection returns.
 *
 * <p>The GPS clock arrives by broadcast ({@link GridBroadcast#clock}, one record per officer
 * instance and tick, together with the reference updates): this instance keeps the newest one, and
 * a grid's newest input is the later of its own inputs and that clock. Timers: an event-time timer
 * at the next instant something can happen (a buffered presence, the gap deadline, the end of duty,
 * the end of the hour). A timer only advances the grid as far as the data reaches ({@code
 * min(timer, newest input time)}); when the watermark has passed a wake-up the clock has not yet
 * reached, the grid looks again at the next watermark. So the final watermark of a bounded input
 * never invents alerts past the end of the data.
 *
 * <p>State per grid: {@value #COVERAGE} (duty clock, buffered presences until the watermark passes
 * them, the current hour's bucket, flushed every hour) and {@value #EPISODE} (the open alert,
 * cleared when it closes). Clearing: one entry per grid of the reference, so state is bounded by
 * the number of grids; when a grid leaves the reference (DELETE), the next timer of that grid
 * closes any open alert and clears both. Broadcast state: the reference (never cleared) and {@link
 * #CLOCK_STATE}, the newest GPS clock (one entry, overwritten).
 *
 * <p>A start can arrive before this side's reference has the grid (the officer side saw the UPSERT
 * first; during a fast replay its 3 start ticks can pass in milliseconds). The start is then kept
 * as {@value #WAITING}, the time of the grid's first start (a Long), with an event-time timer each
 * {@code coverage.tick}: at the first timer at which the reference has the grid (or at the grid's
 * next start, whichever comes first) the grid starts with its observation from that time and the
 * marker is cleared. Clearing: a grid still unknown {@code coverage.officerRetention} (1 h) of
 * event time after its first start has its marker cleared (and no further timer), counted in the
 * metric {@code gridStartsDropped}; so the markers are bounded by the grids added within that time.
 */
public final class GridCoverageFunction
        extends KeyedBroadcastProcessFunction<String, GridSignal, GridBroadcast, Alert> {
    private static final long serialVersionUID = 1L;
    static final String COVERAGE = "grid-coverage";
    static final String EPISODE = "grid-uncovered-episode";
    static final String WAITING = "grid-start-waiting";
    public static final OutputTag<EsWriteRequest> COVERAGE_DOCS =
            new OutputTag<>("coverage-docs", TypeInformation.of(EsWriteRequest.class));

    /** The newest GPS clock of the officer side (key {@value #CLOCK_KEY}). */
    public static final MapStateDescriptor<String, Long> CLOCK_STATE =
            new MapStateDescriptor<>("coverage-gps-clock", Types.STRING, Types.LONG);

    private static final String CLOCK_KEY = "clock";

    private final ReferenceHolder holder;
    private transient ValueState<GridCoverage> coverage;
    private transient ValueState<Episode> episode;

    /** Time of the first start of a grid this side does not know yet (see the class comment). */
    private transient ValueState<Long> waiting;

    private transient Counter startsDropped;

    /** {@link #CLOCK_STATE}'s value, read at first use (after a restore too). */
    private transient long clock;

    private transient boolean clockRead;

    public GridCoverageFunction(ReferenceHolder holder) {
        this.holder = holder;
    }

    @Override
    public void open(OpenContext openContext) {
        coverage =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>(COVERAGE, GridCoverage.class));
        episode = getRuntimeContext().getState(new ValueStateDescriptor<>(EPISODE, Episode.class));
        waiting = getRuntimeContext().getState(new ValueStateDescriptor<>(WAITING, Types.LONG));
        startsDropped = getRuntimeContext().getMetricGroup().counter("gridStartsDropped");
    }

    @Override
    public void processElement(GridSignal signal, ReadOnlyContext ctx, Collector<Alert> out)
            throws Exception {
        CityReference ref = holder.get(ctx.getBroadcastState(ReferenceHolder.STATE));
        Grid grid = ref.grids().get(ctx.getCurrentKey());
        GridCoverage c = coverage.value();
        if (grid == null) {
            if (signal.isStart() && c == null) {
                await(signal.time(), CoverageRules.tickMs(ref), ctx);
            }
            return;
        }
        if (c == null) {
            c = new GridCoverage();
            Long firstStart = waiting.value();
            if (firstStart != null) {
                c.observe(firstStart);
                waiting.clear();
            }
        }
        long watermark = ctx.timerService().currentWatermark();
        if (signal.isStart()) {
            c.observe(signal.time());
            c.reach(clock(ctx.getBroadcastState(CLOCK_STATE)));
            if (CoverageDecisions.tickOnlyMovesClock(c, watermark)) {
                coverage.update(c);
                return;
            }
        } else {
            c.add(signal.presence());
            c.reach(clock(ctx.getBroadcastState(CLOCK_STATE)));
        }
        run(c, detection(grid, ref), watermark, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        GridCoverage c = coverage.value();
        CityReference ref = holder.get(ctx.getBroadcastState(ReferenceHolder.STATE));
        Grid grid = ref.grids().get(ctx.getCurrentKey());
        if (c == null) {
            Long firstStart = waiting.value();
            if (firstStart == null) {
                return;
            }
            if (grid == null) {
                if (timestamp >= firstStart + CoverageRules.officerRetentionMs(ref)) {
                    waiting.clear();
                    startsDropped.inc();
                } else {
                    ctx.timerService()
                            .registerEventTimeTimer(timestamp + CoverageRules.tickMs(ref));
                }
                return;
            }
            // The reference has the grid now: it starts where its first start was.
            c = new GridCoverage();
            c.observe(firstStart);
            waiting.clear();
        } else if (grid == null) {
            CoverageDecisions.gridRemoved(
                            episode.value(), c, ctx.timerService().currentProcessingTime())
                    .forEach(out::collect);
            coverage.clear();
            episode.clear();
            return;
        }
        c.reach(clock(ctx.getBroadcastState(CLOCK_STATE)));
        run(c, detection(grid, ref), timestamp, ctx, out);
    }

    @Override
    public void processBroadcastElement(GridBroadcast element, Context ctx, Collector<Alert> out)
            throws Exception {
        if (!element.isClock()) {
            holder.update(ctx.getBroadcastState(ReferenceHolder.STATE), element.reference());
            return;
        }
        BroadcastState<String, Long> state = ctx.getBroadcastState(CLOCK_STATE);
        if (element.clock() > clock(state)) {
            clock = element.clock();
            state.put(CLOCK_KEY, clock);
        }
    }

    /**
     * A start for a grid this side does not know yet: keeps the earliest start time and, for the
     * first, a timer a tick later to look at the reference again.
     */
    private void await(long start, long tickMs, ReadOnlyContext ctx) throws Exception {
        Long kept = waiting.value();
        if (kept == null) {
            ctx.timerService().registerEventTimeTimer(start + tickMs);
        }
        if (kept == null || start < kept) {
            waiting.update(start);
        }
    }

    /** The newest GPS clock this instance has been told. */
    private long clock(ReadOnlyBroadcastState<String, Long> state) throws Exception {
        if (!clockRead) {
            Long kept = state.get(CLOCK_KEY);
            clock = kept == null ? GridCoverage.NONE : kept;
            clockRead = true;
        }
        return clock;
    }

    private static CoverageDecisions detection(Grid grid, CityReference ref) {
        return new CoverageDecisions(grid, CoverageRules.of(grid, ref), ref.zone());
    }

    /**
     * Advances the grid to {@code upTo} (the watermark or a timer time) and keeps, emits and
     * schedules what that produced.
     */
    private void run(
            GridCoverage c,
            CoverageDecisions detection,
            long upTo,
            ReadOnlyContext ctx,
            Collector<Alert> out)
            throws Exception {
        CoverageDecisions.Outcome o =
                detection.advance(
                        c,
                        episode.value(),
                        upTo,
                        ctx.timerService().currentWatermark(),
                        ctx.timerService().currentProcessingTime());
        o.documents().forEach(d -> ctx.output(COVERAGE_DOCS, d));
        o.alerts().forEach(out::collect);
        if (o.episode() == null) {
            episode.clear();
        } else {
            episode.update(o.episode());
        }
        coverage.update(c);
        if (o.timer().isPresent()) {
            ctx.timerService().registerEventTimeTimer(o.timer().getAsLong());
        }
    }
}

package org.gridwatch.jobs.coverage;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.jobs.coverage.logic.CoverageDecisions;
import org.gridwatch.jobs.coverage.logic.CoverageDocuments;
import org.gridwatch.jobs.coverage.logic.GridCoverage;

/**
 * Grid side of the coverage detection, keyed by grid code: the duty clock of each grid raises
 * GRID_UNCOVERED in event time, also for grids nobody enters (the clock ticks of {@link
 * OfficerGridFunction} reach every grid), and writes one coverage document per grid and hour
 * ({@link CoverageDocuments}) to the {@link #COVERAGE_DOCS} side output. The rule, its defaults and
 * its known false alarms are in {@link CoverageDecisions}; this function keeps the state, sets the
 * timers and emits what the detection returns.
 *
 * <p>Timers: an event-time timer at the next instant something can happen (a buffered presence, the
 * gap deadline, the end of duty, the end of the hour). A timer only advances the grid as far as the
 * data reaches ({@code min(timer, newest input time)}); later ticks take it further. So the final
 * watermark of a bounded input never invents alerts past the end of the data.
 *
 * <p>State per grid: {@value #COVERAGE} (duty clock, buffered presences until the watermark passes
 * them, the current hour's bucket, flushed every hour) and {@value #EPISODE} (the open alert,
 * cleared when it closes). Clearing: one entry per grid of the reference, so state is bounded by
 * the number of grids; when a grid leaves the reference (DELETE), the next timer of that grid
 * closes any open alert and clears both.
 */
public final class GridCoverageFunction
        extends KeyedBroadcastProcessFunction<String, GridSignal, ReferenceUpdate, Alert> {
    private static final long serialVersionUID = 1L;
    static final String COVERAGE = "grid-coverage";
    static final String EPISODE = "grid-uncovered-episode";
    public static final OutputTag<EsWriteRequest> COVERAGE_DOCS =
            new OutputTag<>("coverage-docs", TypeInformation.of(EsWriteRequest.class));

    private final ReferenceHolder holder;
    private transient ValueState<GridCoverage> coverage;
    private transient ValueState<Episode> episode;

    public GridCoverageFunction(ReferenceHolder holder) {
        this.holder = holder;
    }

    @Override
    public void open(OpenContext openContext) {
        coverage =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>(COVERAGE, GridCoverage.class));
        episode = getRuntimeContext().getState(new ValueStateDescriptor<>(EPISODE, Episode.class));
    }

    @Override
    public void processElement(GridSignal signal, ReadOnlyContext ctx, Collector<Alert> out)
            throws Exception {
        CityReference ref = holder.get(ctx.getBroadcastState(ReferenceHolder.STATE));
        Grid grid = ref.grids().get(ctx.getCurrentKey());
        GridCoverage c = coverage.value();
        if (grid == null) {
            return;
        }
        if (c == null) {
            c = new GridCoverage();
        }
        long watermark = ctx.timerService().currentWatermark();
        if (signal.isTick()) {
            c.observe(signal.time());
            if (CoverageDecisions.tickOnlyMovesClock(c, watermark)) {
                coverage.update(c);
                return;
            }
        } else {
            c.add(signal.presence());
        }
        run(c, detection(grid, ref), watermark, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        GridCoverage c = coverage.value();
        if (c == null) {
            return;
        }
        CityReference ref = holder.get(ctx.getBroadcastState(ReferenceHolder.STATE));
        Grid grid = ref.grids().get(ctx.getCurrentKey());
        if (grid == null) {
            CoverageDecisions.gridRemoved(
                            episode.value(), c, ctx.timerService().currentProcessingTime())
                    .forEach(out::collect);
            coverage.clear();
            episode.clear();
            return;
        }
        run(c, detection(grid, ref), timestamp, ctx, out);
    }

    @Override
    public void processBroadcastElement(ReferenceUpdate update, Context ctx, Collector<Alert> out)
            throws Exception {
        holder.update(ctx.getBroadcastState(ReferenceHolder.STATE), update);
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

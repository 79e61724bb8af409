package org.gridwatch.jobs.coverage;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.model.Severity;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.jobs.coverage.logic.GapRule;
import org.gridwatch.jobs.coverage.logic.GridCoverage;
import org.gridwatch.jobs.coverage.logic.HourBucket;
import org.gridwatch.jobs.coverage.logic.Presence;
import org.locationtech.jts.geom.Point;

/**
 * Grid side of the coverage detection, keyed by grid code: the duty clock of each grid
 * ({@link GridCoverage}) raises GRID_UNCOVERED in event time, also for grids nobody enters (the clock
 * ticks of {@link OfficerGridFunction} reach every grid), and writes one coverage document per grid
 * and hour to the {@link #COVERAGE_DOCS} side output.
 *
 * <p>Timers: an event-time timer at the next instant something can happen (a buffered presence, the
 * gap deadline, the end of duty, the end of the hour). A timer only advances the grid as far as the
 * data reaches ({@code min(timer, newest input time)}); later ticks take it further. So the final
 * watermark of a bounded input never invents alerts past the end of the data.
 *
 * <p>State per grid: {@value #COVERAGE} (duty clock, buffered presences until the watermark passes
 * them, the current hour's bucket, flushed every hour) and {@value #EPISODE} (the open alert,
 * cleared when it closes). Clearing: one entry per grid of the reference, so state is bounded by the
 * number of grids; when a grid leaves the reference (DELETE), the next timer of that grid closes any
 * open alert and clears both.
 */
public final class GridCoverageFunction extends KeyedBroadcastProcessFunction<String, GridSignal, ReferenceUpdate, Alert> {
    private static final long serialVersionUID = 1L;
    public static final String INDEX = "gridwatch-coverage";
    static final String COVERAGE = "grid-coverage";
    static final String EPISODE = "grid-uncovered-episode";
    public static final OutputTag<EsWriteRequest> COVERAGE_DOCS = new OutputTag<>("coverage-docs", TypeInformation.of(EsWriteRequest.class));

    private final ReferenceHolder holder;
    private transient ValueState<GridCoverage> coverage;
    private transient ValueState<Episode> episode;

    public GridCoverageFunction(ReferenceHolder holder) {
        this.holder = holder;
    }

    @Override
    public void open(OpenContext openContext) {
        coverage = getRuntimeContext().getState(new ValueStateDescriptor<>(COVERAGE, GridCoverage.class));
        episode = getRuntimeContext().getState(new ValueStateDescriptor<>(EPISODE, Episode.class));
    }

    @Override
    public void processElement(GridSignal signal, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        CityReference ref = holder.get(ctx.getBroadcastState(ReferenceHolder.STATE));
        Grid grid = ref.grids().get(ctx.getCurrentKey());
        GridCoverage c = coverage.value();
        if (grid == null) {
            return;
        }
        if (c == null) {
            c = new GridCoverage();
        }
        if (signal.isTick()) {
            c.observe(signal.time());
            if (c.pending.isEmpty() && Math.min(ctx.timerService().currentWatermark(), c.clock) < c.wakeAt) {
                // Nothing can happen before the next wake-up: the tick only moves the clock (the hot path).
                coverage.update(c);
                return;
            }
        } else {
            c.add(signal.presence());
        }
        long wm = ctx.timerService().currentWatermark();
        run(c, grid, ref, Math.min(wm, c.clock), ctx, out, ctx.timerService().currentProcessingTime(), new SideOut(ctx));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        GridCoverage c = coverage.value();
        if (c == null) {
            return;
        }
        CityReference ref = holder.get(ctx.getBroadcastState(ReferenceHolder.STATE));
        Grid grid = ref.grids().get(ctx.getCurrentKey());
        long now = ctx.timerService().currentProcessingTime();
        if (grid == null) {
            Episode e = episode.value();
            if (e != null) {
                out.collect(e.close(Math.max(e.episodeStart, c.processedTo), now, "网格已撤销，告警关闭", "Grid removed from the reference; alert closed"));
            }
            coverage.clear();
            episode.clear();
            return;
        }
        run(c, grid, ref, Math.min(timestamp, c.clock), ctx, out, now, new SideOut(ctx));
    }

    @Override
    public void processBroadcastElement(ReferenceUpdate update, Context ctx, Collector<Alert> out) throws Exception {
        holder.update(ctx.getBroadcastState(ReferenceHolder.STATE), update);
    }

    /** Where hourly documents go (the side output of either context). */
    private interface Docs {
        void emit(EsWriteRequest r);
    }

    private record SideOut(Docs docs) implements Docs {
        SideOut(ReadOnlyContext ctx) {
            this((Docs) r -> ctx.output(COVERAGE_DOCS, r));
        }

        SideOut(OnTimerContext ctx) {
            this((Docs) r -> ctx.output(COVERAGE_DOCS, r));
        }

        @Override
        public void emit(EsWriteRequest r) {
            docs.emit(r);
        }
    }

    private void run(GridCoverage c, Grid grid, CityReference ref, long to, ReadOnlyContext ctx, Collector<Alert> out, long now, Docs docs)
            throws Exception {
        GapRule rule = CoverageRules.of(grid, ref);
        Episode[] current = {episode.value()};
        List<Alert> alerts = new ArrayList<>();
        c.advance(to, rule, new GridCoverage.Listener() {
            @Override
            public void opened(long at, long lastSeen) {
                current[0] = openEpisode(grid, rule, at, lastSeen);
                long minutes = rule.maxGapMs() / 60_000;
                alerts.add(current[0].emit(at, now,
                        String.format("网格%s（%s）已超过%d分钟无人巡查（值守时段%s）", grid.gridCode(), grid.communityName(), minutes, rule.duty()),
                        String.format("Grid %s (%s) has had no officer inside for more than %d min during duty hours %s", grid.gridCode(),
                                grid.communityName(), minutes, rule.duty())));
            }

            @Override
            public void closed(long at, Presence arrival) {
                Episode e = current[0];
                if (e == null) {
                    return;
                }
                long minutes = (at - e.episodeStart + rule.maxGapMs()) / 60_000;
                if (arrival != null) {
                    e.attribute("closedBy", arrival.officerId());
                    e.evidence(new Evidence("gps", arrival.officerId(), arrival.time(), arrival.lat(), arrival.lon(), "officer arrived"));
                    alerts.add(e.close(at, now,
                            String.format("网格%s已有队员%s到岗，无人巡查约%d分钟", grid.gridCode(), arrival.officerId(), minutes),
                            String.format("Officer %s arrived in grid %s after about %d min without patrol", arrival.officerId(), grid.gridCode(), minutes)));
                } else {
                    e.attribute("closedBy", "dutyEnded");
                    alerts.add(e.close(at, now,
                            String.format("网格%s值守时段结束，期间约%d分钟无人巡查", grid.gridCode(), minutes),
                            String.format("Duty hours ended in grid %s after about %d min without patrol", grid.gridCode(), minutes)));
                }
                current[0] = null;
            }

            @Override
            public void hour(HourBucket b) {
                if (b.duty || !b.isEmpty()) {
                    docs.emit(coverageDocument(grid, b, ref.zone()));
                }
            }
        });
        alerts.forEach(out::collect);
        if (current[0] == null) {
            episode.clear();
        } else {
            episode.update(current[0]);
        }
        long wake = c.nextWake(rule);
        c.wakeAt = wake;
        coverage.update(c);
        // A wake-up the watermark has already passed but the data has not reached would fire at once
        // and find nothing to do: the next input (a tick) takes the grid there instead.
        boolean fireable = wake <= c.clock || wake > ctx.timerService().currentWatermark();
        if (wake != Long.MAX_VALUE && wake > c.processedTo && fireable) {
            ctx.timerService().registerEventTimeTimer(wake);
        }
    }

    static Episode openEpisode(Grid grid, GapRule rule, long at, long lastSeen) {
        Point p = grid.polygon().getInteriorPoint();
        Episode e = Episode.open(AlertType.GRID_UNCOVERED, "GRID", grid.gridCode(), at, Severity.MEDIUM)
                .at(p.getY(), p.getX(), grid.gridCode(), grid.districtName());
        e.attribute("maxGapMinutes", Long.toString(rule.maxGapMs() / 60_000))
                .attribute("duty", rule.duty().toString())
                .attribute("street", grid.streetName())
                .attribute("community", grid.communityName())
                .attribute("lastOfficerSeen", lastSeen == GridCoverage.NONE ? null : Instant.ofEpochMilli(lastSeen).toString());
        e.evidence(new Evidence("grid", grid.gridCode(), at, p.getY(), p.getX(),
                lastSeen == GridCoverage.NONE ? "no officer seen since duty began" : "last officer ping " + Instant.ofEpochMilli(lastSeen)));
        return e;
    }

    static EsWriteRequest coverageDocument(Grid grid, HourBucket b, ZoneId zone) {
        var n = Json.MAPPER.createObjectNode();
        n.put("gridCode", grid.gridCode());
        n.put("district", grid.districtName());
        n.put("street", grid.streetName());
        n.put("community", grid.communityName());
        int hourOfDay = Instant.ofEpochMilli(b.start).atZone(zone).getHour();
        n.put("shift", !b.duty ? "off-duty" : hourOfDay < 14 ? "early" : "late");
        n.put("hourOfDay", hourOfDay);
        n.put("bucketStart", Json.iso(b.start));
        n.put("duty", b.duty);
        n.put("minutesCovered", b.minutesCovered());
        n.put("visits", b.visits);
        n.put("distinctOfficers", b.officers.size());
        var officers = n.putArray("officers");
        b.officers.forEach(officers::add);
        return new EsWriteRequest(INDEX, grid.gridCode() + "@" + Json.iso(b.start), Json.text(n), EsWriteRequest.NO_VERSION);
    }
}

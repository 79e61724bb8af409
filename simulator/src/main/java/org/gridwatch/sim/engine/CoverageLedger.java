package org.gridwatch.sim.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.geo.GeoIndex;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.rules.DailyWindow;

/**
 * Ground truth of GRID_UNCOVERED, computed from where officers actually were (true positions, before
 * GPS noise), whatever the reason a grid went unvisited (an injected skip or a patrol that took too
 * long). The catalogue definition (design.md, domain.md §8): during a duty occurrence
 * [dutyStart, dutyEnd) of a grid, the grid is uncovered from {@code ref + maxGap} on, where
 * {@code ref = max(last officer inside, dutyStart, scenario start)}, until the first officer inside
 * or the end of the duty occurrence.
 *
 * <p>It is also an entity of the simulation that produces no events: its single step at the end of
 * the scenario closes the grids still uncovered.
 */
final class CoverageLedger extends EntitySim {
    private static final class State {
        final Grid grid;
        long lastSeen = Long.MIN_VALUE;
        long processedTo;
        long openSince = Long.MIN_VALUE;

        State(Grid grid, long start) {
            this.grid = grid;
            this.processedTo = start;
        }
    }

    private final Map<String, State> states = new LinkedHashMap<>();
    private final GeoIndex<Grid> index;
    private final LocalProjection proj;
    private final ZoneId zone;
    private final Truth truth;
    private final long start;
    private final long end;
    private boolean finished;

    CoverageLedger(List<Grid> grids, LocalProjection proj, ZoneId zone, Truth truth, long start, long end) {
        this.index = GeoIndex.build(proj, new ArrayList<>(grids), Grid::polygon);
        this.proj = proj;
        this.zone = zone;
        this.truth = truth;
        this.start = start;
        this.end = end;
        for (Grid g : grids) {
            states.put(g.gridCode(), new State(g, start));
        }
    }

    /** An officer was at plane point (x, y) at {@code t}. */
    void officerAt(double x, double y, long t) {
        Grid g = index.firstContaining(proj.lat(y), proj.lon(x));
        if (g == null) {
            return;
        }
        State s = states.get(g.gridCode());
        sweep(s, t);
        if (s.openSince != Long.MIN_VALUE) {
            record(s, t, "officer arrived");
        }
        s.lastSeen = Math.max(s.lastSeen, t);
    }

    private void record(State s, long until, String how) {
        truth.add("GRID_UNCOVERED", s.grid.gridCode(), s.openSince, until,
                "no officer inside since " + (s.lastSeen == Long.MIN_VALUE ? "observation began" : Instant.ofEpochMilli(s.lastSeen))
                        + " (allowed " + s.grid.maxGapMinutes() + " min); ended: " + how);
        s.openSince = Long.MIN_VALUE;
    }

    private void sweep(State s, long to) {
        long cur = s.processedTo;
        long gap = s.grid.maxGapMinutes() * 60_000L;
        while (true) {
            if (s.openSince == Long.MIN_VALUE) {
                long d = deadline(s, cur, gap);
                if (d > to) {
                    break;
                }
                s.openSince = d;
                cur = d;
            } else {
                long e = occurrence(s.grid.duty(), s.openSince)[1];
                if (e > to) {
                    break;
                }
                record(s, e, "duty hours ended");
                cur = e;
            }
        }
        s.processedTo = Math.max(s.processedTo, to);
    }

    private long deadline(State s, long cur, long gap) {
        long[] occ = occurrence(s.grid.duty(), cur);
        for (int i = 0; i < 3 && occ[0] != Long.MAX_VALUE; i++) {
            long ref = Math.max(Math.max(s.lastSeen, start), occ[0]);
            if (ref + gap < occ[1]) {
                return Math.max(ref + gap, cur);
            }
            if (occ[1] == Long.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
            occ = occurrence(s.grid.duty(), occ[1]);
        }
        return Long.MAX_VALUE;
    }

    /** The occurrence of the daily window containing t, or the next one. */
    private long[] occurrence(DailyWindow w, long t) {
        if (w.start().equals(w.end())) {
            return new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
        }
        if (w.contains(t, zone)) {
            LocalDate day = Instant.ofEpochMilli(t).atZone(zone).toLocalDate();
            long s = day.atTime(w.start()).atZone(zone).toInstant().toEpochMilli();
            if (s > t) {
                s = day.minusDays(1).atTime(w.start()).atZone(zone).toInstant().toEpochMilli();
            }
            return new long[] {s, w.nextBoundary(t, zone)};
        }
        long s = w.nextBoundary(t, zone);
        return new long[] {s, w.nextBoundary(s, zone)};
    }

    @Override
    long nextTime() {
        return finished ? Long.MAX_VALUE : end - 1;
    }

    @Override
    SimEvent step() {
        for (State s : states.values()) {
            sweep(s, end);
            if (s.openSince != Long.MIN_VALUE && s.openSince < end) {
                record(s, end, "scenario ended");
            }
        }
        finished = true;
        return null;
    }
}

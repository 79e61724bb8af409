package org.gridwatch.sim.engine;

import org.gridwatch.common.city.Grid;
import org.gridwatch.common.geo.GeoIndex;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.rules.DailyWindow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ground truth of GRID_UNCOVERED, computed from where officers actually were (true positions,
 * before GPS noise), whatever the reason a grid went unvisited (an injected skip or a patrol that
 * took too long). The catalogue definition (docs/alerts.md#grid_uncovered): during a duty
 * occurrence [dutyStart, dutyEnd) of a grid, the grid is uncovered from {@code ref + maxGap} on,
 * where {@code ref = max(last officer inside, dutyStart, scenario start)}, until the first officer
 * inside or the end of the duty occurrence.
 *
 * <p>The episodes are also computed from the officers' reported positions (after GPS noise). Where
 * the two disagree, the input cannot decide: an officer walking just outside a grid's edge whose
 * noisy fixes fall inside it (or one just inside whose fixes fall outside) makes the grid look
 * covered (or uncovered) to any system that sees only the fixes. An episode of the true positions
 * that no episode of the reported ones overlaps, and a reported episode that no true one overlaps,
 * are written as optional truth records (not scored either way, see {@code TruthRecord.optional});
 * every other episode must be raised.
 *
 * <p>It is also an entity of the simulation that produces no events: its single step at the end of
 * the scenario closes the grids still uncovered and writes the truth.
 */
final class CoverageLedger extends EntitySim {
    /** An uncovered interval of one grid, as one kind of officer position shows it. */
    private record Episode(String gridCode, long from, long until, String note) {}

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

    /**
     * The uncovered episodes of every grid from one kind of officer position (true or reported).
     */
    private final class Tracker {
        private final Map<String, State> states = new LinkedHashMap<>();
        private final List<Episode> episodes = new ArrayList<>();

        Tracker(List<Grid> grids) {
            for (Grid g : grids) {
                states.put(g.gridCode(), new State(g, start));
            }
        }

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

        void finish() {
            for (State s : states.values()) {
                sweep(s, end);
                if (s.openSince != Long.MIN_VALUE && s.openSince < end) {
                    record(s, end, "scenario ended");
                }
            }
        }

        private void record(State s, long until, String how) {
            episodes.add(
                    new Episode(
                            s.grid.gridCode(),
                            s.openSince,
                            until,
                            "no officer inside since "
                                    + (s.lastSeen == Long.MIN_VALUE
                                            ? "observation began"
                                            : Instant.ofEpochMilli(s.lastSeen))
                                    + " (allowed "
                                    + s.grid.maxGapMinutes()
                                    + " min); ended: "
                                    + how));
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
    }

    private final GeoIndex<Grid> index;
    private final LocalProjection proj;
    private final ZoneId zone;
    private final Truth truth;
    private final long start;
    private final long end;
    private final Tracker actual;
    private final Tracker reported;
    private boolean finished;

    CoverageLedger(
            List<Grid> grids,
            LocalProjection proj,
            ZoneId zone,
            Truth truth,
            long start,
            long end) {
        this.index = GeoIndex.build(proj, new ArrayList<>(grids), Grid::polygon);
        this.proj = proj;
        this.zone = zone;
        this.truth = truth;
        this.start = start;
        this.end = end;
        this.actual = new Tracker(grids);
        this.reported = new Tracker(grids);
    }

    /** An officer was at plane point (x, y) at {@code t}, and reported (reportedX, reportedY). */
    void officerAt(double x, double y, double reportedX, double reportedY, long t) {
        actual.officerAt(x, y, t);
        reported.officerAt(reportedX, reportedY, t);
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

    /**
     * Writes every true episode (optional when no reported one overlaps it), then the reported-only
     * ones as optional.
     */
    private void writeTruth() {
        Map<String, List<Episode>> reportedByGrid = byGrid(reported.episodes);
        Map<String, List<Episode>> actualByGrid = byGrid(actual.episodes);
        for (Episode a : actual.episodes) {
            boolean decided = overlapsAny(a, reportedByGrid);
            truth.add(
                    "GRID_UNCOVERED",
                    a.gridCode(),
                    a.from(),
                    a.until(),
                    decided
                            ? a.note()
                            : a.note()
                                    + "; not decided by the input: the officers' reported fixes (GPS noise near the edge) put one inside",
                    !decided);
        }
        for (Episode r : reported.episodes) {
            if (!overlapsAny(r, actualByGrid)) {
                truth.add(
                        "GRID_UNCOVERED",
                        r.gridCode(),
                        r.from(),
                        r.until(),
                        "only the reported fixes show it (an officer was inside, near the edge; GPS noise put the fixes outside): "
                                + r.note(),
                        true);
            }
        }
    }

    private static Map<String, List<Episode>> byGrid(List<Episode> episodes) {
        Map<String, List<Episode>> m = new HashMap<>();
        episodes.forEach(e -> m.computeIfAbsent(e.gridCode(), k -> new ArrayList<>()).add(e));
        return m;
    }

    private static boolean overlapsAny(Episode e, Map<String, List<Episode>> others) {
        return others.getOrDefault(e.gridCode(), List.of()).stream()
                .anyMatch(o -> o.from() <= e.until() && o.until() >= e.from());
    }

    @Override
    long nextTime() {
        return finished ? Long.MAX_VALUE : end - 1;
    }

    @Override
    SimEvent step() {
        actual.finish();
        reported.finish();
        writeTruth();
        finished = true;
        return null;
    }
}

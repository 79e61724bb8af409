package org.gridwatch.sim.engine;

import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Officer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which grids their patrol team leaves alone on purpose, and when (injection of GRID_UNCOVERED).
 *
 * <p>Rate {@code GRID_UNCOVERED} is the share of team-grid duty days on which the team skips that
 * grid for 150 to 210 minutes somewhere inside the grid's duty hours (at most one grid per team and
 * day; a team with a single grid never skips it, it would have nowhere else to be). Whether a skip
 * really leaves the grid uncovered past its allowed gap, and for exactly how long, is decided by
 * {@link CoverageLedger} from where every officer actually walked, not here.
 */
final class CoveragePlan {
    private final Map<String, List<long[]>> skips = new HashMap<>();

    static final CoveragePlan NONE = new CoveragePlan();

    static CoveragePlan create(Simulation.Context ctx) {
        double rate = ctx.scenario().violation("GRID_UNCOVERED");
        CoveragePlan plan = new CoveragePlan();
        if (rate <= 0) {
            return plan;
        }
        Map<String, Grid> grids = new HashMap<>();
        ctx.city().grids().forEach(g -> grids.put(g.gridCode(), g));
        ZoneId zone = ctx.city().zone();
        SplittableRandom r = new SplittableRandom(ctx.seed(5, 0));
        Map<List<String>, Boolean> teams = new java.util.LinkedHashMap<>();
        for (Officer o : ctx.city().officers()) {
            teams.putIfAbsent(o.gridCodes(), Boolean.TRUE);
        }
        LocalDate first = Instant.ofEpochMilli(ctx.start()).atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = Instant.ofEpochMilli(ctx.end()).atZone(zone).toLocalDate();
        for (List<String> team : teams.keySet()) {
            if (team.size() < 2) {
                continue;
            }
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                for (String code : team) {
                    Grid g = grids.get(code);
                    if (g == null || r.nextDouble() >= rate) {
                        continue;
                    }
                    long dutyStart =
                            day.atTime(g.duty().start()).atZone(zone).toInstant().toEpochMilli();
                    long dutyEnd =
                            g.duty().wrapsMidnight() || g.duty().start().equals(g.duty().end())
                                    ? day.plusDays(1)
                                            .atTime(g.duty().end())
                                            .atZone(zone)
                                            .toInstant()
                                            .toEpochMilli()
                                    : day.atTime(g.duty().end())
                                            .atZone(zone)
                                            .toInstant()
                                            .toEpochMilli();
                    long len = (150 + r.nextInt(61)) * 60_000L;
                    if (dutyEnd - dutyStart <= len) {
                        continue;
                    }
                    long from = dutyStart + r.nextLong(dutyEnd - dutyStart - len);
                    plan.skips
                            .computeIfAbsent(code, k -> new ArrayList<>())
                            .add(new long[] {from, from + len});
                    break;
                }
            }
        }
        return plan;
    }

    /** True while the grid's team stays away from it. */
    boolean skipped(String gridCode, long t) {
        List<long[]> s = skips.get(gridCode);
        if (s == null) {
            return false;
        }
        for (long[] iv : s) {
            if (t >= iv[0] && t < iv[1]) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return skips.values().stream().mapToInt(List::size).sum();
    }
}

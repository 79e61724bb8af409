package org.gridwatch.sim.engine;

import org.gridwatch.common.city.Officer;
import org.gridwatch.common.geo.LocalProjection;
import org.locationtech.jts.geom.Geometry;

import java.time.ZoneId;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An officer on patrol: during the shift they walk (or cycle) between random points of their grids,
 * two points per grid, grid after grid, pinging from the duty phone; off shift the phone is silent.
 * While the {@link CoveragePlan} says the team skips a grid, the officer leaves it out of the round
 * (injected GRID_UNCOVERED). Every true position (before GPS noise) goes to the {@link
 * CoverageLedger}, which decides from it which grids really went uncovered, with the reported
 * position beside it (so the ledger can tell which episodes the noisy input cannot decide).
 */
final class OfficerSim extends EntitySim {
    private final Officer officer;
    private final List<Geometry> grids;
    private final List<String> gridCodes;
    private final CoveragePlan plan;
    private final CoverageLedger ledger;
    private final LocalProjection proj;
    private final SplittableRandom r;
    private final ZoneId zone;
    private final long end;
    private final long pingMs;
    private final double noiseM;
    private final double speedMs;

    private long t;
    private boolean placed;
    private double x;
    private double y;
    private double tx;
    private double ty;
    private int gridIndex;
    private int pointsLeftInGrid;
    private long lastMove;

    OfficerSim(
            Officer officer,
            List<Geometry> grids,
            LocalProjection proj,
            long seed,
            ZoneId zone,
            long start,
            long end,
            int pingSeconds,
            double noiseM,
            CoveragePlan plan,
            CoverageLedger ledger) {
        this.officer = officer;
        this.grids = grids;
        this.gridCodes = officer.gridCodes();
        this.plan = plan;
        this.ledger = ledger;
        this.proj = proj;
        this.r = new SplittableRandom(seed);
        this.zone = zone;
        this.end = end;
        this.pingMs = pingSeconds * 1000L;
        this.noiseM = noiseM;
        // Most walk at 4-6 km/h; one in four patrols by e-bike at 10-15 km/h.
        double kmh = r.nextInt(4) == 0 ? 10 + r.nextDouble() * 5 : 4 + r.nextDouble() * 2;
        this.speedMs = kmh / 3.6;
        this.t = start + r.nextLong(pingMs);
        this.gridIndex = r.nextInt(grids.size());
    }

    @Override
    long nextTime() {
        return t < end ? t : Long.MAX_VALUE;
    }

    @Override
    SimEvent step() {
        if (!officer.shift().contains(t, zone)) {
            placed = false;
            t = officer.shift().nextBoundary(t, zone) + r.nextLong(60_000);
            return null;
        }
        if (!placed) {
            for (int k = 0; k < grids.size() && plan.skipped(gridCodes.get(gridIndex), t); k++) {
                gridIndex = (gridIndex + 1) % grids.size();
            }
            double[] p = Plane.randomPointIn(grids.get(gridIndex), proj, r);
            x = p[0];
            y = p[1];
            pointsLeftInGrid = 2;
            nextTarget();
            placed = true;
            lastMove = t;
        }
        if (plan.skipped(gridCodes.get(gridIndex), t)) {
            // The team has just started leaving this grid alone: head for the next one at once.
            pointsLeftInGrid = 0;
            nextTarget();
        }
        double budget = speedMs * (t - lastMove) / 1000.0;
        lastMove = t;
        double heading = Plane.heading(tx - x, ty - y);
        while (budget > 0) {
            double d = Math.hypot(tx - x, ty - y);
            if (d > budget) {
                x += (tx - x) * budget / d;
                y += (ty - y) * budget / d;
                budget = 0;
            } else {
                x = tx;
                y = ty;
                budget -= d;
                nextTarget();
            }
        }
        double reportedSpeed = speedMs * 3.6 * (0.8 + 0.4 * r.nextDouble());
        double[] fix = Pings.withNoise(x, y, r, noiseM);
        ledger.officerAt(x, y, fix[0], fix[1], t);
        SimEvent e =
                Pings.reported(
                        officer.officerId(),
                        "OFFICER",
                        t,
                        fix[0],
                        fix[1],
                        reportedSpeed,
                        heading,
                        null,
                        null,
                        proj,
                        noiseM);
        t += pingMs + r.nextLong(-2000, 2001);
        return e;
    }

    private void nextTarget() {
        if (--pointsLeftInGrid < 0 || plan.skipped(gridCodes.get(gridIndex), t)) {
            gridIndex = (gridIndex + 1) % grids.size();
            for (int k = 0; k < grids.size() && plan.skipped(gridCodes.get(gridIndex), t); k++) {
                gridIndex = (gridIndex + 1) % grids.size();
            }
            pointsLeftInGrid = 1;
        }
        double[] p = Plane.randomPointIn(grids.get(gridIndex), proj, r);
        tx = p[0];
        ty = p[1];
    }
}

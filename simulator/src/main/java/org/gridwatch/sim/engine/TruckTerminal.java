package org.gridwatch.sim.engine;

import org.gridwatch.common.geo.LocalProjection;

import java.util.SplittableRandom;

/**
 * The terminal of one truck with the faults of {@link GpsArtefacts}: it turns a true fix into the
 * record(s) the terminal writes. Its randomness is its own stream: the truck's stream makes exactly
 * the draws it makes without artefacts (the Gaussian noise of every fix included), so the truck
 * drives, pings and is judged the same whatever the knobs, and only what is written differs.
 */
final class TruckTerminal {
    /**
     * The longest silence a recording gap may leave between two written pings: well under the 5 min
     * of TRUCK_SIGNAL_LOST.
     */
    static final long MAX_SILENCE_MS = 180_000L;

    /**
     * How strongly the standing drift is pulled back to the true place at each fix (AR(1)
     * coefficient).
     */
    private static final double DRIFT_KEEP = 0.9;

    private final GpsArtefacts a;
    private final SplittableRandom r;
    private final boolean noSpeed;

    private boolean standing;
    private double driftX;
    private double driftY;
    private int biasLeft;
    private double biasX;
    private double biasY;
    private long gapUntil = -1;
    private long lastWritten = -1;
    private SimEvent repeat;

    TruckTerminal(GpsArtefacts a, long seed) {
        this.a = a;
        this.r = new SplittableRandom(seed);
        this.noSpeed = a.noSpeedShare() > 0 && r.nextDouble() < a.noSpeedShare();
    }

    boolean noSpeed() {
        return noSpeed;
    }

    /** The second record of a repeated time, once: null when there is none. */
    SimEvent takeRepeat() {
        SimEvent e = repeat;
        repeat = null;
        return e;
    }

    /**
     * What the terminal writes for the true fix (x, y) at time t: the record, or null when it is in
     * a recording gap. {@code main} is the truck's own stream (it draws the ordinary noise, as
     * without artefacts); {@code nextAt} is when the truck's next fix is due; {@code mayPause} is
     * false while the truck is on a trip that carries a planned violation or near miss (no gap may
     * hide or lengthen it).
     */
    SimEvent write(
            String id,
            long t,
            double x,
            double y,
            double speed,
            double heading,
            long status,
            String plate,
            LocalProjection proj,
            SplittableRandom main,
            double noiseM,
            long nextAt,
            boolean mayPause) {
        double[] fix = Pings.withNoise(x, y, main, noiseM);
        if (skipped(t, nextAt, mayPause)) {
            return null;
        }
        if (a.standingDriftMeters() > 0) {
            drift(fix, x, y, speed == 0);
        }
        offset(fix);
        double reportedSpeed = speed;
        if (!noSpeed && a.speedSpikeRate() > 0 && r.nextDouble() < a.speedSpikeRate()) {
            reportedSpeed = 150 + r.nextDouble() * 99;
        }
        SimEvent e =
                Pings.reported(
                        id,
                        "TRUCK",
                        t,
                        fix[0],
                        fix[1],
                        reportedSpeed,
                        heading,
                        status,
                        plate,
                        proj,
                        noiseM,
                        !noSpeed);
        if (a.repeatedTimeRate() > 0 && r.nextDouble() < a.repeatedTimeRate()) {
            if (r.nextBoolean()) {
                repeat = e;
            } else {
                double[] d = polar(5, 20);
                repeat =
                        Pings.reported(
                                id,
                                "TRUCK",
                                t,
                                fix[0] + d[0],
                                fix[1] + d[1],
                                reportedSpeed,
                                heading,
                                status,
                                plate,
                                proj,
                                noiseM,
                                !noSpeed);
            }
        }
        lastWritten = t;
        return e;
    }

    /**
     * Recording gaps: a fix is skipped while a gap lasts, if the next fix still comes within {@link
     * #MAX_SILENCE_MS} of the last written one.
     */
    private boolean skipped(long t, long nextAt, boolean mayPause) {
        if (a.gapRate() <= 0) {
            return false;
        }
        if (!mayPause) {
            gapUntil = -1;
            return false;
        }
        if (t >= gapUntil && r.nextDouble() < a.gapRate()) {
            gapUntil = t + 60_000L + r.nextLong(90_001);
        }
        if (t < gapUntil && lastWritten >= 0 && nextAt - lastWritten <= MAX_SILENCE_MS) {
            return true;
        }
        gapUntil = -1;
        return false;
    }

    /**
     * Standing drift: the first standing fix keeps its ordinary noise, each next one walks on from
     * the last.
     */
    private void drift(double[] fix, double x, double y, boolean standsNow) {
        if (standsNow && standing) {
            double step = a.standingDriftMeters() * Math.sqrt(1 - DRIFT_KEEP * DRIFT_KEEP);
            driftX = DRIFT_KEEP * driftX + r.nextGaussian() * step;
            driftY = DRIFT_KEEP * driftY + r.nextGaussian() * step;
            fix[0] = x + driftX;
            fix[1] = y + driftY;
        } else if (standsNow) {
            driftX = fix[0] - x;
            driftY = fix[1] - y;
        }
        standing = standsNow;
    }

    /** Multipath (one fix far off) and bias runs (2-3 fixes offset the same way). */
    private void offset(double[] fix) {
        if (biasLeft > 0) {
            biasLeft--;
            fix[0] += biasX;
            fix[1] += biasY;
            return;
        }
        if (a.multipathRate() <= 0 && a.biasRunRate() <= 0) {
            return;
        }
        double u = r.nextDouble();
        if (u < a.multipathRate()) {
            double[] d = polar(100, 1000);
            fix[0] += d[0];
            fix[1] += d[1];
        } else if (u < a.multipathRate() + a.biasRunRate()) {
            double[] d = polar(50, 150);
            biasX = d[0];
            biasY = d[1];
            biasLeft = 1 + r.nextInt(2);
            fix[0] += biasX;
            fix[1] += biasY;
        }
    }

    /** A random offset between min and max metres in a random direction. */
    private double[] polar(double min, double max) {
        double dist = min + r.nextDouble() * (max - min);
        double dir = r.nextDouble() * 2 * Math.PI;
        return new double[] {Math.cos(dir) * dist, Math.sin(dir) * dist};
    }
}

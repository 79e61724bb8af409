package org.gridwatch.jobs.trucks.logic;

import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.jobs.trucks.logic.FixFilter.Fix;
import org.gridwatch.jobs.trucks.logic.FixFilter.Reason;

import java.util.Arrays;
import java.util.List;

/**
 * The physics {@link FixFilter} judges fixes by: how far apart two fixes are and how much of that
 * GPS error can account for, whether a truck could have made the move between them, whether a
 * terminal reports standing, and the speed and place that several fixes give. Pure functions of the
 * fixes and the rules, kept apart from the filter's memory (which is keyed state) so that each
 * reads on its own and the state class holds only what it must.
 */
final class FixPhysics {
    private FixPhysics() {}

    /** Null when {@code f} is plausible after {@code a}, else why not. */
    static Reason check(Fix a, Fix f, TruckRules rules) {
        double dt = seconds(a, f);
        double v = moved(a, f, rules) / dt;
        if (v * 3.6 > rules.fixMaxKmh()) {
            return Reason.IMPOSSIBLE_SPEED;
        }
        // The average speed over the interval is at most the faster end's speed plus half the
        // acceleration times the interval: compare with the faster of what is known at the two
        // ends.
        double before = Double.isNaN(a.speedKmh) ? a.impliedMs : a.speedKmh / 3.6;
        if (!Double.isNaN(f.speedKmh)) {
            before = Double.isNaN(before) ? f.speedKmh / 3.6 : Math.max(before, f.speedKmh / 3.6);
        }
        if (!Double.isNaN(before) && 2 * (v - before) / dt > rules.fixMaxAccel()) {
            return Reason.IMPOSSIBLE_ACCELERATION;
        }
        // Two reported speeds bound the distance between fixes close in time; over a long gap the
        // truck may have driven faster in between.
        if (!Double.isNaN(a.speedKmh)
                && !Double.isNaN(f.speedKmh)
                && f.time - a.time <= rules.speedWindowMs()) {
            double allowed =
                    (Math.max(a.speedKmh, f.speedKmh) + rules.fixSpeedSlackKmh()) / 3.6 * dt
                            + allowance(a, f, rules);
            if (distance(a, f) > allowed) {
                return Reason.DISAGREES_WITH_SPEED;
            }
        }
        return null;
    }

    /**
     * The terminal reports standing: a speed under {@code truck.movingKmh}, or no speed with the
     * engine off.
     */
    static boolean reportsStandstill(Fix f, TruckRules rules) {
        return Double.isNaN(f.speedKmh) ? f.ignitionOff : f.speedKmh < rules.movingKmh();
    }

    /** Engine off and standing: the truck cannot be driving. */
    static boolean parked(Fix f, TruckRules rules) {
        return f.ignitionOff && reportsStandstill(f, rules);
    }

    /** What GPS error can account for between two fixes: the noise plus both accuracies. */
    static double allowance(Fix a, Fix f, TruckRules rules) {
        return rules.fixNoiseM() + a.accuracyM + f.accuracyM;
    }

    /** Metres certainly moved: the distance less what GPS error can account for. */
    static double moved(Fix a, Fix f, TruckRules rules) {
        return Math.max(0, distance(a, f) - allowance(a, f, rules));
    }

    static double seconds(Fix a, Fix f) {
        return (f.time - a.time) / 1000.0;
    }

    static double distance(Fix a, Fix f) {
        return LocalProjection.haversineMetres(a.lat, a.lon, f.lat, f.lon);
    }

    /**
     * km/h from the oldest of the accepted fixes {@code recent} (oldest first) within the window to
     * {@code f}, NaN when they span less than half the window.
     */
    static double estimate(List<Fix> recent, Fix f, TruckRules rules) {
        for (Fix r : recent) {
            long span = f.time - r.time;
            if (span <= rules.speedWindowMs()) {
                return 2 * span >= rules.speedWindowMs()
                        ? distance(r, f) / (span / 1000.0) * 3.6
                        : Double.NaN;
            }
        }
        return Double.NaN;
    }

    static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}

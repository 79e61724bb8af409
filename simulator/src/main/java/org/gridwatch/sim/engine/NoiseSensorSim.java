package org.gridwatch.sim.engine;

import org.gridwatch.common.city.Device;

import java.util.SplittableRandom;

/**
 * A noise sensor reporting a 5-minute LAeq and Lmax: below the limit of its zone class with a
 * day/night pattern (busier by day, quieter at night, always at least 3 dB under the limit), except
 * during the episodes of its {@link NoisePlan}, which it records in the ground truth as it starts
 * them.
 *
 * <p>Truth interval of an injected episode (catalogue: 2 consecutive 5-minute windows over the
 * limit, or at night one Lmax over limit + 15 dB; closed by 2 compliant windows): from the start of
 * its first loud window to the start of its first quiet window.
 */
final class NoiseSensorSim extends EntitySim {
    private final Device device;
    private final LimitLookup limits;
    private final SplittableRandom r;
    private final long end;
    private final long intervalMs;
    private final NoisePlan plan;
    private final Truth truth;
    private long t;
    private NoisePlan.Episode recorded;

    /** The applicable LAeq limit of a class at an instant. */
    interface LimitLookup {
        double limit(String noiseClass, long epochMs);
    }

    NoiseSensorSim(
            Device device,
            LimitLookup limits,
            long seed,
            long start,
            long end,
            int intervalSeconds,
            NoisePlan plan,
            Truth truth) {
        this.device = device;
        this.plan = plan;
        this.truth = truth;
        this.limits = limits;
        this.r = new SplittableRandom(seed);
        this.end = end;
        this.intervalMs = intervalSeconds * 1000L;
        // Readings close on whole intervals, as sensors report them.
        this.t = (start / intervalMs + 1) * intervalMs;
    }

    @Override
    long nextTime() {
        return t < end ? t : Long.MAX_VALUE;
    }

    @Override
    SimEvent step() {
        double limit = limits.limit(device.noiseClass(), t - 1);
        long windowStart = t - intervalMs;
        NoisePlan.Episode ep = plan.at(windowStart);
        double laeq;
        double lmax;
        if (ep == null) {
            laeq = Math.min(limit - 3, limit - 8 + r.nextGaussian() * 1.5);
            lmax = laeq + 4 + r.nextDouble() * 4;
        } else {
            if (ep != recorded) {
                // The first loud window this sensor reports (the episode may have begun before the
                // scenario).
                recorded = ep;
                truth.add(
                        "NOISE_EXCEEDANCE",
                        device.deviceId(),
                        windowStart,
                        ep.until(),
                        ep.nightConstruction()
                                ? "night construction at the site boundary (LAeq over 55, Lmax over 70 dB(A))"
                                : "LAeq 3-10 dB over the class " + device.noiseClass() + " limit");
            }
            laeq = limit + 3 + r.nextDouble() * 7;
            lmax =
                    ep.nightConstruction()
                            ? limit + 17 + r.nextDouble() * 6
                            : Math.min(laeq + 4 + r.nextDouble() * 4, limit + 14);
        }
        SimEvent e =
                Pings.noise(
                        device.deviceId(),
                        t,
                        device.lat(),
                        device.lon(),
                        laeq,
                        lmax,
                        (int) (intervalMs / 1000));
        t += intervalMs;
        return e;
    }
}

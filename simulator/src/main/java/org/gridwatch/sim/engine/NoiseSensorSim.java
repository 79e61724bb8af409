package org.gridwatch.sim.engine;

import java.util.SplittableRandom;
import org.gridwatch.common.city.Device;

/**
 * A noise sensor reporting a 5-minute LAeq and Lmax that stay below the limit of its zone class
 * (a quiet, law-abiding city; exceedances are injected by violation scenarios).
 */
final class NoiseSensorSim extends EntitySim {
    private final Device device;
    private final LimitLookup limits;
    private final SplittableRandom r;
    private final long end;
    private final long intervalMs;
    private long t;

    /** The applicable LAeq limit of a class at an instant. */
    interface LimitLookup {
        double limit(String noiseClass, long epochMs);
    }

    NoiseSensorSim(Device device, LimitLookup limits, long seed, long start, long end, int intervalSeconds) {
        this.device = device;
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
        double laeq = Math.min(limit - 3, limit - 8 + r.nextGaussian() * 1.5);
        double lmax = laeq + 4 + r.nextDouble() * 4;
        SimEvent e = Pings.noise(device.deviceId(), t, device.lat(), device.lon(), laeq, lmax, (int) (intervalMs / 1000));
        t += intervalMs;
        return e;
    }
}

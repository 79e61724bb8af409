package org.gridwatch.sim.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.SplittableRandom;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Truck;
import org.gridwatch.common.geo.LocalProjection;

/**
 * A muck truck keeping to its permit: parked at its construction site outside permitted hours
 * (terminal asleep, pinging rarely), and during them shuttling loaded to the disposal site along the
 * permitted route and back empty, as long as a whole round trip still fits in the window. A truck
 * without a permit stays parked at its depot.
 */
final class TruckSim extends EntitySim {
    private enum Phase {
        PARKED,
        LOADING,
        OUTBOUND,
        UNLOADING,
        RETURN
    }

    private static final long LOAD_MS = 10 * 60_000L;

    private final Truck truck;
    private final Permit permit;
    private final Plane.Path path;
    private final double[] parkedAt;
    private final LocalProjection proj;
    private final SplittableRandom r;
    private final ZoneId zone;
    private final long end;
    private final long movingPingMs;
    private final long parkedPingMs;
    private final double noiseM;

    private long t;
    private Phase phase = Phase.PARKED;
    private long phaseEnds;
    private double travelled;
    private double speedKmh;
    private long lastMove;
    private boolean loaded;

    TruckSim(Truck truck, Permit permit, Plane.Path path, double[] parkedAt, LocalProjection proj, long seed, ZoneId zone, long start, long end,
            int movingPingSeconds, int parkedPingSeconds, double noiseM) {
        this.truck = truck;
        this.permit = permit;
        this.path = path;
        this.parkedAt = parkedAt;
        this.proj = proj;
        this.r = new SplittableRandom(seed);
        this.zone = zone;
        this.end = end;
        this.movingPingMs = movingPingSeconds * 1000L;
        this.parkedPingMs = parkedPingSeconds * 1000L;
        this.noiseM = noiseM;
        this.t = start + r.nextLong(parkedPingMs);
    }

    @Override
    long nextTime() {
        return t < end ? t : Long.MAX_VALUE;
    }

    private long roundTripMs(double kmh) {
        return 2 * LOAD_MS + (long) (2 * path.length() / (kmh / 3.6) * 1000) + 10 * 60_000L;
    }

    private boolean mayStartTrip(long at, double kmh) {
        if (permit == null || !permit.hours().contains(at, zone)) {
            return false;
        }
        LocalDate day = Instant.ofEpochMilli(at).atZone(zone).toLocalDate();
        // A window that began before midnight belongs to the day it began.
        LocalDate windowDay = permit.hours().wrapsMidnight() && Instant.ofEpochMilli(at).atZone(zone).toLocalTime().isBefore(permit.hours().end())
                ? day.minusDays(1) : day;
        return permit.validOn(windowDay) && at + roundTripMs(kmh) <= permit.hours().nextBoundary(at, zone);
    }

    @Override
    SimEvent step() {
        switch (phase) {
            case PARKED -> {
                double kmh = 25 + r.nextDouble() * 20;
                if (mayStartTrip(t, kmh)) {
                    speedKmh = kmh;
                    start(Phase.LOADING, LOAD_MS);
                    return ping(0, 0, Pings.ACC_ON | Pings.POSITIONED, parkedAt[0], parkedAt[1]);
                }
                SimEvent e = ping(0, 0, Pings.POSITIONED, parkedAt[0], parkedAt[1]);
                t += parkedPingMs + r.nextLong(-5000, 5001);
                return e;
            }
            case LOADING, UNLOADING -> {
                double[] at = phase == Phase.LOADING ? new double[] {parkedAt[0], parkedAt[1]} : path.at(path.length(), false);
                if (t >= phaseEnds) {
                    if (phase == Phase.LOADING) {
                        loaded = true;
                        travelled = 0;
                        start(Phase.OUTBOUND, Long.MAX_VALUE);
                    } else {
                        loaded = false;
                        travelled = 0;
                        start(Phase.RETURN, Long.MAX_VALUE);
                    }
                    lastMove = t;
                }
                SimEvent e = ping(0, 0, status(), at[0], at[1]);
                t += movingPingMs + r.nextLong(-1000, 1001);
                return e;
            }
            default -> {
                double v = Math.max(5, speedKmh + r.nextGaussian() * 2);
                travelled += v / 3.6 * (t - lastMove) / 1000.0;
                lastMove = t;
                boolean reverse = phase == Phase.RETURN;
                double[] at = path.at(travelled, reverse);
                if (travelled >= path.length()) {
                    if (reverse) {
                        phase = Phase.PARKED;
                        double kmh = speedKmh;
                        if (mayStartTrip(t, kmh)) {
                            start(Phase.LOADING, LOAD_MS);
                        }
                        SimEvent e = ping(0, at[2], status(), parkedAt[0], parkedAt[1]);
                        t += movingPingMs;
                        return e;
                    }
                    start(Phase.UNLOADING, LOAD_MS);
                    SimEvent e = ping(0, at[2], status(), at[0], at[1]);
                    t += movingPingMs;
                    return e;
                }
                SimEvent e = ping(v, at[2], status(), at[0], at[1]);
                t += movingPingMs + r.nextLong(-1000, 1001);
                return e;
            }
        }
    }

    private void start(Phase p, long durationMs) {
        phase = p;
        phaseEnds = durationMs == Long.MAX_VALUE ? Long.MAX_VALUE : t + durationMs;
    }

    private long status() {
        return Pings.ACC_ON | Pings.POSITIONED | (loaded ? Pings.LOAD_FULL : 0);
    }

    private SimEvent ping(double speed, double heading, long status, double x, double y) {
        return Pings.gps(truck.truckId(), "TRUCK", t, x, y, speed, heading, status, truck.plate(), proj, r, noiseM);
    }
}

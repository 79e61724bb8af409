package org.gridwatch.sim.engine;

import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Truck;
import org.gridwatch.common.geo.LocalProjection;

import java.time.ZoneId;
import java.util.SplittableRandom;

/**
 * A muck truck: parked at its construction site outside its permit's hours (terminal asleep,
 * pinging rarely), and during them shuttling loaded to the disposal site along the permitted route
 * and back empty, as long as a whole round trip still fits in the window. A truck without a permit
 * stays parked at its depot. A {@link TruckPlan} can make one outbound trip break a rule (a detour,
 * a closed zone, a stop, a silence, speeding, an early start, or a trip with no permit at all);
 * every ping it emits goes to its {@link TruckLedger}, which judges the ground truth.
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
    private final TruckPlan plan;
    private final TruckLedger ledger;

    /**
     * The terminal's faults, or null when the scenario has none (then pings are written exactly as
     * before they existed).
     */
    private final TruckTerminal terminal;

    private SimEvent repeat;

    private long t;
    private Phase phase = Phase.PARKED;
    private long phaseEnds;
    private double travelled;
    private double speedKmh;
    private long lastMove;
    private boolean loaded;
    private boolean boxLifted;
    private boolean finished;

    /** The injection runs on the first outbound trip only. */
    private boolean injecting;

    private boolean injected;
    private TruckPlan.Detour detour;
    private double detourTravelled;
    private long holdUntil = -1;
    private long silentUntil = -1;
    private long fastUntil = -1;

    TruckSim(
            Truck truck,
            Permit permit,
            Plane.Path path,
            double[] parkedAt,
            LocalProjection proj,
            long seed,
            ZoneId zone,
            long start,
            long end,
            int movingPingSeconds,
            int parkedPingSeconds,
            double noiseM,
            TruckPlan plan,
            TruckLedger ledger,
            TruckTerminal terminal) {
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
        this.plan = plan;
        this.ledger = ledger;
        this.terminal = terminal;
        this.t = start + r.nextLong(parkedPingMs);
    }

    @Override
    long nextTime() {
        if (repeat != null) {
            return repeat.eventTime();
        }
        if (t < end) {
            return t;
        }
        return finished ? Long.MAX_VALUE : end;
    }

    private long roundTripMs(double kmh) {
        return 2 * LOAD_MS + (long) (2 * path.length() / (kmh / 3.6) * 1000) + 10 * 60_000L;
    }

    private boolean mayStartTrip(long at, double kmh) {
        if (path == null) {
            return false;
        }
        if (!injected
                && (plan.kind() == TruckPlan.Kind.OFF_HOURS
                        || plan.kind() == TruckPlan.Kind.NO_PERMIT)) {
            return at >= plan.startAt() && at + roundTripMs(kmh) < end;
        }
        if (permit == null || !permit.hours().contains(at, zone)) {
            return false;
        }
        return permit.validAt(at, zone)
                && at + roundTripMs(kmh) <= permit.hours().nextBoundary(at, zone);
    }

    @Override
    SimEvent step() {
        if (repeat != null) {
            SimEvent e = repeat;
            repeat = null;
            return e;
        }
        if (t >= end) {
            finished = true;
            ledger.finish(end);
            return null;
        }
        switch (phase) {
            case PARKED -> {
                double kmh = 25 + r.nextDouble() * 15;
                if (mayStartTrip(t, kmh)) {
                    speedKmh = kmh;
                    injecting = !injected && plan.kind() != TruckPlan.Kind.NONE;
                    start(Phase.LOADING, LOAD_MS);
                    return ping(
                            0,
                            0,
                            Pings.ACC_ON | Pings.POSITIONED,
                            parkedAt[0],
                            parkedAt[1],
                            movingPingMs);
                }
                return ping(
                        0,
                        0,
                        Pings.POSITIONED,
                        parkedAt[0],
                        parkedAt[1],
                        parkedPingMs + r.nextLong(-5000, 5001));
            }
            case LOADING, UNLOADING -> {
                double[] at =
                        phase == Phase.LOADING
                                ? new double[] {parkedAt[0], parkedAt[1]}
                                : path.at(path.length(), false);
                if (t >= phaseEnds) {
                    loaded = phase == Phase.LOADING;
                    travelled = 0;
                    start(phase == Phase.LOADING ? Phase.OUTBOUND : Phase.RETURN, Long.MAX_VALUE);
                    lastMove = t;
                    if (phase == Phase.RETURN && injecting) {
                        injecting = false;
                        injected = true;
                    }
                }
                return ping(0, 0, status(), at[0], at[1], movingPingMs + r.nextLong(-1000, 1001));
            }
            default -> {
                return drive();
            }
        }
    }

    private SimEvent drive() {
        boolean outbound = phase == Phase.OUTBOUND;
        if (outbound && injecting) {
            long due = t;
            SimEvent e = inject();
            // A ping, or a silent step that moved the clock on: either way this step is spent.
            // Driving on after the last silent step would emit a ping at the advanced time, ahead
            // of the other entities the merge has not stepped yet (it put GPS records 10 s out of
            // order).
            if (e != null || t != due) {
                return e;
            }
        }
        double base = t < fastUntil ? plan.fastKmh() : speedKmh;
        double v = Math.max(5, base + r.nextGaussian() * (t < fastUntil ? 1 : 2));
        travelled += v / 3.6 * (t - lastMove) / 1000.0;
        lastMove = t;
        boolean reverse = phase == Phase.RETURN;
        double[] at = path.at(travelled, reverse);
        if (travelled >= path.length()) {
            if (reverse) {
                phase = Phase.PARKED;
                if (mayStartTrip(t, speedKmh)) {
                    start(Phase.LOADING, LOAD_MS);
                }
                return ping(0, at[2], status(), parkedAt[0], parkedAt[1], movingPingMs);
            }
            start(Phase.UNLOADING, LOAD_MS);
            return ping(0, at[2], status(), at[0], at[1], movingPingMs);
        }
        return ping(v, at[2], status(), at[0], at[1], movingPingMs + r.nextLong(-1000, 1001));
    }

    /**
     * The injected violation of this trip, once the truck is past the planned point of the route;
     * null to drive on normally.
     */
    private SimEvent inject() {
        double at = plan.atFraction() * path.length();
        switch (plan.kind()) {
            case DEVIATION, PROHIBITED_ZONE -> {
                if (detour == null && travelled >= at) {
                    detour = plan.detour(path, travelled, proj);
                    detourTravelled = 0;
                }
                if (detour != null && detourTravelled < detour.path().length()) {
                    double v =
                            Math.max(5, speedKmh + r.nextGaussian() * 2)
                                    * (plan.kind() == TruckPlan.Kind.PROHIBITED_ZONE ? 0.5 : 1);
                    detourTravelled += v / 3.6 * (t - lastMove) / 1000.0;
                    lastMove = t;
                    double[] p = detour.path().at(detourTravelled, false);
                    if (detourTravelled >= detour.path().length()) {
                        travelled = detour.rejoinAt();
                        injecting = false;
                        injected = true;
                    }
                    return ping(
                            v, p[2], status(), p[0], p[1], movingPingMs + r.nextLong(-1000, 1001));
                }
                return null;
            }
            case DUMPING -> {
                if (holdUntil < 0 && travelled >= at) {
                    holdUntil = t + plan.durationMs();
                    boxLifted = plan.boxLifted();
                }
                if (holdUntil >= 0 && t < holdUntil) {
                    double[] p = path.at(travelled, false);
                    if (t + movingPingMs >= holdUntil && !plan.nearMiss()) {
                        loaded = false;
                    }
                    lastMove = t;
                    return ping(
                            0, p[2], status(), p[0], p[1], movingPingMs + r.nextLong(-1000, 1001));
                }
                if (holdUntil >= 0) {
                    boxLifted = false;
                    injecting = false;
                    injected = true;
                    lastMove = t;
                }
                return null;
            }
            case SIGNAL_LOST -> {
                if (silentUntil < 0 && travelled >= at) {
                    if (t + plan.durationMs() + 15 * 60_000L >= end) {
                        // Too close to the end: a silence nobody sees end is left out rather than
                        // judged.
                        injecting = false;
                        injected = true;
                        return null;
                    }
                    silentUntil = t + plan.durationMs();
                }
                if (silentUntil >= 0 && t < silentUntil) {
                    // The truck drives on unseen.
                    travelled += speedKmh / 3.6 * (t - lastMove) / 1000.0;
                    lastMove = t;
                    t += movingPingMs;
                    if (travelled >= path.length()) {
                        travelled = path.length() - 1;
                    }
                    return null;
                }
                if (silentUntil >= 0) {
                    injecting = false;
                    injected = true;
                }
                return null;
            }
            case OVERSPEED -> {
                if (fastUntil < 0 && travelled >= at) {
                    fastUntil = t + plan.durationMs();
                }
                if (fastUntil >= 0 && t >= fastUntil) {
                    injecting = false;
                    injected = true;
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    private void start(Phase p, long durationMs) {
        phase = p;
        phaseEnds = durationMs == Long.MAX_VALUE ? Long.MAX_VALUE : t + durationMs;
    }

    private long status() {
        return Pings.ACC_ON
                | Pings.POSITIONED
                | (loaded ? Pings.LOAD_FULL : 0)
                | (boxLifted ? Pings.BOX_LIFTED : 0);
    }

    /**
     * Emits a ping at the true place (the ledger judges it there), noise and the terminal's faults
     * added on the way out (null when the terminal skips it); advances the clock.
     */
    private SimEvent ping(
            double speed, double heading, long status, double x, double y, long advanceMs) {
        ledger.observe(t, x, y, speed);
        SimEvent e;
        if (terminal == null) {
            e =
                    Pings.gps(
                            truck.truckId(),
                            "TRUCK",
                            t,
                            x,
                            y,
                            speed,
                            heading,
                            status,
                            truck.plate(),
                            proj,
                            r,
                            noiseM);
        } else {
            e =
                    terminal.write(
                            truck.truckId(),
                            t,
                            x,
                            y,
                            speed,
                            heading,
                            status,
                            truck.plate(),
                            proj,
                            r,
                            noiseM,
                            t + advanceMs,
                            !injecting);
            repeat = terminal.takeRepeat();
        }
        t += advanceMs;
        return e;
    }
}

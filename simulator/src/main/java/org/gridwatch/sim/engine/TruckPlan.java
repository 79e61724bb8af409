package org.gridwatch.sim.engine;

import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Zone;
import org.gridwatch.common.geo.LocalProjection;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The violation one truck commits on its first outbound trip of the scenario, if any. Rates are
 * {@code Scenario.violation(type)}: for the six permit-holder types the share of trucks with a
 * permit (at most one type per truck), for {@code TRUCK_NO_PERMIT} the share of trucks without one.
 *
 * @param atFraction where on the route it happens (share of the route's length)
 * @param durationMs how long the stop, the silence or the speeding lasts
 * @param startAt for OFF_HOURS and NO_PERMIT: when the truck starts loading for the trip
 * @param alongM how far along the route a detour runs before it rejoins
 * @param nearMiss the trip comes close to the rule of {@code kind} without breaking it (a short
 *     detour, stop, silence or burst of speed, each well under the rule's duration); the ledger
 *     still judges every ping, so a near miss that does meet a definition is in the truth like any
 *     violation
 */
record TruckPlan(
        Kind kind,
        double atFraction,
        long durationMs,
        boolean boxLifted,
        double fastKmh,
        long startAt,
        double offsetM,
        double alongM,
        List<Zone> zones,
        boolean nearMiss) {
    enum Kind {
        NONE,
        DEVIATION,
        OFF_HOURS,
        PROHIBITED_ZONE,
        DUMPING,
        SIGNAL_LOST,
        OVERSPEED,
        NO_PERMIT
    }

    static final TruckPlan NONE =
            new TruckPlan(Kind.NONE, 0, 0, false, 0, Long.MAX_VALUE, 0, 0, List.of(), false);
    private static final double DETOUR_ALONG_M = 1500;

    private static final GeometryFactory F = new GeometryFactory();
    private static final String[] TYPES = {
        "TRUCK_ROUTE_DEVIATION",
        "TRUCK_OFF_HOURS",
        "TRUCK_PROHIBITED_ZONE",
        "TRUCK_SUSPECTED_DUMPING",
        "TRUCK_SIGNAL_LOST",
        "TRUCK_OVERSPEED"
    };
    private static final Kind[] KINDS = {
        Kind.DEVIATION,
        Kind.OFF_HOURS,
        Kind.PROHIBITED_ZONE,
        Kind.DUMPING,
        Kind.SIGNAL_LOST,
        Kind.OVERSPEED
    };

    /** The plan of a truck with a permit: at most one of the six permit-holder violations. */
    static TruckPlan forPermitted(
            Scenario sc,
            Permit permit,
            List<Zone> closedAllDay,
            ZoneId zone,
            long start,
            long end,
            SplittableRandom r) {
        double roll = r.nextDouble();
        double cumulative = 0;
        Kind kind = Kind.NONE;
        for (int i = 0; i < TYPES.length; i++) {
            cumulative += sc.violation(TYPES[i]);
            if (roll < cumulative) {
                kind = KINDS[i];
                break;
            }
        }
        double at = 0.3 + r.nextDouble() * 0.3;
        if (kind == Kind.NONE && sc.nearMisses() > 0 && r.nextDouble() < sc.nearMisses()) {
            return nearMiss(at, r);
        }
        return switch (kind) {
            case NONE -> NONE;
            case DEVIATION ->
                    new TruckPlan(
                            kind,
                            at,
                            0,
                            false,
                            0,
                            Long.MAX_VALUE,
                            300 + r.nextDouble() * 500,
                            DETOUR_ALONG_M,
                            List.of(),
                            false);
            // A zone within 4 km of where the truck leaves its route; with none that near, a plain
            // detour.
            case PROHIBITED_ZONE ->
                    new TruckPlan(
                            kind,
                            at,
                            0,
                            false,
                            0,
                            Long.MAX_VALUE,
                            300 + r.nextDouble() * 500,
                            DETOUR_ALONG_M,
                            closedAllDay,
                            false);
            case DUMPING ->
                    new TruckPlan(
                            kind,
                            at,
                            (6 + r.nextInt(10)) * 60_000L,
                            r.nextBoolean(),
                            0,
                            Long.MAX_VALUE,
                            0,
                            0,
                            List.of(),
                            false);
            case SIGNAL_LOST ->
                    new TruckPlan(
                            kind,
                            at,
                            (8 + r.nextInt(23)) * 60_000L,
                            false,
                            0,
                            Long.MAX_VALUE,
                            0,
                            0,
                            List.of(),
                            false);
            case OVERSPEED ->
                    new TruckPlan(
                            kind,
                            at,
                            (1 + r.nextInt(5)) * 60_000L,
                            false,
                            56 + r.nextDouble() * 14,
                            Long.MAX_VALUE,
                            0,
                            0,
                            List.of(),
                            false);
            case OFF_HOURS -> {
                // Starts loading 15 to 60 min before the permit's hours begin (or soon after the
                // scenario starts).
                long windowStart = nextWindowStart(permit, zone, start);
                long early = windowStart - (15 + r.nextInt(46)) * 60_000L;
                if (early < start) {
                    early =
                            start
                                    + (long)
                                            (r.nextDouble()
                                                    * Math.max(
                                                            0, windowStart - start - 15 * 60_000L));
                }
                yield windowStart - start < 15 * 60_000L || windowStart >= end
                        ? NONE
                        : new TruckPlan(kind, 0, 0, false, 0, early, 0, 0, List.of(), false);
            }
            default -> NONE;
        };
    }

    /**
     * The plan of a registered truck without a permit: one round trip on a borrowed route, or
     * nothing.
     */
    static TruckPlan forUnpermitted(Scenario sc, long start, long end, SplittableRandom r) {
        if (r.nextDouble() >= sc.violation("TRUCK_NO_PERMIT") || end - start < 4 * 3_600_000L) {
            return NONE;
        }
        return new TruckPlan(
                Kind.NO_PERMIT,
                0,
                0,
                false,
                0,
                start + (long) (r.nextDouble() * (end - start - 4 * 3_600_000L)),
                0,
                0,
                List.of(),
                false);
    }

    /**
     * Behaviour just short of a rule (defaults in the trucks' README): 150-250 m off the route for
     * about half a minute (rule: 100 m for 120 s), a stop of 2-3 min with the box down and the load
     * kept (rule: 5 min), 2-3 min without a ping (rule: 5 min), 12-18 s above the limit (rule: 30
     * s). Each is under half of the rule's duration, so neither GPS noise nor ping jitter can carry
     * it over.
     */
    private static TruckPlan nearMiss(double at, SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 ->
                    new TruckPlan(
                            Kind.DEVIATION,
                            at,
                            0,
                            false,
                            0,
                            Long.MAX_VALUE,
                            150 + r.nextDouble() * 100,
                            60,
                            List.of(),
                            true);
            case 1 ->
                    new TruckPlan(
                            Kind.DUMPING,
                            at,
                            (120 + r.nextInt(61)) * 1000L,
                            false,
                            0,
                            Long.MAX_VALUE,
                            0,
                            0,
                            List.of(),
                            true);
            case 2 ->
                    new TruckPlan(
                            Kind.SIGNAL_LOST,
                            at,
                            (120 + r.nextInt(61)) * 1000L,
                            false,
                            0,
                            Long.MAX_VALUE,
                            0,
                            0,
                            List.of(),
                            true);
            default ->
                    new TruckPlan(
                            Kind.OVERSPEED,
                            at,
                            (12 + r.nextInt(7)) * 1000L,
                            false,
                            60 + r.nextDouble() * 10,
                            Long.MAX_VALUE,
                            0,
                            0,
                            List.of(),
                            true);
        };
    }

    /** A detour leaving the route at {@code from} metres along it, and where it rejoins. */
    record Detour(Plane.Path path, double rejoinAt) {}

    Detour detour(Plane.Path route, double from, LocalProjection proj) {
        double[] a = route.at(from, false);
        double rejoin = Math.min(route.length() - 1, from + alongM);
        double[] b = route.at(rejoin, false);
        Coordinate[] line;
        Zone target = kind == Kind.PROHIBITED_ZONE ? nearest(a, proj) : null;
        if (target != null) {
            // Straight to the zone, through it, and straight back to the route.
            Coordinate c = proj.toMetres(target.polygon()).getCentroid().getCoordinate();
            line =
                    new Coordinate[] {
                        c(a[0], a[1], proj),
                        c(c.x - 120, c.y, proj),
                        c(c.x + 120, c.y, proj),
                        c(b[0], b[1], proj)
                    };
        } else {
            // Out to the side of the route, along it, and back.
            double h = Math.toRadians(a[2]);
            double nx = Math.cos(h);
            double ny = -Math.sin(h);
            line =
                    new Coordinate[] {
                        c(a[0], a[1], proj),
                        c(a[0] + nx * offsetM, a[1] + ny * offsetM, proj),
                        c(b[0] + nx * offsetM, b[1] + ny * offsetM, proj),
                        c(b[0], b[1], proj)
                    };
        }
        return new Detour(new Plane.Path(F.createLineString(line), proj), rejoin);
    }

    /**
     * The closed zone nearest to the point where the truck leaves its route, if within 4 km (a
     * short cut, not an excursion).
     */
    private Zone nearest(double[] at, LocalProjection proj) {
        Zone best = null;
        double bestD = 4000;
        for (Zone z : zones) {
            Coordinate c = proj.toMetres(z.polygon()).getCentroid().getCoordinate();
            double d = Math.hypot(c.x - at[0], c.y - at[1]);
            if (d < bestD) {
                bestD = d;
                best = z;
            }
        }
        return best;
    }

    private static Coordinate c(double x, double y, LocalProjection proj) {
        return new Coordinate(proj.lon(x), proj.lat(y));
    }

    private static long nextWindowStart(Permit p, ZoneId zone, long from) {
        ZonedDateTime t = Instant.ofEpochMilli(from).atZone(zone);
        ZonedDateTime s = t.toLocalDate().atTime(p.hours().start()).atZone(zone);
        if (!s.isAfter(t)) {
            s = s.plusDays(1);
        }
        return s.toInstant().toEpochMilli();
    }
}

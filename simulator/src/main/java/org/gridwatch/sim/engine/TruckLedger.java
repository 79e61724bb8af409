package org.gridwatch.sim.engine;

import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Site;
import org.gridwatch.common.city.Zone;
import org.gridwatch.common.geo.GeoIndex;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.rules.SustainedCondition;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

import java.time.ZoneId;

/**
 * Ground truth of the seven truck alerts for one truck, judged from where the truck really was and
 * how fast it really went (before GPS noise), with the definitions of the detection contract
 * ({@code jobs/.../trucks/README.md}, default thresholds): whatever the reason a truck meets one
 * (an injected violation, or a side effect such as a detour through a prohibited zone also being a
 * route deviation), it is recorded. The simulator feeds every ping the truck emits, in time order.
 */
final class TruckLedger {
    private static final GeometryFactory F = new GeometryFactory();
    private static final double CORRIDOR_M = 100;
    private static final double RETURN_M = 80;
    private static final double SITE_MARGIN_M = 50;
    private static final double MOVING_KMH = 5;
    private static final double STOP_KMH = 3;
    private static final double SPEED_LIMIT_KMH = 50;
    private static final long STOP_MIN_MS = 5 * 60_000L;
    private static final long SIGNAL_LOST_MS = 5 * 60_000L;
    private static final long QUIET_MS = 15 * 60_000L;

    /** Sites and zones indexed once for all trucks. */
    record Places(GeoIndex<Site> sites, GeoIndex<Zone> prohibited, LocalProjection projection) {}

    private final String truckId;
    private final Permit permit;
    private final boolean registered;
    private final Geometry routeMetres;
    private final Places places;
    private final ZoneId zone;
    private final Truth truth;

    private final SustainedCondition offRoute = new SustainedCondition(120_000, 2, 0, 2);
    private final SustainedCondition overspeed = new SustainedCondition(30_000, 2, 0, 2);
    private final SustainedCondition inZone = new SustainedCondition(0, 2, 0, 2);
    private final SustainedCondition offHours = new SustainedCondition(0, 2, QUIET_MS, 1);
    private final SustainedCondition noPermit = new SustainedCondition(0, 2, QUIET_MS, 1);

    private String lastConstructionSite;
    private String insideCandidate;
    private boolean onTrip;
    private long lastPing = -1;
    private double lastSpeed;
    private long stopStart = -1;
    private long lastStop = -1;

    TruckLedger(
            String truckId,
            Permit permit,
            boolean registered,
            Places places,
            ZoneId zone,
            Truth truth) {
        this.truckId = truckId;
        this.permit = permit;
        this.registered = registered;
        this.places = places;
        this.routeMetres = permit == null ? null : places.projection().toMetres(permit.route());
        this.zone = zone;
        this.truth = truth;
    }

    /** One emitted ping at its true place ({x, y} metres) and speed. */
    void observe(long t, double x, double y, double kmh) {
        LocalProjection p = places.projection();
        double lat = p.lat(y);
        double lon = p.lon(x);
        Site inside = places.sites().firstContaining(lat, lon);
        boolean outsideAll = inside == null && !places.sites().anyWithin(lat, lon, SITE_MARGIN_M);
        if (onTrip && lastPing >= 0 && t - lastPing >= SIGNAL_LOST_MS) {
            record(
                    "TRUCK_SIGNAL_LOST",
                    lastPing,
                    t,
                    String.format("silent %d min mid-trip", (t - lastPing) / 60_000));
        }
        boolean stopCandidate = onTrip && outsideAll && kmh < STOP_KMH;
        if (stopStart >= 0 && !stopCandidate) {
            endStop(t);
        } else if (stopStart < 0 && stopCandidate && lastPing >= 0 && lastSpeed >= STOP_KMH) {
            stopStart = t;
        }
        if (stopStart >= 0) {
            lastStop = t;
        }
        // The trip model: inside a site takes two consecutive pings inside sites (the same or not:
        // a truck driving through sites in a row may have one ping in each); the second one's site
        // counts.
        boolean confirmed = inside != null && insideCandidate != null;
        insideCandidate = inside == null ? null : inside.siteId();
        if (confirmed) {
            onTrip = false;
            lastConstructionSite = inside.kind() == Site.Kind.CONSTRUCTION ? inside.siteId() : null;
        } else if (inside == null && !onTrip && lastConstructionSite != null && outsideAll) {
            onTrip = true;
            lastConstructionSite = null;
        }
        if (!onTrip && stopStart >= 0) {
            endStop(t);
        }
        // Route corridor (only on a trip with a permit).
        if (onTrip && routeMetres != null) {
            double d = routeMetres.distance(F.createPoint(new Coordinate(x, y)));
            sustained(
                    offRoute,
                    t,
                    offRoute.active ? d > RETURN_M : d > CORRIDOR_M,
                    "TRUCK_ROUTE_DEVIATION",
                    "off the approved route");
        } else if (offRoute.forceClose(t)) {
            record(
                    "TRUCK_ROUTE_DEVIATION",
                    offRoute.episodeStart,
                    t,
                    "off the approved route until the trip ended");
        }
        sustained(overspeed, t, kmh > SPEED_LIMIT_KMH, "TRUCK_OVERSPEED", "over 50 km/h");
        sustained(
                inZone,
                t,
                inClosedZone(lat, lon, t),
                "TRUCK_PROHIBITED_ZONE",
                "inside a closed prohibited zone");
        boolean moving = kmh > MOVING_KMH;
        Standing s = standing(t);
        if (s != Standing.OFF_HOURS && offHours.active) {
            offHours.forceClose(t);
            record(
                    "TRUCK_OFF_HOURS",
                    offHours.episodeStart,
                    t,
                    "moving outside the permit's hours");
        } else {
            sustained(
                    offHours,
                    t,
                    moving && s == Standing.OFF_HOURS,
                    "TRUCK_OFF_HOURS",
                    "moving outside the permit's hours");
        }
        sustained(
                noPermit,
                t,
                moving && registered && s == Standing.NONE,
                "TRUCK_NO_PERMIT",
                "moving without a valid permit");
        lastPing = t;
        lastSpeed = kmh;
    }

    /** Closes what is still open at the end of the scenario. */
    void finish(long end) {
        for (Object[] o :
                new Object[][] {
                    {offRoute, "TRUCK_ROUTE_DEVIATION"},
                    {overspeed, "TRUCK_OVERSPEED"},
                    {inZone, "TRUCK_PROHIBITED_ZONE"},
                    {offHours, "TRUCK_OFF_HOURS"},
                    {noPermit, "TRUCK_NO_PERMIT"}
                }) {
            SustainedCondition c = (SustainedCondition) o[0];
            if (c.active) {
                record(
                        (String) o[1],
                        c.episodeStart,
                        end,
                        "still going at the end of the scenario");
            }
        }
        if (stopStart >= 0 && lastStop - stopStart >= STOP_MIN_MS) {
            record(
                    "TRUCK_SUSPECTED_DUMPING",
                    stopStart,
                    end,
                    "stopped outside every site until the end of the scenario");
        }
    }

    private void endStop(long t) {
        if (lastStop - stopStart >= STOP_MIN_MS) {
            record(
                    "TRUCK_SUSPECTED_DUMPING",
                    stopStart,
                    t,
                    String.format("stopped %d min outside every site", (t - stopStart) / 60_000));
        }
        stopStart = -1;
        lastStop = -1;
    }

    private void sustained(
            SustainedCondition c, long t, boolean condition, String type, String what) {
        if (c.observe(t, condition) == SustainedCondition.Change.CLOSED) {
            record(type, c.episodeStart, c.episodeEnd, what);
        }
    }

    private boolean inClosedZone(double lat, double lon, long t) {
        for (Zone z : places.prohibited().within(lat, lon, 0)) {
            if (z.closedHours() == null || z.closedHours().contains(t, zone)) {
                return true;
            }
        }
        return false;
    }

    private enum Standing {
        ACTIVE,
        OFF_HOURS,
        NONE
    }

    private Standing standing(long t) {
        if (permit == null) {
            return Standing.NONE;
        }
        if (!permit.validAt(t, zone)) {
            return Standing.NONE;
        }
        return permit.hours().contains(t, zone) ? Standing.ACTIVE : Standing.OFF_HOURS;
    }

    private void record(String type, long from, long until, String note) {
        truth.add(type, truckId, from, Math.max(from, until), note);
    }
}

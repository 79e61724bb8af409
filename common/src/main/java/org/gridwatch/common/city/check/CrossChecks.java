package org.gridwatch.common.city.check;

import org.gridwatch.common.city.Address;
import org.gridwatch.common.city.Device;
import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Officer;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Site;
import org.gridwatch.common.city.Truck;
import org.gridwatch.common.city.Zone;
import org.gridwatch.common.city.check.CityCheck.Checked;
import org.gridwatch.common.city.check.CityCheck.CheckedCity;
import org.gridwatch.common.geo.LocalProjection;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.union.UnaryUnionOp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checks that need more than one entry: unique ids, references between files, grid overlaps,
 * routes against grids.
 */
final class CrossChecks {
    /**
     * A route should start at its source site and end at its disposal site; farther than this from
     * them is suspect.
     */
    static final double ROUTE_END_TO_SITE_WARNING_M = 1_000;

    private CrossChecks() {}

    static void run(CheckedCity city, Problems problems) {
        LocalProjection plane = city.plane();
        uniqueIds(city.grids());
        uniqueIds(city.sites());
        uniqueIds(city.zones());
        uniqueIds(city.permits());
        uniqueIds(city.trucks());
        uniqueIds(city.officers());
        uniqueIds(city.devices());
        uniqueIds(city.addresses());
        uniqueIds(city.shops());
        if (city.grids().isEmpty()) {
            problems.at(Layer.GRIDS.file(), null).error("no grids: a city needs at least one");
        }
        List<Checked<Grid>> validGrids =
                city.grids().stream().filter(Checked::geometryValid).toList();
        GridOverlaps.check(
                validGrids.stream()
                        .map(
                                g ->
                                        new GridOverlaps.Shape(
                                                g.value().gridCode(), g.value().polygon(), g.at()))
                        .toList(),
                plane);
        centreAmongGrids(city, validGrids, problems);
        permits(city, validGrids, plane);
        zones(city.zones());
        officers(city);
        devices(city);
        addresses(city);
        ShopChecks.run(city, problems);
    }

    private static <T> void uniqueIds(List<Checked<T>> entries) {
        Map<String, List<Checked<T>>> byId = new LinkedHashMap<>();
        entries.stream()
                .filter(e -> e.id() != null)
                .forEach(e -> byId.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(e));
        byId.forEach(
                (id, same) -> {
                    if (same.size() > 1) {
                        Layer layer = same.get(0).layer();
                        String where =
                                String.join(
                                        ", ",
                                        same.stream().map(e -> "#" + (e.index() + 1)).toList());
                        same.get(1)
                                .at()
                                .error(
                                        String.format(
                                                Locale.ROOT,
                                                "%s %s is not unique: %d %ss use it (%s)",
                                                layer.idLabel(),
                                                id,
                                                same.size(),
                                                layer.isGeoJson() ? "feature" : layer.noun(),
                                                where));
                    }
                });
    }

    private static void centreAmongGrids(
            CheckedCity city, List<Checked<Grid>> grids, Problems problems) {
        if (!city.meta().centreUsable() || grids.isEmpty()) {
            return;
        }
        Envelope extent = new Envelope();
        grids.forEach(g -> extent.expandToInclude(g.value().polygon().getEnvelopeInternal()));
        if (!extent.contains(city.meta().centerLon(), city.meta().centerLat())) {
            problems.at(CityMeta.FILE, "centre")
                    .warning(
                            String.format(
                                    Locale.ROOT,
                                    "%s lies outside the grids' extent [%.4f %.4f, %.4f %.4f]; distances are measured on a plane around it",
                                    GeometryCheck.point(
                                            new Coordinate(
                                                    city.meta().centerLon(),
                                                    city.meta().centerLat())),
                                    extent.getMinX(),
                                    extent.getMinY(),
                                    extent.getMaxX(),
                                    extent.getMaxY()));
        }
    }

    private static void permits(
            CheckedCity city, List<Checked<Grid>> grids, LocalProjection plane) {
        Map<String, Truck> trucks = byId(city.trucks());
        Map<String, Checked<Site>> sites = new LinkedHashMap<>();
        city.sites().stream()
                .filter(s -> s.value() != null)
                .forEach(s -> sites.putIfAbsent(s.id(), s));
        PreparedGeometry gridArea =
                grids.isEmpty()
                        ? null
                        : PreparedGeometryFactory.prepare(
                                UnaryUnionOp.union(
                                        grids.stream()
                                                .map(g -> plane.toMetres(g.value().polygon()))
                                                .toList()));
        for (Checked<Permit> c : city.permits()) {
            Permit p = c.value();
            if (p == null) {
                continue;
            }
            Truck truck = trucks.get(p.truckId());
            if (truck == null) {
                c.at().error("truck " + p.truckId() + " is not in " + Layer.TRUCKS.file());
            } else if (p.plate() != null
                    && truck.plate() != null
                    && !samePlate(p.plate(), truck.plate())) {
                c.at().warning(
                                "plate "
                                        + p.plate()
                                        + " differs from truck "
                                        + p.truckId()
                                        + "'s plate "
                                        + truck.plate()
                                        + " in "
                                        + Layer.TRUCKS.file());
            }
            Checked<Site> source =
                    site(c, "source", p.sourceSiteId(), Site.Kind.CONSTRUCTION, sites);
            Checked<Site> disposal =
                    site(c, "disposal", p.disposalSiteId(), Site.Kind.DISPOSAL, sites);
            if (p.validTo().isBefore(p.validFrom())) {
                c.at().error("validTo " + p.validTo() + " is before validFrom " + p.validFrom());
            }
            if (p.speedLimitKmh() != null && !(p.speedLimitKmh() > 0 && p.speedLimitKmh() <= 120)) {
                c.at().error("speedLimitKmh " + p.speedLimitKmh() + " is not between 0 and 120");
            }
            if (c.geometryValid()) {
                LineString route = (LineString) plane.toMetres(p.route());
                if (gridArea != null) {
                    routeAgainstGrids(c, route, gridArea);
                }
                routeEnd(c, "starts", route.getStartPoint(), source, plane);
                routeEnd(c, "ends", route.getEndPoint(), disposal, plane);
            }
        }
    }

    private static Checked<Site> site(
            Checked<Permit> permit,
            String role,
            String siteId,
            Site.Kind expected,
            Map<String, Checked<Site>> sites) {
        Checked<Site> site = sites.get(siteId);
        if (site == null) {
            permit.at().error(role + " site " + siteId + " is not in " + Layer.SITES.file());
        } else if (site.value().kind() != expected) {
            permit.at()
                    .warning(
                            role
                                    + " site "
                                    + siteId
                                    + " is a "
                                    + site.value().kind()
                                    + " site, not "
                                    + expected);
        }
        return site;
    }

    /**
     * A route may well run outside the grids (disposal sites often lie in another district), but
     * one that touches no grid at all is in the wrong place: another city, or positions in the
     * wrong datum or order.
     */
    private static void routeAgainstGrids(
            Checked<Permit> c, LineString route, PreparedGeometry gridArea) {
        if (!gridArea.intersects(route)) {
            c.at().error("route lies outside every grid");
        }
    }

    private static void routeEnd(
            Checked<Permit> c,
            String verb,
            Geometry end,
            Checked<Site> site,
            LocalProjection plane) {
        if (site == null || !site.geometryValid()) {
            return;
        }
        double m = plane.toMetres(site.value().polygon()).distance(end);
        if (m > ROUTE_END_TO_SITE_WARNING_M) {
            c.at().warning(
                            String.format(
                                    Locale.ROOT,
                                    "route %s %.1f km from its %s site %s",
                                    verb,
                                    m / 1000,
                                    verb.equals("starts") ? "source" : "disposal",
                                    site.id()));
        }
    }

    private static void zones(List<Checked<Zone>> zones) {
        for (Checked<Zone> c : zones) {
            Zone z = c.value();
            if (z == null) {
                continue;
            }
            if (z.kind() == Zone.Kind.NOISE_CLASS
                    && (z.noiseClass() == null || z.noiseClass().isBlank())) {
                c.at().warning("a NOISE_CLASS zone without noiseClass sets no limit");
            }
            if (z.kind() == Zone.Kind.PROHIBITED_TRUCK && z.closedHours() == null) {
                c.at().warning("no closedFrom/closedTo: closed to trucks all day");
            }
        }
    }

    private static void officers(CheckedCity city) {
        Map<String, Grid> grids = byId(city.grids());
        for (Checked<Officer> c : city.officers()) {
            Officer o = c.value();
            if (o == null) {
                continue;
            }
            if (o.gridCodes().isEmpty()) {
                c.at().warning("no gridCodes: answers for no grid");
            }
            o.gridCodes().stream()
                    .filter(code -> !grids.containsKey(code))
                    .forEach(
                            code ->
                                    c.at().warning(
                                                    "grid "
                                                            + code
                                                            + " is not in "
                                                            + Layer.GRIDS.file()));
        }
    }

    private static void devices(CheckedCity city) {
        Map<String, Grid> grids = byId(city.grids());
        for (Checked<Device> c : city.devices()) {
            Device d = c.value();
            if (d == null) {
                continue;
            }
            GeometryCheck.coordinatesInPlace(
                    GeoJson.FACTORY.createPoint(new Coordinate(d.lon(), d.lat())),
                    city.meta().bounds(),
                    c.at());
            if (d.gridCode() != null
                    && !d.gridCode().isBlank()
                    && !grids.containsKey(d.gridCode())) {
                c.at().warning("grid " + d.gridCode() + " is not in " + Layer.GRIDS.file());
            }
        }
    }

    private static void addresses(CheckedCity city) {
        Map<String, Grid> grids = byId(city.grids());
        for (Checked<Address> c : city.addresses()) {
            Address a = c.value();
            if (a == null) {
                continue;
            }
            GeometryCheck.coordinatesInPlace(
                    GeoJson.FACTORY.createPoint(new Coordinate(a.lon(), a.lat())),
                    city.meta().bounds(),
                    c.at());
            if (a.gridCode() != null
                    && !a.gridCode().isBlank()
                    && !grids.containsKey(a.gridCode())) {
                c.at().warning("grid " + a.gridCode() + " is not in " + Layer.GRIDS.file());
            }
        }
    }

    /** Plates as people type them: 沪A·D1234, 沪A D1234 and 沪ad1234 are one plate. */
    static boolean samePlate(String a, String b) {
        return a.replaceAll("[\\s·.\\-]", "").equalsIgnoreCase(b.replaceAll("[\\s·.\\-]", ""));
    }

    private static <T> Map<String, T> byId(List<Checked<T>> entries) {
        Map<String, T> map = new LinkedHashMap<>();
        entries.stream()
                .filter(e -> e.value() != null && e.id() != null)
                .forEach(e -> map.putIfAbsent(e.id(), e.value()));
        return map;
    }
}

package org.gridwatch.jobs.trucks;

import org.gridwatch.common.city.City;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Site;
import org.gridwatch.common.city.Truck;
import org.gridwatch.common.city.Zone;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.EntityType;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.reference.CityUpdates;
import org.gridwatch.common.rules.DailyWindow;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * A tiny city laid out in metres for the truck tests: construction site CS1 at (0, 0), disposal
 * site DS1 at (6000, 0), the permitted route straight between them, a depot at (0, -3000),
 * prohibited zone PZ1 (closed all day) at (3000, 1500) and PZ2 (closed 06:00-22:00) at (3000,
 * -1500). Trucks T1..T5 have night permits (20:00-06:00) for the route; N1 is registered without a
 * permit.
 */
public final class TruckTestCity {
    public static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    public static final LocalProjection P = new LocalProjection(31.10, 121.40);
    private static final GeometryFactory F = new GeometryFactory();

    private TruckTestCity() {}

    public static City city() {
        Site cs = new Site("CS1", Site.Kind.CONSTRUCTION, "工地1号", rect(0, 0, 70));
        Site ds = new Site("DS1", Site.Kind.DISPOSAL, "消纳场1号", rect(6000, 0, 150));
        Site dp = new Site("DP1", Site.Kind.DEPOT, "车队停车场1号", rect(0, -3000, 100));
        Zone pz1 =
                new Zone(
                        "PZ1",
                        Zone.Kind.PROHIBITED_TRUCK,
                        "学校周边禁行区",
                        DailyWindow.ALL_DAY,
                        null,
                        rect(3000, 1500, 250));
        Zone pz2 =
                new Zone(
                        "PZ2",
                        Zone.Kind.PROHIBITED_TRUCK,
                        "中心城区禁行区",
                        DailyWindow.parse("06:00", "22:00"),
                        null,
                        rect(3000, -1500, 250));
        Grid grid =
                new Grid(
                        "31011200100101",
                        "310112",
                        "闵行区",
                        "001",
                        "江川路街道",
                        "001",
                        "一村",
                        DailyWindow.parse("07:00", "22:00"),
                        120,
                        rect(3000, 0, 4000));
        LineString route = F.createLineString(new Coordinate[] {wgs(0, 0), wgs(6000, 0)});
        List<Truck> trucks =
                List.of(
                        truck("T1"),
                        truck("T2"),
                        truck("T3"),
                        truck("T4"),
                        truck("T5"),
                        truck("N1"));
        List<Permit> permits =
                trucks.stream()
                        .filter(t -> !t.truckId().equals("N1"))
                        .map(
                                t ->
                                        new Permit(
                                                "ZY-" + t.truckId(),
                                                t.truckId(),
                                                t.plate(),
                                                LocalDate.of(2026, 10, 1),
                                                LocalDate.of(2026, 12, 31),
                                                DailyWindow.parse("20:00", "06:00"),
                                                "CS1",
                                                "DS1",
                                                route,
                                                null))
                        .toList();
        return new City(
                "truck test city",
                "310112",
                31.10,
                121.40,
                SH,
                List.of(grid),
                List.of(cs, ds, dp),
                List.of(pz1, pz2),
                permits,
                trucks,
                List.of(),
                List.of());
    }

    /** The city as reference updates, as the reference topic would carry it. */
    public static List<ReferenceUpdate> referenceUpdates() {
        return CityUpdates.of(city(), 0);
    }

    private static Truck truck(String id) {
        return new Truck(id, "沪A" + id, "测试车队");
    }

    /** Epoch ms of a local time in Shanghai. */
    public static long local(String isoLocal) {
        return LocalDateTime.parse(isoLocal).atZone(SH).toInstant().toEpochMilli();
    }

    public static GpsPing ping(String truck, long t, double x, double y, double kmh) {
        return ping(truck, t, x, y, kmh, 0b11L | (3L << 8));
    }

    public static GpsPing ping(String truck, long t, double x, double y, double kmh, long status) {
        return new GpsPing(
                truck,
                EntityType.TRUCK,
                t,
                P.lat(y),
                P.lon(x),
                kmh,
                90,
                null,
                status,
                null,
                "沪A" + truck,
                "test");
    }

    /** The same ping as a line of the gps topic. */
    public static String json(GpsPing p) {
        var n = Json.MAPPER.createObjectNode();
        n.put("entityId", p.entityId())
                .put("entityType", "TRUCK")
                .put("time", Instant.ofEpochMilli(p.eventTime()).toString())
                .put("lat", p.lat())
                .put("lon", p.lon())
                .put("speed", p.speedKmh())
                .put("heading", p.heading())
                .put("status", p.status())
                .put("plate", p.plate());
        return Json.text(n);
    }

    private static Coordinate wgs(double x, double y) {
        return new Coordinate(P.lon(x), P.lat(y));
    }

    public static Polygon rect(double cx, double cy, double half) {
        return F.createPolygon(
                new Coordinate[] {
                    wgs(cx - half, cy - half),
                    wgs(cx + half, cy - half),
                    wgs(cx + half, cy + half),
                    wgs(cx - half, cy + half),
                    wgs(cx - half, cy - half)
                });
    }
}

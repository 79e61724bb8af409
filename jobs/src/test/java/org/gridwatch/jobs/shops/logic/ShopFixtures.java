package org.gridwatch.jobs.shops.logic;

import org.gridwatch.common.city.Shop;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.model.ShopViolation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

import java.time.Instant;

/** Shops along a street running east from the origin, and records at them; metres to degrees. */
final class ShopFixtures {
    static final double LAT0 = 31.1;
    static final double LON0 = 121.4;
    static final LocalProjection PROJ = new LocalProjection(LAT0, LON0);
    static final long T0 = Instant.parse("2026-11-02T02:00:00Z").toEpochMilli();
    static final long MIN = 60_000L;
    static final long DAY = 86_400_000L;
    private static final GeometryFactory F = new GeometryFactory();

    private ShopFixtures() {}

    static double lat(double northM) {
        return PROJ.lat(northM);
    }

    static double lon(double eastM) {
        return PROJ.lon(eastM);
    }

    /** A shop whose frontage is a 6 m line along the street, starting {@code eastM} east. */
    static Shop shop(String id, double eastM) {
        return new Shop(
                id,
                "店" + id,
                "91310000MA1FL0000" + id.charAt(id.length() - 1),
                "莘松路" + id + "号",
                "餐饮",
                F.createLineString(
                        new Coordinate[] {
                            new Coordinate(lon(eastM), lat(0)),
                            new Coordinate(lon(eastM + 6), lat(0))
                        }),
                "G1");
    }

    /** A shop whose frontage is a point. */
    static Shop pointShop(String id, double eastM) {
        return new Shop(
                id,
                "店" + id,
                null,
                null,
                "零售",
                F.createPoint(new Coordinate(lon(eastM), lat(0))),
                "G1");
    }

    static ShopEvent detection(String camera, long t, ShopViolation v) {
        return new ShopEvent(
                "S1",
                ShopEvent.DETECTION,
                t,
                camera,
                v,
                0.9,
                "http://p/" + t,
                lat(3),
                lon(2),
                3,
                null,
                null,
                null);
    }

    static ShopEvent inspection(String officer, long t, ShopViolation v) {
        return new ShopEvent(
                "S1",
                ShopEvent.INSPECTION,
                t,
                officer,
                v,
                Double.NaN,
                "http://i/" + t,
                lat(1),
                lon(2),
                Double.NaN,
                null,
                null,
                null);
    }
}

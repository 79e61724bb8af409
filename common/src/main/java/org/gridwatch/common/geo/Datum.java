package org.gridwatch.common.geo;

import java.util.Locale;

/**
 * The map datums Chinese city data comes in, and their conversion to WGS-84 (what GPS terminals
 * report and what every GridWatch geometry is in).
 *
 * <ul>
 *   <li>{@link #WGS84}: GPS, OpenStreetMap, most GIS exports.
 *   <li>{@link #GCJ02}: China's national datum for published maps (Gaode/AMap, Tencent, Google
 *       inside China): WGS-84 shifted by a smooth non-linear offset of a few hundred metres. The
 *       offset is only applied inside a coarse box around China; outside it the two coincide, as in
 *       the published implementations.
 *   <li>{@link #BD09}: Baidu's datum, GCJ-02 with a further rotation and shift of about 1 km.
 * </ul>
 *
 * <p>Only the forward transforms (WGS-84 to GCJ-02 to BD-09) have closed forms. The way back is
 * found by fixed-point iteration on the forward transform: its Jacobian is within a few parts per
 * thousand of the identity, so each step gains about three digits and a handful of steps reach
 * 1e-12 degrees (well under a millimetre). The common one-step inverse found in many libraries is
 * off by up to 5 m across China.
 */
public enum Datum {
    WGS84,
    GCJ02,
    BD09;

    // Krasovsky 1940 ellipsoid, which the GCJ-02 offset formula is defined on.
    private static final double KRASOVSKY_A = 6378245.0;
    private static final double KRASOVSKY_EE = 0.00669342162296594323;
    private static final double BD_X_PI = Math.PI * 3000.0 / 180.0;
    private static final double CONVERGED_DEGREES = 1e-12;
    private static final int MAX_ITERATIONS = 50;

    /** Parses {@code wgs84}, {@code gcj02}, {@code bd09} (any case, with or without a dash). */
    public static Datum parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
        for (Datum d : values()) {
            if (d.name().equals(n)) {
                return d;
            }
        }
        throw new IllegalArgumentException(
                "unknown datum '" + name + "'; use wgs84, gcj02 or bd09");
    }

    /** This datum's {lon, lat} of a WGS-84 position. */
    public double[] fromWgs84(double lon, double lat) {
        return switch (this) {
            case WGS84 -> new double[] {lon, lat};
            case GCJ02 -> gcj02FromWgs84(lon, lat);
            case BD09 -> {
                double[] g = gcj02FromWgs84(lon, lat);
                yield bd09FromGcj02(g[0], g[1]);
            }
        };
    }

    /** The WGS-84 {lon, lat} of a position given in this datum. */
    public double[] toWgs84(double lon, double lat) {
        if (this == WGS84) {
            return new double[] {lon, lat};
        }
        // Solve fromWgs84(w) = (lon, lat): start at the target and step back by the residual.
        double wLon = lon;
        double wLat = lat;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double[] f = fromWgs84(wLon, wLat);
            double eLon = f[0] - lon;
            double eLat = f[1] - lat;
            wLon -= eLon;
            wLat -= eLat;
            if (Math.abs(eLon) < CONVERGED_DEGREES && Math.abs(eLat) < CONVERGED_DEGREES) {
                break;
            }
        }
        return new double[] {wLon, wLat};
    }

    /** A position from one datum to another ({lon, lat}). */
    public static double[] convert(Datum from, Datum to, double lon, double lat) {
        double[] w = from.toWgs84(lon, lat);
        return to.fromWgs84(w[0], w[1]);
    }

    /**
     * The coarse box outside which GCJ-02 equals WGS-84 (the bound every published implementation
     * uses).
     */
    static boolean outsideChina(double lon, double lat) {
        return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
    }

    private static double[] gcj02FromWgs84(double lon, double lat) {
        if (outsideChina(lon, lat)) {
            return new double[] {lon, lat};
        }
        double x = lon - 105.0;
        double y = lat - 35.0;
        double radLat = Math.toRadians(lat);
        double magic = 1 - KRASOVSKY_EE * Math.sin(radLat) * Math.sin(radLat);
        double sqrtMagic = Math.sqrt(magic);
        // The offsets are in metres-like units on the ellipsoid; divide by the radii of curvature.
        double dLat =
                latOffset(x, y)
                        * 180.0
                        / ((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic) * Math.PI);
        double dLon =
                lonOffset(x, y) * 180.0 / (KRASOVSKY_A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {lon + dLon, lat + dLat};
    }

    private static double[] bd09FromGcj02(double lon, double lat) {
        double z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * BD_X_PI);
        double theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * BD_X_PI);
        return new double[] {z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006};
    }

    private static double latOffset(double x, double y) {
        double r =
                -100.0
                        + 2.0 * x
                        + 3.0 * y
                        + 0.2 * y * y
                        + 0.1 * x * y
                        + 0.2 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        r +=
                (160.0 * Math.sin(y / 12.0 * Math.PI) + 320.0 * Math.sin(y * Math.PI / 30.0))
                        * 2.0
                        / 3.0;
        return r;
    }

    private static double lonOffset(double x, double y) {
        double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        r +=
                (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI))
                        * 2.0
                        / 3.0;
        return r;
    }
}

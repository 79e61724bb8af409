package org.gridwatch.common.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

import java.io.Serializable;

/**
 * Maps WGS-84 degrees to metres on a plane tangent at the city's centre (equirectangular around the
 * centre latitude), so distances and buffers are computed in metres on the ground, not in degrees.
 *
 * <p>Within 50 km of the centre the scale error stays below 0.1 %: far smaller than GPS noise and
 * the 50-200 m corridors the rules use. A country-wide deployment would use one projection per
 * city.
 */
public final class LocalProjection implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Mean Earth radius (IUGG), metres. */
    public static final double EARTH_RADIUS_M = 6_371_008.8;

    private final double originLat;
    private final double originLon;
    private final double metresPerDegreeLat;
    private final double metresPerDegreeLon;

    public LocalProjection(double originLat, double originLon) {
        this.originLat = originLat;
        this.originLon = originLon;
        this.metresPerDegreeLat = Math.toRadians(1) * EARTH_RADIUS_M;
        this.metresPerDegreeLon = metresPerDegreeLat * Math.cos(Math.toRadians(originLat));
    }

    public double x(double lon) {
        return (lon - originLon) * metresPerDegreeLon;
    }

    public double y(double lat) {
        return (lat - originLat) * metresPerDegreeLat;
    }

    public double lon(double x) {
        return originLon + x / metresPerDegreeLon;
    }

    public double lat(double y) {
        return originLat + y / metresPerDegreeLat;
    }

    public double originLat() {
        return originLat;
    }

    public double originLon() {
        return originLon;
    }

    /** A copy of a geometry whose coordinates are (x = lon, y = lat) degrees, in metres. */
    public Geometry toMetres(Geometry wgs84) {
        return Coordinates.transformed(wgs84, (lon, lat) -> new double[] {x(lon), y(lat)});
    }

    public Coordinate toMetres(double lat, double lon) {
        return new Coordinate(x(lon), y(lat));
    }

    /** Great-circle distance in metres (haversine), for checks independent of the projection. */
    public static double haversineMetres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a =
                Math.sin(dLat / 2) * Math.sin(dLat / 2)
                        + Math.cos(Math.toRadians(lat1))
                                * Math.cos(Math.toRadians(lat2))
                                * Math.sin(dLon / 2)
                                * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}

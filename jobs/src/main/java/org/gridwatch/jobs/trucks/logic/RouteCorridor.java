package org.gridwatch.jobs.trucks.logic;

import org.gridwatch.common.geo.LocalProjection;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;

/**
 * A permit's approved route in metres on the ground (a local projection, not degrees), indexed once
 * so that the distance of a ping from a route of hundreds of vertices costs microseconds.
 */
public final class RouteCorridor {
    private static final GeometryFactory F = new GeometryFactory();

    private final LocalProjection projection;
    private final IndexedFacetDistance index;

    public RouteCorridor(LineString wgs84Route, LocalProjection projection) {
        this.projection = projection;
        Geometry metres = projection.toMetres(wgs84Route);
        this.index = new IndexedFacetDistance(metres);
    }

    /** Metres from the point to the nearest point of the route. */
    public double distanceM(double lat, double lon) {
        Coordinate c = projection.toMetres(lat, lon);
        return index.distance(F.createPoint(c));
    }
}

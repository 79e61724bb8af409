package org.gridwatch.launcher.city;

import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.geo.Coordinates;
import org.gridwatch.common.geo.Datum;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Reads a row's position or geometry as the shape its reference object needs, converted from the
 * input's datum to WGS-84. Kept apart from the row makers because every table with a position
 * shares the same unwrapping of one-part GIS exports and the same wording of what is wrong with a
 * shape, which a row's ERROR then carries.
 */
final class RowShapes {
    private final Datum datum;

    RowShapes(Datum datum) {
        this.datum = datum;
    }

    /** {lon, lat} in WGS-84 of a row's {@code lon} and {@code lat} columns. */
    double[] lonLat(InputRow r) {
        return datum.toWgs84(
                Fields.number("lon", CityImporter.required(r, "lon")),
                Fields.number("lat", CityImporter.required(r, "lat")));
    }

    /**
     * A grid's or a site's shape: one Polygon (a MultiPolygon of one part, as GIS exports write
     * them, is unwrapped).
     */
    Polygon polygon(InputRow r) {
        Geometry g = single(r.geometry());
        if (!(g instanceof Polygon p)) {
            throw new IllegalArgumentException(shapeProblem(r, "one Polygon"));
        }
        return (Polygon) datum(p);
    }

    /** A zone's area: a Polygon or a MultiPolygon, as the file has it. */
    Geometry area(InputRow r) {
        Geometry area = datum(r.geometry());
        if (area == null
                || !(area.getGeometryType().equals("Polygon")
                        || area.getGeometryType().equals("MultiPolygon"))) {
            throw new IllegalArgumentException(shapeProblem(r, "a Polygon or MultiPolygon"));
        }
        return area;
    }

    /**
     * A route: one LineString (a MultiLineString of one part is unwrapped); null when the row has
     * no geometry.
     */
    LineString line(InputRow r) {
        if (r.geometry() == null && r.geometryProblem() == null) {
            return null;
        }
        Geometry g = single(r.geometry());
        if (!(g instanceof LineString l)) {
            throw new IllegalArgumentException(shapeProblem(r, "a LineString"));
        }
        return (LineString) datum(l);
    }

    /**
     * A shop's frontage: a Point or a LineString (one-part multi-geometries unwrapped), else the
     * point of the row's lon/lat columns.
     */
    Geometry frontage(InputRow r) {
        if (r.geometry() == null && r.geometryProblem() == null && r.has("lon") && r.has("lat")) {
            double[] w = lonLat(r);
            return GeoJson.FACTORY.createPoint(new Coordinate(w[0], w[1]));
        }
        Geometry g = single(r.geometry());
        if (!(g instanceof Point) && !(g instanceof LineString)) {
            throw new IllegalArgumentException(
                    shapeProblem(r, "a Point or a LineString (or lon/lat columns)"));
        }
        return datum(g);
    }

    LineString requiredLine(InputRow r) {
        LineString l = line(r);
        if (l == null) {
            throw new IllegalArgumentException(shapeProblem(r, "a LineString"));
        }
        return l;
    }

    private static Geometry single(Geometry g) {
        return g != null
                        && g.getNumGeometries() == 1
                        && !g.getGeometryType().equals(g.getGeometryN(0).getGeometryType())
                ? g.getGeometryN(0)
                : g;
    }

    private static String shapeProblem(InputRow r, String expected) {
        if (r.geometryProblem() != null) {
            return "geometry cannot be read: " + r.geometryProblem();
        }
        if (r.geometry() == null) {
            return "no geometry (a WKT column such as 'geometry' or 'wkt', or a GeoJSON geometry)";
        }
        Geometry g = r.geometry();
        return "geometry is a "
                + g.getGeometryType()
                + (g.getNumGeometries() > 1 ? " of " + g.getNumGeometries() + " parts" : "")
                + ", not "
                + expected;
    }

    /** A copy of {@code g} in WGS-84. */
    private Geometry datum(Geometry g) {
        if (g == null || datum == Datum.WGS84) {
            return g;
        }
        return Coordinates.transformed(g, datum::toWgs84);
    }
}

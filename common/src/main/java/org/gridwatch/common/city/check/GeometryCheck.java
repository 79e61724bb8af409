package org.gridwatch.common.city.check;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import java.util.Locale;

/**
 * Checks one geometry on its own: coordinate order and range, the vertex bound, and validity (JTS
 * {@link IsValidOp}: self-intersections, unclosed or collapsed rings, holes outside their shell).
 */
public final class GeometryCheck {
    /**
     * Most vertices one geometry may have. A reference update carrying the geometry must fit the 64
     * KB record limit of the ingest ({@code ParseLimits}), about 2,500 positions; and the per-ping
     * cost of the point-in-polygon and distance tests grows with it. City platforms' grids have
     * tens of vertices; a traced road or an over-digitised outline should be simplified first.
     */
    public static final int MAX_VERTICES = 2_000;

    private GeometryCheck() {}

    /**
     * Reports what is wrong with {@code g} and returns whether it is fit for topological checks
     * (overlaps, containment). {@code what} names it in messages: "polygon", "route", "position".
     */
    public static boolean check(Geometry g, String what, CityBounds bounds, Problems.At at) {
        if (g.isEmpty()) {
            at.error("empty " + what);
            return false;
        }
        if (!coordinatesInPlace(g, bounds, at)) {
            return false;
        }
        if (g.getNumPoints() > MAX_VERTICES) {
            at.error(
                    String.format(
                            Locale.ROOT,
                            "%s has %,d vertices; at most %,d per geometry (simplify it)",
                            what,
                            g.getNumPoints(),
                            MAX_VERTICES));
        }
        TopologyValidationError error = new IsValidOp(g).getValidationError();
        if (error != null) {
            at.error(describe(error, what));
            return false;
        }
        return true;
    }

    /**
     * Reports swapped, impossible and out-of-bounds positions; false when the positions cannot be
     * trusted at all.
     */
    static boolean coordinatesInPlace(Geometry g, CityBounds bounds, Problems.At at) {
        int swapped = 0;
        int notInChina = 0;
        int outside = 0;
        Coordinate firstSwapped = null;
        Coordinate firstNotInChina = null;
        Coordinate firstOutside = null;
        for (Coordinate c : g.getCoordinates()) {
            if (!Double.isFinite(c.x)
                    || !Double.isFinite(c.y)
                    || !CityBounds.CHINA.contains(c.x, c.y)) {
                if (CityBounds.CHINA.contains(c.y, c.x)) {
                    swapped++;
                    firstSwapped = firstSwapped == null ? c : firstSwapped;
                } else {
                    notInChina++;
                    firstNotInChina = firstNotInChina == null ? c : firstNotInChina;
                }
            } else if (bounds != null && !bounds.contains(c.x, c.y)) {
                outside++;
                firstOutside = firstOutside == null ? c : firstOutside;
            }
        }
        int n = g.getNumPoints();
        if (swapped > 0) {
            at.error(
                    String.format(
                            Locale.ROOT,
                            "latitude and longitude swapped: %s has longitude %s and latitude %s (%d of %d positions);"
                                    + " positions are (longitude latitude)",
                            point(firstSwapped),
                            num(firstSwapped.x),
                            num(firstSwapped.y),
                            swapped,
                            n));
        }
        if (notInChina > 0) {
            at.error(
                    String.format(
                            Locale.ROOT,
                            "position %s is not in China (%d of %d positions)",
                            point(firstNotInChina),
                            notInChina,
                            n));
        }
        if (swapped > 0 || notInChina > 0) {
            return false;
        }
        if (outside > 0) {
            at.error(
                    String.format(
                            Locale.ROOT,
                            "position %s lies outside the city's bounds %s (%d of %d positions)",
                            point(firstOutside),
                            bounds,
                            outside,
                            n));
        }
        return true;
    }

    private static String describe(TopologyValidationError e, String what) {
        Coordinate c = e.getCoordinate();
        String where = c == null ? "" : " at " + point(c);
        return switch (e.getErrorType()) {
            case TopologyValidationError.SELF_INTERSECTION,
                    TopologyValidationError.RING_SELF_INTERSECTION ->
                    "self-intersecting " + what + where;
            default -> "invalid " + what + ": " + e.getMessage().toLowerCase(Locale.ROOT) + where;
        };
    }

    /** {@code (121.400000 31.100000)}: WKT order, 6 decimals (about 10 cm). */
    public static String point(Coordinate c) {
        return "(" + num(c.x) + " " + num(c.y) + ")";
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}

package org.gridwatch.common.city.check;

import org.gridwatch.common.geo.LocalProjection;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.strtree.STRtree;

import java.util.List;
import java.util.Locale;

/**
 * Finds grids that overlap. A point in two grids counts for whichever the look-up finds first, so
 * an overlap silently moves patrol coverage from one grid to another.
 *
 * <p>Areas are compared in square metres on the city's local plane. Overlaps up to {@link
 * #IGNORED_M2} are rounding: positions are stored to 1e-7 degrees, which can push a vertex lying on
 * a neighbour's edge a centimetre across it. Up to {@link #SLIVER_SHARE} of the smaller grid is a
 * digitising sliver (a warning); anything more is an error.
 */
final class GridOverlaps {
    static final double IGNORED_M2 = 10.0;
    static final double SLIVER_SHARE = 0.01;

    /** One valid grid polygon and the subject its problems are reported under. */
    record Shape(String code, Polygon polygon, Problems.At at) {}

    private GridOverlaps() {}

    static void check(List<Shape> grids, LocalProjection plane) {
        STRtree index = new STRtree();
        Geometry[] metres = new Geometry[grids.size()];
        for (int i = 0; i < grids.size(); i++) {
            metres[i] = plane.toMetres(grids.get(i).polygon());
            index.insert(metres[i].getEnvelopeInternal(), i);
        }
        for (int j = 0; j < grids.size(); j++) {
            for (Object hit : index.query(metres[j].getEnvelopeInternal())) {
                int i = (Integer) hit;
                // Each pair once, reported on the later grid of the file.
                if (i < j) {
                    compare(grids.get(i), metres[i], grids.get(j), metres[j], plane);
                }
            }
        }
    }

    private static void compare(
            Shape first, Geometry a, Shape second, Geometry b, LocalProjection plane) {
        Geometry overlap;
        try {
            if (!a.intersects(b)) {
                return;
            }
            overlap = a.intersection(b);
        } catch (RuntimeException e) {
            // Valid polygons should always overlay; if JTS still gives up, say so rather than stop
            // the check.
            second.at()
                    .warning("could not compare with grid " + first.code() + ": " + e.getMessage());
            return;
        }
        double area = overlap.getArea();
        if (area <= IGNORED_M2) {
            return;
        }
        double share = area / Math.min(a.getArea(), b.getArea());
        Coordinate inside = overlap.getInteriorPoint().getCoordinate();
        String where =
                GeometryCheck.point(new Coordinate(plane.lon(inside.x), plane.lat(inside.y)));
        String text =
                String.format(
                        Locale.ROOT,
                        "overlaps grid %s by %,.0f m² (%.1f %% of the smaller grid) around %s",
                        first.code(),
                        area,
                        share * 100,
                        where);
        if (share <= SLIVER_SHARE) {
            second.at().warning(text);
        } else {
            second.at().error(text);
        }
    }
}

package org.gridwatch.common.geo;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/** Point-by-point transforms of a geometry's coordinates (projections, datum changes). */
public final class Coordinates {
    private Coordinates() {}

    /** A point transform: (x, y) in, {x, y} out. */
    @FunctionalInterface
    public interface Transform {
        double[] apply(double x, double y);
    }

    /** A copy of {@code g} with every coordinate transformed; {@code g} itself is left as it is. */
    public static Geometry transformed(Geometry g, Transform t) {
        Geometry c = g.copy();
        c.apply(
                new CoordinateSequenceFilter() {
                    @Override
                    public void filter(CoordinateSequence seq, int i) {
                        double[] p = t.apply(seq.getX(i), seq.getY(i));
                        seq.setOrdinate(i, 0, p[0]);
                        seq.setOrdinate(i, 1, p[1]);
                    }

                    @Override
                    public boolean isDone() {
                        return false;
                    }

                    @Override
                    public boolean isGeometryChanged() {
                        return true;
                    }
                });
        return c;
    }
}

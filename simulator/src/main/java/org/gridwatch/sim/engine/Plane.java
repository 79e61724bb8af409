package org.gridwatch.sim.engine;

import org.gridwatch.common.geo.LocalProjection;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;

import java.util.SplittableRandom;

/** Geometry helpers for moving things around the city in metres. */
final class Plane {
    private static final GeometryFactory F = new GeometryFactory();

    private Plane() {}

    /** A uniformly random point inside an area (WGS-84 geometry), as {x, y} metres. */
    static double[] randomPointIn(Geometry wgs84, LocalProjection proj, SplittableRandom r) {
        Geometry m = proj.toMetres(wgs84);
        Envelope e = m.getEnvelopeInternal();
        for (int i = 0; i < 1000; i++) {
            double x = e.getMinX() + r.nextDouble() * e.getWidth();
            double y = e.getMinY() + r.nextDouble() * e.getHeight();
            if (m.contains(F.createPoint(new Coordinate(x, y)))) {
                return new double[] {x, y};
            }
        }
        Coordinate c = m.getInteriorPoint().getCoordinate();
        return new double[] {c.x, c.y};
    }

    /**
     * A route (WGS-84 line) as metres, with cumulative lengths for position-by-distance look-ups.
     */
    static final class Path {
        final double[] xs;
        final double[] ys;
        final double[] cum;

        Path(LineString wgs84, LocalProjection proj) {
            Coordinate[] cs = wgs84.getCoordinates();
            xs = new double[cs.length];
            ys = new double[cs.length];
            cum = new double[cs.length];
            for (int i = 0; i < cs.length; i++) {
                xs[i] = proj.x(cs[i].x);
                ys[i] = proj.y(cs[i].y);
                cum[i] = i == 0 ? 0 : cum[i - 1] + Math.hypot(xs[i] - xs[i - 1], ys[i] - ys[i - 1]);
            }
        }

        double length() {
            return cum[cum.length - 1];
        }

        /** {x, y, heading degrees} at distance {@code d} along the path (clamped to its ends). */
        double[] at(double d, boolean reverse) {
            double s = Math.max(0, Math.min(length(), reverse ? length() - d : d));
            int i = 1;
            while (i < cum.length - 1 && cum[i] < s) {
                i++;
            }
            double seg = cum[i] - cum[i - 1];
            double f = seg == 0 ? 0 : (s - cum[i - 1]) / seg;
            double x = xs[i - 1] + f * (xs[i] - xs[i - 1]);
            double y = ys[i - 1] + f * (ys[i] - ys[i - 1]);
            double dx = (xs[i] - xs[i - 1]) * (reverse ? -1 : 1);
            double dy = (ys[i] - ys[i - 1]) * (reverse ? -1 : 1);
            return new double[] {x, y, heading(dx, dy)};
        }
    }

    static double heading(double dx, double dy) {
        double deg = Math.toDegrees(Math.atan2(dx, dy));
        return deg < 0 ? deg + 360 : deg;
    }
}

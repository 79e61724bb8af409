package org.gridwatch.common.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.distance.DistanceOp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A read-only spatial index of areas (grids, sites, zones) or lines (routes), built once per
 * reference-data version and shared by every ping.
 *
 * <p>Geometries are projected to metres once. Look-ups go through a uniform bucket grid (cell size
 * chosen so a cell holds about one item), which beats a tree on the hot path: one array access
 * instead of a descent with pointer chasing. Simple polygons (no holes) are tested with a ray cast
 * on flat coordinate arrays; anything else falls back to JTS prepared geometries.
 *
 * <p>Not serializable on purpose: jobs rebuild it from reference data in broadcast state, never
 * ship it.
 */
public final class GeoIndex<T> {
    private static final GeometryFactory FACTORY = new GeometryFactory();
    private static final Object[] EMPTY = new Object[0];

    /** An indexed item with its geometry in metres and a fast point test. */
    private static final class Entry<T> {
        final T item;
        final Geometry metres;
        final Envelope envelope;
        final double[] xs;
        final double[] ys;
        final PreparedGeometry prepared;
        final boolean areal;

        Entry(T item, Geometry metres) {
            this.item = item;
            this.metres = metres;
            this.envelope = metres.getEnvelopeInternal();
            this.areal = metres.getDimension() == 2;
            if (metres instanceof Polygon p && p.getNumInteriorRing() == 0) {
                Coordinate[] ring = p.getExteriorRing().getCoordinates();
                xs = new double[ring.length];
                ys = new double[ring.length];
                for (int i = 0; i < ring.length; i++) {
                    xs[i] = ring[i].x;
                    ys[i] = ring[i].y;
                }
                prepared = null;
            } else {
                xs = null;
                ys = null;
                prepared = PreparedGeometryFactory.prepare(metres);
            }
        }

        boolean covers(double x, double y) {
            if (!areal || !envelope.covers(x, y)) {
                return false;
            }
            if (xs == null) {
                return prepared.covers(FACTORY.createPoint(new Coordinate(x, y)));
            }
            boolean inside = false;
            for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
                if ((ys[i] > y) != (ys[j] > y)
                        && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
                    inside = !inside;
                }
            }
            return inside;
        }

        boolean within(double x, double y, double margin) {
            if (covers(x, y)) {
                return true;
            }
            if (margin <= 0 || envelope.distance(new Envelope(x, x, y, y)) > margin) {
                return false;
            }
            Point p = FACTORY.createPoint(new Coordinate(x, y));
            return metres.isWithinDistance(p, margin);
        }
    }

    private final LocalProjection projection;
    private final int size;
    private final double minX;
    private final double minY;
    private final double cellSize;
    private final int cols;
    private final int rows;
    private final Object[][] cells;

    private GeoIndex(LocalProjection projection, List<Entry<T>> entries) {
        this.projection = projection;
        this.size = entries.size();
        Envelope all = new Envelope();
        double areaSum = 0;
        for (Entry<T> e : entries) {
            all.expandToInclude(e.envelope);
            areaSum += Math.max(1, e.envelope.getWidth()) * Math.max(1, e.envelope.getHeight());
        }
        if (entries.isEmpty()) {
            all = new Envelope(0, 1, 0, 1);
        }
        // About one item per cell, bounded so the table stays small (≤ ~4 M cells).
        double mean = entries.isEmpty() ? 1 : Math.sqrt(areaSum / entries.size());
        double span = Math.max(all.getWidth(), all.getHeight());
        this.cellSize = Math.max(Math.max(mean, 10), span / 2000);
        this.minX = all.getMinX();
        this.minY = all.getMinY();
        this.cols = (int) (all.getWidth() / cellSize) + 1;
        this.rows = (int) (all.getHeight() / cellSize) + 1;
        List<List<Entry<T>>> buckets = new ArrayList<>(cols * rows);
        for (int i = 0; i < cols * rows; i++) {
            buckets.add(null);
        }
        for (Entry<T> e : entries) {
            int c0 = col(e.envelope.getMinX());
            int c1 = col(e.envelope.getMaxX());
            int r0 = row(e.envelope.getMinY());
            int r1 = row(e.envelope.getMaxY());
            for (int r = r0; r <= r1; r++) {
                for (int c = c0; c <= c1; c++) {
                    int i = r * cols + c;
                    if (buckets.get(i) == null) {
                        buckets.set(i, new ArrayList<>(2));
                    }
                    buckets.get(i).add(e);
                }
            }
        }
        this.cells = new Object[cols * rows][];
        for (int i = 0; i < cells.length; i++) {
            List<Entry<T>> b = buckets.get(i);
            cells[i] = b == null ? EMPTY : b.toArray();
        }
    }

    /** Indexes items by their WGS-84 geometry (x = lon, y = lat). */
    public static <T> GeoIndex<T> build(
            LocalProjection projection, List<T> items, Function<T, Geometry> wgs84Geometry) {
        List<Entry<T>> entries = new ArrayList<>(items.size());
        for (T item : items) {
            entries.add(new Entry<>(item, projection.toMetres(wgs84Geometry.apply(item))));
        }
        return new GeoIndex<>(projection, entries);
    }

    public int size() {
        return size;
    }

    public LocalProjection projection() {
        return projection;
    }

    private int col(double x) {
        return Math.max(0, Math.min(cols - 1, (int) ((x - minX) / cellSize)));
    }

    private int row(double y) {
        return Math.max(0, Math.min(rows - 1, (int) ((y - minY) / cellSize)));
    }

    private boolean outside(double x, double y, double margin) {
        return x < minX - margin
                || y < minY - margin
                || x > minX + cols * cellSize + margin
                || y > minY + rows * cellSize + margin;
    }

    /**
     * The first item whose area contains the point, or null (grids do not overlap, so "first" is
     * "the").
     */
    @SuppressWarnings("unchecked")
    public T firstContaining(double lat, double lon) {
        double x = projection.x(lon);
        double y = projection.y(lat);
        if (outside(x, y, 0)) {
            return null;
        }
        for (Object o : cells[row(y) * cols + col(x)]) {
            Entry<T> e = (Entry<T>) o;
            if (e.covers(x, y)) {
                return e.item;
            }
        }
        return null;
    }

    /** Every item whose area contains the point or lies within {@code marginM} metres of it. */
    @SuppressWarnings("unchecked")
    public List<T> within(double lat, double lon, double marginM) {
        double x = projection.x(lon);
        double y = projection.y(lat);
        List<T> out = new ArrayList<>(2);
        if (outside(x, y, marginM)) {
            return out;
        }
        double m = Math.max(0, marginM);
        for (int r = row(y - m); r <= row(y + m); r++) {
            for (int c = col(x - m); c <= col(x + m); c++) {
                for (Object o : cells[r * cols + c]) {
                    Entry<T> e = (Entry<T>) o;
                    if (!out.contains(e.item) && e.within(x, y, marginM)) {
                        out.add(e.item);
                    }
                }
            }
        }
        return out;
    }

    /** True when some item lies within {@code marginM} metres of the point (contains it when 0). */
    @SuppressWarnings("unchecked")
    public boolean anyWithin(double lat, double lon, double marginM) {
        double x = projection.x(lon);
        double y = projection.y(lat);
        if (outside(x, y, marginM)) {
            return false;
        }
        double m = Math.max(0, marginM);
        // The point's own cell first: the usual hit is the area the point is in.
        for (Object o : cells[row(y) * cols + col(x)]) {
            if (((Entry<T>) o).covers(x, y)) {
                return true;
            }
        }
        for (int r = row(y - m); r <= row(y + m); r++) {
            for (int c = col(x - m); c <= col(x + m); c++) {
                for (Object o : cells[r * cols + c]) {
                    if (((Entry<T>) o).within(x, y, marginM)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Distance in metres from a point to a geometry already projected with {@code projection}. */
    public static double distanceMetres(
            LocalProjection projection, Geometry metresGeometry, double lat, double lon) {
        return DistanceOp.distance(
                metresGeometry, FACTORY.createPoint(projection.toMetres(lat, lon)));
    }
}

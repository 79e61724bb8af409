package org.gridwatch.common.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.distance.DistanceOp;

/**
 * A read-only spatial index of areas (grids, sites, zones) or lines (routes), built once per
 * reference-data version and then shared by every ping: an STR-tree over geometries projected to
 * metres, with prepared geometries for fast point-in-polygon tests.
 *
 * <p>Not serializable on purpose: jobs rebuild it from reference data in broadcast state, never ship it.
 */
public final class GeoIndex<T> {
    private static final GeometryFactory FACTORY = new GeometryFactory();

    private record Entry<T>(T item, Geometry metres, PreparedGeometry prepared) {}

    private final LocalProjection projection;
    private final STRtree tree = new STRtree();
    private final int size;

    private GeoIndex(LocalProjection projection, List<Entry<T>> entries) {
        this.projection = projection;
        for (Entry<T> e : entries) {
            tree.insert(e.metres().getEnvelopeInternal(), e);
        }
        tree.build();
        this.size = entries.size();
    }

    /** Indexes items by their WGS-84 geometry (x = lon, y = lat). */
    public static <T> GeoIndex<T> build(LocalProjection projection, List<T> items, Function<T, Geometry> wgs84Geometry) {
        List<Entry<T>> entries = new ArrayList<>(items.size());
        for (T item : items) {
            Geometry m = projection.toMetres(wgs84Geometry.apply(item));
            entries.add(new Entry<>(item, m, PreparedGeometryFactory.prepare(m)));
        }
        return new GeoIndex<>(projection, entries);
    }

    public int size() {
        return size;
    }

    public LocalProjection projection() {
        return projection;
    }

    /** The first item whose area contains the point, or null (grids do not overlap, so "first" is "the"). */
    public T firstContaining(double lat, double lon) {
        Coordinate c = projection.toMetres(lat, lon);
        Point p = FACTORY.createPoint(c);
        for (Object o : tree.query(new Envelope(c))) {
            @SuppressWarnings("unchecked")
            Entry<T> e = (Entry<T>) o;
            if (e.prepared().covers(p)) {
                return e.item();
            }
        }
        return null;
    }

    /** Every item whose area contains the point or lies within {@code marginM} metres of it. */
    public List<T> within(double lat, double lon, double marginM) {
        Coordinate c = projection.toMetres(lat, lon);
        Point p = FACTORY.createPoint(c);
        Envelope search = new Envelope(c);
        search.expandBy(marginM);
        List<T> out = new ArrayList<>(2);
        for (Object o : tree.query(search)) {
            @SuppressWarnings("unchecked")
            Entry<T> e = (Entry<T>) o;
            if (marginM <= 0 ? e.prepared().covers(p) : e.metres().isWithinDistance(p, marginM)) {
                out.add(e.item());
            }
        }
        return out;
    }

    /** True when some item lies within {@code marginM} metres of the point (contains it when 0). */
    public boolean anyWithin(double lat, double lon, double marginM) {
        Coordinate c = projection.toMetres(lat, lon);
        Point p = FACTORY.createPoint(c);
        Envelope search = new Envelope(c);
        search.expandBy(Math.max(0, marginM));
        for (Object o : tree.query(search)) {
            @SuppressWarnings("unchecked")
            Entry<T> e = (Entry<T>) o;
            if (marginM <= 0 ? e.prepared().covers(p) : e.metres().isWithinDistance(p, marginM)) {
                return true;
            }
        }
        return false;
    }

    /** Distance in metres from a point to one geometry given in WGS-84 (e.g. a permit's route). */
    public static double distanceMetres(LocalProjection projection, Geometry metresGeometry, double lat, double lon) {
        return DistanceOp.distance(metresGeometry, FACTORY.createPoint(projection.toMetres(lat, lon)));
    }
}

package org.gridwatch.jobs.shops.logic;

import org.gridwatch.common.city.Shop;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.reference.CityReference;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.index.strtree.STRtree;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shops' frontages (a point or a short line along the street) in a JTS STRtree, in metres on
 * the city's local projection: "which frontages lie within d metres of this point, nearest first".
 * Built once per version of the shops ({@link Cache}); never serialized (functions hold it
 * transient).
 */
public final class FrontageIndex {
    private static final GeometryFactory FACTORY = new GeometryFactory();

    /** A frontage near a point: the shop and its distance in metres. */
    public record Near(String shopId, double meters) {}

    private final LocalProjection projection;
    private final STRtree tree = new STRtree();
    private final Map<String, Geometry> byShop = new HashMap<>();

    public FrontageIndex(LocalProjection projection, Collection<Shop> shops) {
        this.projection = projection;
        for (Shop s : shops) {
            if (s.frontage() == null || s.frontage().isEmpty()) {
                continue;
            }
            Geometry m = projection.toMetres(s.frontage());
            byShop.put(s.shopId(), m);
            tree.insert(m.getEnvelopeInternal(), s.shopId());
        }
        tree.build();
    }

    public int size() {
        return byShop.size();
    }

    /** The frontages within {@code maxMeters} of the point, nearest first (ties by shop id). */
    public List<Near> within(double lat, double lon, double maxMeters) {
        List<Near> out = new ArrayList<>();
        if (byShop.isEmpty() || !Double.isFinite(lat) || !Double.isFinite(lon)) {
            return out;
        }
        Coordinate c = projection.toMetres(lat, lon);
        Point p = FACTORY.createPoint(c);
        Envelope box = new Envelope(c);
        box.expandBy(maxMeters);
        for (Object o : tree.query(box)) {
            String id = (String) o;
            double d = byShop.get(id).distance(p);
            if (d <= maxMeters) {
                out.add(new Near(id, d));
            }
        }
        out.sort(Comparator.comparingDouble(Near::meters).thenComparing(Near::shopId));
        return out;
    }

    /** Distance in metres from the point to one shop's frontage; infinite for an unknown shop. */
    public double distance(String shopId, double lat, double lon) {
        Geometry g = byShop.get(shopId);
        if (g == null || !Double.isFinite(lat) || !Double.isFinite(lon)) {
            return Double.POSITIVE_INFINITY;
        }
        return g.distance(FACTORY.createPoint(projection.toMetres(lat, lon)));
    }

    /**
     * The index of a reference's shops, rebuilt only when the reference object or its shops'
     * version changes (a burst of officer or rule updates does not rebuild it).
     */
    public static final class Cache {
        private CityReference builtFor;
        private long builtAtVersion = -1;
        private FrontageIndex index;

        public FrontageIndex of(CityReference ref) {
            if (index == null || builtFor != ref || builtAtVersion != ref.shopsVersion()) {
                index = new FrontageIndex(ref.projection(), ref.shops().values());
                builtFor = ref;
                builtAtVersion = ref.shopsVersion();
            }
            return index;
        }
    }
}

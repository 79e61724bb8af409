package org.gridwatch.sim.engine;

import org.gridwatch.common.city.Shop;
import org.gridwatch.common.geo.LocalProjection;
import org.locationtech.jts.geom.Coordinate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The attribution half of THE RULE (docs/simulation.md#shops-shopsim), as the simulator applies it
 * to the detections it generates: which shop a point on the street belongs to. Distances are
 * straight lines in metres on the city's local plane, from the point to the nearest point of a
 * frontage.
 *
 * <p>Defaults: {@code shop.attachMeters} 15, {@code shop.ambiguityMeters} 2, {@code
 * shop.hysteresisMeters} 5, {@code shop.minConfidence} 0.6, {@code shop.goneAfter} 30 min, {@code
 * shop.repeatWindow} 30 d, {@code shop.repeatCount} 3.
 */
final class ShopRule {
    static final double ATTACH_M = 15;
    static final double AMBIGUITY_M = 2;
    static final double HYSTERESIS_M = 5;
    static final double MIN_CONFIDENCE = 0.6;
    static final long GONE_AFTER_MS = 30 * 60_000L;
    static final long REPEAT_WINDOW_MS = 30L * 24 * 3_600_000L;
    static final int REPEAT_COUNT = 3;
    static final long TRUTH_SPAN_MS = 30 * 60_000L;

    /** The simulator keeps this far from every threshold, so rounding never decides a case. */
    static final double MARGIN_M = 0.5;

    private static final double CELL_M = 50;

    /** A shop's frontage on the plane: segments as {x1, y1, x2, y2}. */
    record Front(Shop shop, double[][] segments) {}

    /** A shop and its distance from a point. */
    record Near(Shop shop, double metres) {}

    private final LocalProjection proj;
    private final Map<Long, List<Front>> cells = new HashMap<>();
    private final Map<String, Front> byId = new HashMap<>();

    ShopRule(List<Shop> shops, LocalProjection proj) {
        this.proj = proj;
        for (Shop s : shops) {
            Coordinate[] cs = s.frontage().getCoordinates();
            double[][] segs = new double[Math.max(1, cs.length - 1)][];
            for (int k = 0; k < segs.length; k++) {
                Coordinate a = cs[k];
                Coordinate b = cs[Math.min(k + 1, cs.length - 1)];
                segs[k] = new double[] {proj.x(a.x), proj.y(a.y), proj.x(b.x), proj.y(b.y)};
            }
            Front f = new Front(s, segs);
            byId.put(s.shopId(), f);
            double minX = Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (double[] g : segs) {
                minX = Math.min(minX, Math.min(g[0], g[2]));
                maxX = Math.max(maxX, Math.max(g[0], g[2]));
                minY = Math.min(minY, Math.min(g[1], g[3]));
                maxY = Math.max(maxY, Math.max(g[1], g[3]));
            }
            for (long i = cell(minX - ATTACH_M - 10); i <= cell(maxX + ATTACH_M + 10); i++) {
                for (long j = cell(minY - ATTACH_M - 10); j <= cell(maxY + ATTACH_M + 10); j++) {
                    cells.computeIfAbsent(key(i, j), z -> new ArrayList<>()).add(f);
                }
            }
        }
    }

    Front front(String shopId) {
        return byId.get(shopId);
    }

    LocalProjection projection() {
        return proj;
    }

    /** Shops with a frontage within about attachMeters + 10 m of the point, nearest first. */
    List<Near> near(double x, double y) {
        List<Near> out = new ArrayList<>();
        for (Front f : cells.getOrDefault(key(cell(x), cell(y)), List.of())) {
            out.add(new Near(f.shop(), distance(f, x, y)));
        }
        out.sort((a, b) -> Double.compare(a.metres(), b.metres()));
        return out;
    }

    static double distance(Front f, double x, double y) {
        double best = Double.MAX_VALUE;
        for (double[] g : f.segments()) {
            best = Math.min(best, segment(g, x, y));
        }
        return best;
    }

    /**
     * The shop a detection at (x, y) goes to by the nearest frontage alone: a shop id, {@code ""}
     * when it is ambiguous (second nearest within ambiguityMeters), null when no frontage is within
     * attachMeters. Undecided (too close to a threshold to be sure) gives {@code "?"}.
     */
    String nearest(double x, double y) {
        List<Near> n = near(x, y);
        if (n.isEmpty() || n.get(0).metres() > ATTACH_M + MARGIN_M) {
            return null;
        }
        if (n.get(0).metres() > ATTACH_M - MARGIN_M) {
            return "?";
        }
        if (n.size() > 1) {
            double diff = n.get(1).metres() - n.get(0).metres();
            if (diff <= AMBIGUITY_M - MARGIN_M) {
                return "";
            }
            if (diff <= AMBIGUITY_M + MARGIN_M) {
                return "?";
            }
        }
        return n.get(0).shop().shopId();
    }

    /**
     * Whether a camera attached to {@code held} keeps it for a detection at (x, y) by hysteresis
     * (held within attachMeters, no shop nearer by more than hysteresisMeters); undecided cases
     * count as kept, so the simulator avoids them.
     */
    boolean holds(String held, double x, double y) {
        if (held == null) {
            return false;
        }
        double dh = distance(byId.get(held), x, y);
        if (dh > ATTACH_M + MARGIN_M) {
            return false;
        }
        List<Near> n = near(x, y);
        return n.isEmpty() || n.get(0).metres() >= dh - HYSTERESIS_M - MARGIN_M;
    }

    /**
     * Whether the nearest frontage is nearer than every other within attachMeters by more than
     * hysteresisMeters: then no camera state, whatever order a camera's reports arrive in, can hold
     * the detection for another shop.
     */
    boolean beyondHysteresis(double x, double y) {
        List<Near> n = near(x, y);
        return n.size() < 2
                || n.get(1).metres() > ATTACH_M + MARGIN_M
                || n.get(1).metres() - n.get(0).metres() > HYSTERESIS_M + MARGIN_M;
    }

    private static double segment(double[] g, double x, double y) {
        double dx = g[2] - g[0];
        double dy = g[3] - g[1];
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : ((x - g[0]) * dx + (y - g[1]) * dy) / len2;
        t = Math.max(0, Math.min(1, t));
        return Math.hypot(g[0] + t * dx - x, g[1] + t * dy - y);
    }

    private static long cell(double v) {
        return (long) Math.floor(v / CELL_M);
    }

    private static long key(long i, long j) {
        return i * 1_000_003L + j;
    }
}

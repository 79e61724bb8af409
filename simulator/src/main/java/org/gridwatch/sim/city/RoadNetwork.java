package org.gridwatch.sim.city;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The arterial roads of the generated city, in metres: straight lines every {@code spacing} metres
 * across the district in both directions, and shortest routes along them (Dijkstra over the
 * intersections), so permitted truck routes look like real ones with a few bends.
 */
final class RoadNetwork {
    private final double w;
    private final double h;
    private final List<Double> xs = new ArrayList<>();
    private final List<Double> ys = new ArrayList<>();

    RoadNetwork(double w, double h, double spacing) {
        this.w = w;
        this.h = h;
        for (double x = -w / 2 + spacing; x < w / 2 - spacing / 4; x += spacing) {
            xs.add(x);
        }
        for (double y = -h / 2 + spacing; y < h / 2 - spacing / 4; y += spacing) {
            ys.add(y);
        }
        if (xs.isEmpty()) {
            xs.add(0.0);
        }
        if (ys.isEmpty()) {
            ys.add(0.0);
        }
    }

    /**
     * A point {@code offset} metres beside a random arterial, away from the district edge and
     * intersections.
     */
    double[] randomRoadside(SplittableRandom r, double offset) {
        boolean vertical = r.nextBoolean();
        double side = r.nextBoolean() ? offset : -offset;
        if (vertical) {
            double x = xs.get(r.nextInt(xs.size()));
            double y = -h / 2 + 400 + r.nextDouble() * (h - 800);
            return nearCrossing(ys, y) ? null : new double[] {x + side, y};
        }
        double y = ys.get(r.nextInt(ys.size()));
        double x = -w / 2 + 400 + r.nextDouble() * (w - 800);
        return nearCrossing(xs, x) ? null : new double[] {x, y + side};
    }

    private static boolean nearCrossing(List<Double> lines, double v) {
        for (double l : lines) {
            if (Math.abs(l - v) < 300) {
                return true;
            }
        }
        return false;
    }

    /**
     * Places just inside the district at the ends of the arterials (disposal sites, depots),
     * alternating sides.
     */
    List<double[]> edgeRoadEnds(int parity) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            if (i % 2 == parity) {
                out.add(new double[] {xs.get(i) + 250, -h / 2 + 400});
                out.add(new double[] {xs.get(i) - 250, h / 2 - 400});
            }
        }
        for (int j = 0; j < ys.size(); j++) {
            if (j % 2 == parity) {
                out.add(new double[] {-w / 2 + 400, ys.get(j) + 250});
                out.add(new double[] {w / 2 - 400, ys.get(j) - 250});
            }
        }
        return out;
    }

    /** Every arterial as {x1, y1, x2, y2}, edge to edge of the plane. */
    List<double[]> arterials() {
        List<double[]> out = new ArrayList<>();
        xs.forEach(x -> out.add(new double[] {x, -h / 2, x, h / 2}));
        ys.forEach(y -> out.add(new double[] {-w / 2, y, w / 2, y}));
        return out;
    }

    /**
     * Centres of the blocks between arterials, at least 1 km from any of them when the spacing is
     * 2.5 km.
     */
    List<double[]> blockCenters() {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i + 1 < xs.size(); i++) {
            for (int j = 0; j + 1 < ys.size(); j++) {
                out.add(
                        new double[] {
                            (xs.get(i) + xs.get(i + 1)) / 2, (ys.get(j) + ys.get(j + 1)) / 2
                        });
            }
        }
        return out;
    }

    /**
     * From a point beside a road to another: straight to the nearest arterial, along arterials,
     * straight to the end.
     */
    List<double[]> route(double[] from, double[] to) {
        double[] a = snap(from);
        double[] b = snap(to);
        // Nodes: every intersection plus the two snapped points; edges join neighbours on one line.
        List<double[]> nodes = new ArrayList<>();
        for (double x : xs) {
            for (double y : ys) {
                nodes.add(new double[] {x, y});
            }
        }
        nodes.add(a);
        nodes.add(b);
        int n = nodes.size();
        Map<Integer, List<int[]>> adj = new HashMap<>();
        link(nodes, adj, true);
        link(nodes, adj, false);
        double[] dist = new double[n];
        int[] prev = new int[n];
        java.util.Arrays.fill(dist, Double.MAX_VALUE);
        java.util.Arrays.fill(prev, -1);
        int src = n - 2;
        int dst = n - 1;
        dist[src] = 0;
        PriorityQueue<double[]> pq = new PriorityQueue<>((p, q) -> Double.compare(p[1], q[1]));
        pq.add(new double[] {src, 0});
        while (!pq.isEmpty()) {
            double[] cur = pq.poll();
            int u = (int) cur[0];
            if (cur[1] > dist[u]) {
                continue;
            }
            for (int[] e : adj.getOrDefault(u, List.of())) {
                int v = e[0];
                double d =
                        dist[u]
                                + Math.hypot(
                                        nodes.get(u)[0] - nodes.get(v)[0],
                                        nodes.get(u)[1] - nodes.get(v)[1]);
                if (d < dist[v] - 1e-9) {
                    dist[v] = d;
                    prev[v] = u;
                    pq.add(new double[] {v, d});
                }
            }
        }
        List<double[]> path = new ArrayList<>();
        path.add(from);
        List<double[]> middle = new ArrayList<>();
        for (int v = dst; v != -1; v = prev[v]) {
            middle.add(0, nodes.get(v));
        }
        path.addAll(middle);
        path.add(to);
        return dedupe(path);
    }

    /** The nearest point on any arterial. */
    double[] snap(double[] p) {
        double bestD = Double.MAX_VALUE;
        double[] best = null;
        for (double x : xs) {
            double d = Math.abs(p[0] - x);
            if (d < bestD) {
                bestD = d;
                best = new double[] {x, clamp(p[1], -h / 2, h / 2)};
            }
        }
        for (double y : ys) {
            double d = Math.abs(p[1] - y);
            if (d < bestD) {
                bestD = d;
                best = new double[] {clamp(p[0], -w / 2, w / 2), y};
            }
        }
        return best;
    }

    /**
     * Joins consecutive nodes lying on the same vertical ({@code vertical}) or horizontal arterial.
     */
    private void link(List<double[]> nodes, Map<Integer, List<int[]>> adj, boolean vertical) {
        List<Double> lines = vertical ? xs : ys;
        for (double line : lines) {
            List<Integer> on = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                if (Math.abs((vertical ? nodes.get(i)[0] : nodes.get(i)[1]) - line) < 1e-6) {
                    on.add(i);
                }
            }
            on.sort(
                    (p, q) ->
                            Double.compare(
                                    vertical ? nodes.get(p)[1] : nodes.get(p)[0],
                                    vertical ? nodes.get(q)[1] : nodes.get(q)[0]));
            for (int k = 0; k + 1 < on.size(); k++) {
                adj.computeIfAbsent(on.get(k), z -> new ArrayList<>())
                        .add(new int[] {on.get(k + 1)});
                adj.computeIfAbsent(on.get(k + 1), z -> new ArrayList<>())
                        .add(new int[] {on.get(k)});
            }
        }
    }

    private static List<double[]> dedupe(List<double[]> path) {
        List<double[]> out = new ArrayList<>();
        for (double[] p : path) {
            if (out.isEmpty()
                    || Math.hypot(
                                    out.get(out.size() - 1)[0] - p[0],
                                    out.get(out.size() - 1)[1] - p[1])
                            > 0.5) {
                out.add(p);
            }
        }
        return out;
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}

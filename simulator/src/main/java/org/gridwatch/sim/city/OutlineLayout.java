package org.gridwatch.sim.city;

import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.geo.LocalProjection;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How the generated city is laid over a real district outline (metres on the generator's plane):
 * which lattice cells become grids and their clipped shapes, streets and communities as compact
 * parts of the district, officers' grid groups a walk apart, and where arterials leave the district
 * (for disposal sites and depots). The rectangular city of {@link CitySize#SMALL} does not use it.
 */
final class OutlineLayout {
    /**
     * The widest spread of one officer's grids along either axis: a round on foot stays well under
     * the 120-minute gap.
     */
    private static final double MAX_ROUND_SPAN_M = 2000;

    private final Geometry outline;
    private final PreparedGeometry prepared;
    private final Geometry edge;

    OutlineLayout(Geometry outlineMetres) {
        this.outline = outlineMetres;
        this.prepared = PreparedGeometryFactory.prepare(outlineMetres);
        this.edge = outlineMetres.getBoundary();
    }

    /**
     * Whether a point of the plane lies in the district at least {@code margin} metres from its
     * edge.
     */
    boolean contains(double x, double y, double margin) {
        Point p = GeoJson.FACTORY.createPoint(new Coordinate(x, y));
        return prepared.contains(p) && edge.distance(p) >= margin;
    }

    /**
     * The lattice cells whose centre lies in the district and whose part inside it is at least a
     * fifth of a cell.
     */
    List<int[]> keptCells(double[][] px, double[][] py, int cols, int rows) {
        List<int[]> kept = new ArrayList<>();
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < cols; i++) {
                Polygon c = GridGenerator.cell(px, py, i, j);
                if (prepared.contains(c.getCentroid())
                        && clipped(c).getArea() >= 0.2 * c.getArea()) {
                    kept.add(new int[] {i, j});
                }
            }
        }
        return kept;
    }

    /**
     * Streets as compact parts of an irregular district: the cells are halved again and again
     * across their longer extent (a k-d split, in proportion to the streets each side gets) until
     * there is one part per street, and each street the same way into its communities (the runs of
     * codes that the grid loop below makes communities of, {@code communitiesPerStreet} a street);
     * inside a community the cells go row by row, every other row backwards.
     */
    List<List<int[]>> streets(List<int[]> kept, int streets, int communitiesPerStreet) {
        List<Integer> streetSizes = new ArrayList<>();
        for (int k = 0; k < streets; k++) {
            streetSizes.add(kept.size() * (k + 1) / streets - kept.size() * k / streets);
        }
        List<List<int[]>> out = new ArrayList<>();
        for (List<int[]> street : bisect(new ArrayList<>(kept), streetSizes)) {
            int perCommunity = (int) Math.ceil(street.size() / (double) communitiesPerStreet);
            List<Integer> communitySizes = new ArrayList<>();
            for (int left = street.size(); left > 0; left -= perCommunity) {
                communitySizes.add(Math.min(perCommunity, left));
            }
            List<int[]> ordered = new ArrayList<>();
            for (List<int[]> community : bisect(street, communitySizes)) {
                community.sort(
                        Comparator.<int[]>comparingInt(c -> c[1])
                                .thenComparingInt(c -> c[1] % 2 == 0 ? c[0] : -c[0]));
                ordered.addAll(community);
            }
            out.add(ordered);
        }
        return out;
    }

    /** Splits the cells into compact parts of the given sizes, in order. */
    private static List<List<int[]>> bisect(List<int[]> cells, List<Integer> sizes) {
        if (sizes.size() == 1) {
            return List.of(cells);
        }
        int spanI =
                cells.stream().mapToInt(c -> c[0]).max().orElse(0)
                        - cells.stream().mapToInt(c -> c[0]).min().orElse(0);
        int spanJ =
                cells.stream().mapToInt(c -> c[1]).max().orElse(0)
                        - cells.stream().mapToInt(c -> c[1]).min().orElse(0);
        int axis = spanI >= spanJ ? 0 : 1;
        cells.sort(Comparator.<int[]>comparingInt(c -> c[axis]).thenComparingInt(c -> c[1 - axis]));
        List<Integer> left = sizes.subList(0, sizes.size() / 2);
        int cut = left.stream().mapToInt(Integer::intValue).sum();
        List<List<int[]>> out =
                new ArrayList<>(bisect(new ArrayList<>(cells.subList(0, cut)), left));
        out.addAll(
                bisect(
                        new ArrayList<>(cells.subList(cut, cells.size())),
                        sizes.subList(sizes.size() / 2, sizes.size())));
        return out;
    }

    /**
     * The part of a cell inside the district (its largest piece, where the outline cuts it in two).
     */
    Polygon clipped(Polygon cell) {
        if (prepared.containsProperly(cell)) {
            return cell;
        }
        Geometry g = cell.intersection(outline);
        Polygon best = null;
        for (int k = 0; k < g.getNumGeometries(); k++) {
            if (g.getGeometryN(k) instanceof Polygon p
                    && (best == null || p.getArea() > best.getArea())) {
                best = p;
            }
        }
        return best == null ? GeoJson.FACTORY.createPolygon() : best;
    }

    /**
     * Where arterials leave the district: 400 m inside each end of each stretch of road in it, 250
     * m beside the road (so the site does not block it), every other arterial by {@code parity}.
     */
    List<double[]> roadEnds(List<double[]> arterials, int parity) {
        List<double[]> out = new ArrayList<>();
        for (int k = 0; k < arterials.size(); k++) {
            if (k % 2 != parity) {
                continue;
            }
            double[] a = arterials.get(k);
            Geometry inside =
                    GeoJson.FACTORY
                            .createLineString(
                                    new Coordinate[] {
                                        new Coordinate(a[0], a[1]), new Coordinate(a[2], a[3])
                                    })
                            .intersection(outline);
            double dx = (a[2] - a[0]) / Math.hypot(a[2] - a[0], a[3] - a[1]);
            double dy = (a[3] - a[1]) / Math.hypot(a[2] - a[0], a[3] - a[1]);
            for (int n = 0; n < inside.getNumGeometries(); n++) {
                Coordinate[] cs = inside.getGeometryN(n).getCoordinates();
                if (cs.length < 2 || inside.getGeometryN(n).getLength() < 1600) {
                    continue;
                }
                Coordinate first = cs[0];
                Coordinate last = cs[cs.length - 1];
                double[][] ends = {
                    {first.x + dx * 400 + dy * 250, first.y + dy * 400 - dx * 250},
                    {last.x - dx * 400 - dy * 250, last.y - dy * 400 + dx * 250}
                };
                for (double[] e : ends) {
                    if (contains(e[0], e[1], 160)) {
                        out.add(e);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Groups of about {@code n} grids close together, by halving the community across its longer
     * extent: over an irregular outline, code order can jump across a bay of the district, and an
     * officer whose round is 5 km long leaves each of the grids uncovered for hours.
     */
    List<List<Grid>> nearbyGroups(List<Grid> grids, int n, LocalProjection proj) {
        List<List<Grid>> out = new ArrayList<>();
        halve(new ArrayList<>(grids), (grids.size() + n - 1) / n, proj, out);
        return out;
    }

    private static void halve(
            List<Grid> grids, int parts, LocalProjection proj, List<List<Grid>> out) {
        java.util.function.ToDoubleFunction<Grid> gx =
                g -> proj.x(g.polygon().getCentroid().getX());
        java.util.function.ToDoubleFunction<Grid> gy =
                g -> proj.y(g.polygon().getCentroid().getY());
        double spanX =
                grids.stream().mapToDouble(gx).max().orElse(0)
                        - grids.stream().mapToDouble(gx).min().orElse(0);
        double spanY =
                grids.stream().mapToDouble(gy).max().orElse(0)
                        - grids.stream().mapToDouble(gy).min().orElse(0);
        if (grids.size() <= 1 || parts <= 1 && Math.max(spanX, spanY) <= MAX_ROUND_SPAN_M) {
            out.add(grids.stream().sorted(Comparator.comparing(Grid::gridCode)).toList());
            return;
        }
        // a group still spread over more than a walk can cover (a community in two lobes of the
        // outline) is split again
        parts = Math.max(parts, 2);
        grids.sort(
                Comparator.comparingDouble(spanX >= spanY ? gx : gy).thenComparing(Grid::gridCode));
        int left = parts / 2;
        int cut = grids.size() * left / parts;
        halve(new ArrayList<>(grids.subList(0, cut)), left, proj, out);
        halve(new ArrayList<>(grids.subList(cut, grids.size())), parts - left, proj, out);
    }
}

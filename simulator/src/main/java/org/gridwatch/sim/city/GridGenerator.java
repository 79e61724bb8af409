package org.gridwatch.sim.city;

import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.rules.DailyWindow;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Lays out the unit grids of a generated city: a slightly irregular lattice grouped into streets
 * and communities, clipped to the district outline when there is one. Kept apart from the other
 * generators because the grid codes and street names it assigns are what officers, noise zones and
 * devices are later attached to.
 */
final class GridGenerator {
    static final String[] STREETS = {
        "莘庄镇", "七宝镇", "梅陇镇", "虹桥镇", "马桥镇", "吴泾镇", "浦江镇",
        "颛桥镇", "华漕镇", "江川路街道", "古美路街道", "新虹街道", "浦锦街道", "莘庄工业区"
    };
    static final String[] STREET_NOISE_CLASS = {
        "1", "2", "1", "2", "3", "3", "1", "1", "2", "1", "2", "2", "1", "3"
    };
    private static final int STREET_COLS = 7;
    private static final int STREET_ROWS = 2;
    private static final int COMMUNITIES_PER_STREET = 5;

    private GridGenerator() {}

    static List<Grid> grids(CityPlane plane) {
        CitySize size = plane.size();
        OutlineLayout outline = plane.outline();
        double w = plane.w();
        double h = plane.h();
        int cols = size.gridCols();
        int rows = size.gridRows();
        double cw = w / cols;
        double ch = h / rows;
        SplittableRandom r = plane.random(1);
        double[][] px = new double[cols + 1][rows + 1];
        double[][] py = new double[cols + 1][rows + 1];
        for (int i = 0; i <= cols; i++) {
            for (int j = 0; j <= rows; j++) {
                boolean interior = i > 0 && i < cols && j > 0 && j < rows;
                px[i][j] = -w / 2 + i * cw + (interior ? (r.nextDouble() - 0.5) * 0.3 * cw : 0);
                py[i][j] = -h / 2 + j * ch + (interior ? (r.nextDouble() - 0.5) * 0.3 * ch : 0);
            }
        }
        List<List<int[]>> streetCells =
                outline == null
                        ? streetBlocks(cols, rows)
                        : outline.streets(
                                outline.keptCells(px, py, cols, rows),
                                STREET_COLS * STREET_ROWS,
                                COMMUNITIES_PER_STREET);
        List<Grid> grids = new ArrayList<>();
        DailyWindow duty = DailyWindow.parse("07:00", "22:00");
        for (int s = 0; s < streetCells.size(); s++) {
            List<int[]> cells = streetCells.get(s);
            String streetCode = String.format("%03d", s + 1);
            String streetName = STREETS[s % STREETS.length];
            int perCommunity = (int) Math.ceil(cells.size() / (double) COMMUNITIES_PER_STREET);
            for (int k = 0; k < cells.size(); k++) {
                int community = k / Math.max(1, perCommunity);
                int seq = k % Math.max(1, perCommunity) + 1;
                int i = cells.get(k)[0];
                int j = cells.get(k)[1];
                Polygon poly =
                        outline == null
                                ? toWgs(plane, cell(px, py, i, j))
                                : toWgs(plane, outline.clipped(cell(px, py, i, j)));
                String communityCode = String.format("%03d", community + 1);
                grids.add(
                        new Grid(
                                CityGenerator.DISTRICT_CODE
                                        + streetCode
                                        + communityCode
                                        + String.format("%02d", seq),
                                CityGenerator.DISTRICT_CODE,
                                CityGenerator.DISTRICT_NAME,
                                streetCode,
                                streetName,
                                communityCode,
                                streetName + "第" + (community + 1) + "社区",
                                duty,
                                120,
                                poly));
            }
        }
        return grids;
    }

    /**
     * Street blocks: STREET_COLS x STREET_ROWS over the lattice; communities split each street's
     * grids.
     */
    private static List<List<int[]>> streetBlocks(int cols, int rows) {
        List<List<int[]>> streetCells = new ArrayList<>();
        for (int s = 0; s < STREET_COLS * STREET_ROWS; s++) {
            streetCells.add(new ArrayList<>());
        }
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < cols; i++) {
                int sc = Math.min(STREET_COLS - 1, i * STREET_COLS / cols);
                int sr = Math.min(STREET_ROWS - 1, j * STREET_ROWS / rows);
                streetCells.get(sr * STREET_COLS + sc).add(new int[] {i, j});
            }
        }
        return streetCells;
    }

    static Polygon cell(double[][] px, double[][] py, int i, int j) {
        return GeoJson.FACTORY.createPolygon(
                new Coordinate[] {
                    new Coordinate(px[i][j], py[i][j]),
                    new Coordinate(px[i + 1][j], py[i + 1][j]),
                    new Coordinate(px[i + 1][j + 1], py[i + 1][j + 1]),
                    new Coordinate(px[i][j + 1], py[i][j + 1]),
                    new Coordinate(px[i][j], py[i][j])
                });
    }

    private static Polygon toWgs(CityPlane plane, Polygon metres) {
        Coordinate[] cs = metres.getExteriorRing().getCoordinates();
        Coordinate[] out = new Coordinate[cs.length];
        for (int k = 0; k < cs.length; k++) {
            out[k] = plane.wgs(cs[k].x, cs[k].y);
        }
        Polygon p = GeoJson.FACTORY.createPolygon(out);
        if (p.isValid()) {
            return p;
        }
        // Rounded to 7 decimals of a degree, a clipped cell can fold into a hair-thin spike where
        // the district outline runs along its edge (one grid of Minhang failed `city check`):
        // repair it and keep the largest piece.
        Geometry fixed = GeometryFixer.fix(p);
        Polygon best = p;
        double area = -1;
        for (int k = 0; k < fixed.getNumGeometries(); k++) {
            if (fixed.getGeometryN(k) instanceof Polygon piece && piece.getArea() > area) {
                best = GeoJson.FACTORY.createPolygon(piece.getExteriorRing().getCoordinates());
                area = piece.getArea();
            }
        }
        return best;
    }
}

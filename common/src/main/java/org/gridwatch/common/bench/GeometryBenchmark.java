package org.gridwatch.common.bench;

import org.gridwatch.common.geo.GeoIndex;
import org.gridwatch.common.geo.LocalProjection;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Per-ping cost of the geometry look-ups detectors make: which grid contains the ping, and is it
 * within a margin of any site or zone, against N polygons spread over a district-sized area. Prints
 * numbers; asserts nothing (speed is shown by a command, never by a timed test).
 */
public final class GeometryBenchmark {
    private static final GeometryFactory F = new GeometryFactory();

    private GeometryBenchmark() {}

    public record Result(
            int polygons, int lookups, double nsPerContains, double nsPerMarginCheck, long hits) {
        public String format() {
            return String.format(
                    Locale.ROOT,
                    "geometry: %,d polygons, %,d pings: grid lookup %.0f ns/ping (%.2f µs), site/zone 50 m margin check %.0f ns/ping (%.2f µs), %,d hits",
                    polygons,
                    lookups,
                    nsPerContains,
                    nsPerContains / 1000,
                    nsPerMarginCheck,
                    nsPerMarginCheck / 1000,
                    hits);
        }
    }

    public static Result run(int polygons, int lookups, long seed) {
        LocalProjection proj = new LocalProjection(31.11, 121.38);
        SplittableRandom rnd = new SplittableRandom(seed);
        double sideKm = 20; // 400 km², about Minhang
        List<Geometry> areas = new ArrayList<>(polygons);
        int perRow = (int) Math.ceil(Math.sqrt(polygons));
        double cell = sideKm * 1000 / perRow;
        for (int i = 0; i < polygons; i++) {
            double x0 = (i % perRow) * cell;
            double y0 = (i / perRow) * cell;
            // Irregular 8-gons inside each cell, like real grids and sites.
            Coordinate[] ring = new Coordinate[9];
            for (int k = 0; k < 8; k++) {
                double a = Math.PI * 2 * k / 8;
                double r = cell * (0.35 + 0.15 * rnd.nextDouble());
                ring[k] =
                        new Coordinate(
                                proj.lon(x0 + cell / 2 + r * Math.cos(a)),
                                proj.lat(y0 + cell / 2 + r * Math.sin(a)));
            }
            ring[8] = ring[0];
            areas.add(F.createPolygon(ring));
        }
        GeoIndex<Geometry> index = GeoIndex.build(proj, areas, g -> g);
        double[] lats = new double[lookups];
        double[] lons = new double[lookups];
        for (int i = 0; i < lookups; i++) {
            lats[i] = proj.lat(rnd.nextDouble() * sideKm * 1000);
            lons[i] = proj.lon(rnd.nextDouble() * sideKm * 1000);
        }
        long hits = 0;
        for (int warm = 0; warm < 3; warm++) {
            for (int i = 0; i < lookups; i++) {
                hits += index.firstContaining(lats[i], lons[i]) != null ? 1 : 0;
                hits += index.anyWithin(lats[i], lons[i], 50) ? 1 : 0;
            }
        }
        hits = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < lookups; i++) {
            hits += index.firstContaining(lats[i], lons[i]) != null ? 1 : 0;
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < lookups; i++) {
            hits += index.anyWithin(lats[i], lons[i], 50) ? 1 : 0;
        }
        long t2 = System.nanoTime();
        return new Result(
                polygons,
                lookups,
                (t1 - t0) / (double) lookups,
                (t2 - t1) / (double) lookups,
                hits);
    }

    public static void main(String[] args) {
        int polygons = args.length > 0 ? Integer.parseInt(args[0]) : 25_000;
        int lookups = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        System.out.println(run(polygons, lookups, 1).format());
    }
}

package org.gridwatch.sim.city;

import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Zone;
import org.gridwatch.common.rules.DailyWindow;
import org.locationtech.jts.geom.Geometry;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws the zones of a generated city: prohibited truck zones in the middle of blocks, far from
 * every arterial (so a truck that keeps to its permitted route never enters one), and one noise
 * function zone per street, the union of its grids.
 */
final class ZoneGenerator {
    private ZoneGenerator() {}

    static List<Zone> prohibitedZones(CityPlane plane) {
        SplittableRandom r = plane.random(4);
        List<double[]> blocks =
                new ArrayList<>(
                        plane.roads().blockCenters().stream()
                                .filter(b -> plane.inDistrict(b[0], b[1], 300))
                                .toList());
        List<Zone> out = new ArrayList<>();
        String[] names = {"学校周边", "医院周边", "中心城区", "居民区"};
        for (int k = 0; k < plane.size().prohibitedZones() && !blocks.isEmpty(); k++) {
            double[] c = blocks.remove(r.nextInt(blocks.size()));
            // School run and day time are closed; night transport passes outside these blocks
            // anyway.
            DailyWindow closed =
                    k % 2 == 0 ? DailyWindow.parse("06:00", "22:00") : DailyWindow.ALL_DAY;
            out.add(
                    new Zone(
                            String.format("PZ%02d", k + 1),
                            Zone.Kind.PROHIBITED_TRUCK,
                            names[k % names.length] + "禁行区" + (k + 1),
                            closed,
                            null,
                            plane.rect(c[0], c[1], 250, 250)));
        }
        return out;
    }

    static List<Zone> noiseZones(List<Grid> grids) {
        List<Zone> out = new ArrayList<>();
        java.util.Map<String, List<Geometry>> byStreet = new java.util.TreeMap<>();
        for (Grid g : grids) {
            byStreet.computeIfAbsent(g.streetCode(), k -> new ArrayList<>()).add(g.polygon());
        }
        for (var e : byStreet.entrySet()) {
            int s = Integer.parseInt(e.getKey()) - 1;
            Geometry union = GeoJson.FACTORY.buildGeometry(e.getValue()).union();
            out.add(
                    new Zone(
                            "NZ" + e.getKey(),
                            Zone.Kind.NOISE_CLASS,
                            GridGenerator.STREETS[s % GridGenerator.STREETS.length] + "声环境功能区",
                            null,
                            GridGenerator.STREET_NOISE_CLASS[
                                    s % GridGenerator.STREET_NOISE_CLASS.length],
                            union));
        }
        return out;
    }
}

package org.gridwatch.sim.city;

import org.gridwatch.common.city.Site;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Places the sites of a generated city: construction sites beside the arterials, disposal sites and
 * depots at road ends near the edge. Sites are placed before permits because every permit runs from
 * a construction site to a disposal site.
 */
final class SiteGenerator {
    private SiteGenerator() {}

    static List<Site> constructionSites(CityPlane plane) {
        SplittableRandom r = plane.random(2);
        List<Site> out = new ArrayList<>();
        List<double[]> centers = new ArrayList<>();
        int attempts = 0;
        while (out.size() < plane.size().constructionSites() && attempts++ < 100_000) {
            double[] spot = plane.roads().randomRoadside(r, 130);
            if (spot == null
                    || tooClose(centers, spot, 500)
                    || !plane.inDistrict(spot[0], spot[1], 300)) {
                continue;
            }
            centers.add(spot);
            out.add(
                    new Site(
                            String.format("CS%03d", out.size() + 1),
                            Site.Kind.CONSTRUCTION,
                            "工地" + (out.size() + 1) + "号",
                            plane.rect(spot[0], spot[1], 70, 70)));
        }
        return out;
    }

    static List<Site> edgeSites(
            CityPlane plane, Site.Kind kind, int count, double side, String label, long stream) {
        List<Site> out = new ArrayList<>();
        List<double[]> spots =
                plane.outline() == null
                        ? plane.roads().edgeRoadEnds(stream == 2 ? 0 : 1)
                        : plane.outline().roadEnds(plane.roads().arterials(), stream == 2 ? 0 : 1);
        SplittableRandom r = plane.random(stream);
        for (int k = 0; k < count && !spots.isEmpty(); k++) {
            double[] s = spots.remove(r.nextInt(spots.size()));
            String id = (kind == Site.Kind.DISPOSAL ? "DS" : "DP") + String.format("%02d", k + 1);
            out.add(
                    new Site(
                            id,
                            kind,
                            label + (k + 1) + "号",
                            plane.rect(s[0], s[1], side / 2, side / 2)));
        }
        return out;
    }

    private static boolean tooClose(List<double[]> others, double[] p, double min) {
        for (double[] o : others) {
            if (Math.hypot(o[0] - p[0], o[1] - p[1]) < min) {
                return true;
            }
        }
        return false;
    }
}

package org.gridwatch.sim.city;

import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Site;
import org.gridwatch.common.city.Truck;
import org.gridwatch.common.rules.DailyWindow;
import org.locationtech.jts.geom.Coordinate;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates the muck-truck fleet of a city and the transport permits of its first trucks. A permit
 * runs from a construction site to one of the two nearest disposal sites along the arterials, so a
 * truck that keeps to it never enters a prohibited zone.
 */
final class FleetGenerator {
    private FleetGenerator() {}

    static List<Truck> trucks(CityPlane plane) {
        SplittableRandom r = plane.random(5);
        String letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        String[] companies = {"申城建筑运输", "闵行渣土清运", "浦江土方工程", "虹桥环卫运输", "莘庄工程车队"};
        List<Truck> out = new ArrayList<>();
        for (int k = 0; k < plane.size().trucks(); k++) {
            String plate =
                    "沪"
                            + letters.charAt(r.nextInt(letters.length()))
                            + String.format("%05d", r.nextInt(100_000));
            out.add(
                    new Truck(
                            String.format("0139%08d", k + 1),
                            plate,
                            companies[k % companies.length]));
        }
        return out;
    }

    /** Permits valid from 30 days before to 90 days after {@code permitsIssued}. */
    static List<Permit> permits(
            CityPlane plane, List<Truck> trucks, List<Site> sites, LocalDate permitsIssued) {
        SplittableRandom r = plane.random(6);
        List<Site> construction =
                sites.stream().filter(s -> s.kind() == Site.Kind.CONSTRUCTION).toList();
        List<Site> disposal = sites.stream().filter(s -> s.kind() == Site.Kind.DISPOSAL).toList();
        List<Permit> out = new ArrayList<>();
        DailyWindow hours = new DailyWindow(LocalTime.of(20, 0), LocalTime.of(6, 0));
        for (int k = 0; k < plane.size().permits(); k++) {
            Truck t = trucks.get(k);
            Site from = construction.get(r.nextInt(construction.size()));
            double[] fc = plane.centre(from);
            // Trucks go to one of the two nearest disposal sites.
            List<Site> nearest = new ArrayList<>(disposal);
            nearest.sort(
                    Comparator.comparingDouble(
                            d ->
                                    Math.hypot(
                                            plane.centre(d)[0] - fc[0],
                                            plane.centre(d)[1] - fc[1])));
            Site to = nearest.get(r.nextInt(Math.min(2, nearest.size())));
            List<double[]> path = plane.roads().route(fc, plane.centre(to));
            Coordinate[] cs =
                    path.stream().map(p -> plane.wgs(p[0], p[1])).toArray(Coordinate[]::new);
            out.add(
                    new Permit(
                            String.format("ZY%s%04d", permitsIssued.getYear(), k + 1),
                            t.truckId(),
                            t.plate(),
                            permitsIssued.minusDays(30),
                            permitsIssued.plusDays(90),
                            hours,
                            from.siteId(),
                            to.siteId(),
                            GeoJson.FACTORY.createLineString(cs),
                            null));
        }
        return out;
    }
}

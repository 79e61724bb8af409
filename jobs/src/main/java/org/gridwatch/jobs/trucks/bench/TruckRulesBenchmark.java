package org.gridwatch.jobs.trucks.bench;

import org.gridwatch.common.city.City;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Site;
import org.gridwatch.common.city.Truck;
import org.gridwatch.common.city.Zone;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.model.EntityType;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.common.rules.DailyWindow;
import org.gridwatch.jobs.trucks.logic.TruckCompliance;
import org.gridwatch.jobs.trucks.logic.TruckRules;
import org.gridwatch.jobs.trucks.logic.TruckState;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Per-ping cost of all truck rules ({@link TruckCompliance#observe}: site look-ups for the trip,
 * the permit check, the route corridor, closed zones, speed) against a city with N sites and zones
 * over 400 km² and trucks driving their routes. Prints numbers; asserts nothing.
 */
public final class TruckRulesBenchmark {
    private static final GeometryFactory F = new GeometryFactory();

    private TruckRulesBenchmark() {}

    public record Result(int sitesAndZones, int trucks, long pings, double nsPerPing) {
        public String format() {
            return String.format(
                    Locale.ROOT,
                    "truck rules: %,d sites and zones, %,d trucks, %,d pings: %.0f ns/ping (%.2f µs) for all seven rules",
                    sitesAndZones,
                    trucks,
                    pings,
                    nsPerPing,
                    nsPerPing / 1000);
        }
    }

    public static Result run(int sitesAndZones, int trucks, long pings, long seed) {
        LocalProjection proj = new LocalProjection(31.11, 121.38);
        SplittableRandom r = new SplittableRandom(seed);
        double side = 20_000;
        List<Site> sites = new ArrayList<>();
        List<Zone> zones = new ArrayList<>();
        for (int i = 0; i < sitesAndZones; i++) {
            Polygon p =
                    rect(
                            proj,
                            r.nextDouble() * side,
                            r.nextDouble() * side,
                            30 + r.nextDouble() * 60);
            if (i % 2 == 0) {
                sites.add(new Site("S" + i, Site.Kind.values()[i % 3], "site " + i, p));
            } else {
                zones.add(
                        new Zone(
                                "Z" + i,
                                Zone.Kind.PROHIBITED_TRUCK,
                                "zone " + i,
                                DailyWindow.parse("06:00", "22:00"),
                                null,
                                p));
            }
        }
        List<Truck> truckList = new ArrayList<>();
        List<Permit> permits = new ArrayList<>();
        List<double[]> routes = new ArrayList<>();
        for (int i = 0; i < trucks; i++) {
            double[] a = {
                r.nextDouble() * side,
                r.nextDouble() * side,
                r.nextDouble() * side,
                r.nextDouble() * side
            };
            routes.add(a);
            truckList.add(new Truck("T" + i, "沪B" + i, "bench"));
            Coordinate[] line = new Coordinate[21];
            for (int k = 0; k <= 20; k++) {
                // A zig-zag route of 20 segments between two random points.
                double f = k / 20.0;
                line[k] =
                        new Coordinate(
                                proj.lon(a[0] + f * (a[2] - a[0]) + (k % 2) * 40),
                                proj.lat(a[1] + f * (a[3] - a[1])));
            }
            permits.add(
                    new Permit(
                            "P" + i,
                            "T" + i,
                            "沪B" + i,
                            LocalDate.of(2026, 1, 1),
                            LocalDate.of(2026, 12, 31),
                            DailyWindow.parse("20:00", "06:00"),
                            sites.get(0).siteId(),
                            sites.get(1).siteId(),
                            F.createLineString(line),
                            null));
        }
        CityReference ref =
                CityReference.of(
                        new City(
                                "bench",
                                "310112",
                                31.11,
                                121.38,
                                ZoneId.of("Asia/Shanghai"),
                                List.of(),
                                sites,
                                zones,
                                permits,
                                truckList,
                                List.of(),
                                List.of()));
        TruckCompliance rules =
                new TruckCompliance(ref, TruckRules.from(ref.rules()), new HashMap<>());
        TruckState[] states = new TruckState[trucks];
        for (int i = 0; i < trucks; i++) {
            states[i] = new TruckState();
        }
        long t0 = java.time.Instant.parse("2026-11-02T13:00:00Z").toEpochMilli();
        // Warm up, then measure.
        drive(rules, states, routes, proj, r, t0, Math.min(pings, 200_000));
        long start = System.nanoTime();
        drive(rules, states, routes, proj, r, t0 + 86_400_000L, pings);
        long ns = System.nanoTime() - start;
        return new Result(sitesAndZones, trucks, pings, ns / (double) pings);
    }

    private static long drive(
            TruckCompliance rules,
            TruckState[] states,
            List<double[]> routes,
            LocalProjection proj,
            SplittableRandom r,
            long t0,
            long pings) {
        long alerts = 0;
        for (long n = 0; n < pings; n++) {
            int i = (int) (n % states.length);
            long step = n / states.length;
            double[] a = routes.get(i);
            double f = (step % 600) / 600.0;
            double x = a[0] + f * (a[2] - a[0]) + r.nextGaussian() * 10;
            double y = a[1] + f * (a[3] - a[1]) + r.nextGaussian() * 10;
            GpsPing p =
                    new GpsPing(
                            "T" + i,
                            EntityType.TRUCK,
                            t0 + step * 10_000,
                            proj.lat(y),
                            proj.lon(x),
                            30 + r.nextDouble() * 25,
                            90,
                            null,
                            3L,
                            null,
                            null,
                            "bench");
            alerts += rules.observe(states[i], p, 0).alerts().size();
        }
        return alerts;
    }

    private static Polygon rect(LocalProjection proj, double cx, double cy, double half) {
        return F.createPolygon(
                new Coordinate[] {
                    new Coordinate(proj.lon(cx - half), proj.lat(cy - half)),
                            new Coordinate(proj.lon(cx + half), proj.lat(cy - half)),
                    new Coordinate(proj.lon(cx + half), proj.lat(cy + half)),
                            new Coordinate(proj.lon(cx - half), proj.lat(cy + half)),
                    new Coordinate(proj.lon(cx - half), proj.lat(cy - half))
                });
    }

    public static void main(String[] args) {
        System.out.println(
                run(args.length > 0 ? Integer.parseInt(args[0]) : 25_000, 300, 2_000_000, 1)
                        .format());
    }
}

package org.gridwatch.sim.engine;

import org.gridwatch.common.city.City;
import org.gridwatch.common.city.Device;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Officer;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Site;
import org.gridwatch.common.city.Truck;
import org.gridwatch.common.city.Zone;
import org.gridwatch.common.geo.GeoIndex;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.rules.DailyWindow;
import org.gridwatch.common.rules.NoiseLimits;
import org.locationtech.jts.geom.Geometry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds the generators of one run from its {@link Simulation.Context}: the coverage ledger and one
 * sim per officer, truck, noise sensor and stall camera, plus the complaint sim (hotline complaints
 * and their cases, the shops' among them; its {@code kpiTruth()} gives the KPI truth) and the shop
 * sim. Kept apart from {@link Simulation}'s event loop because this is where each generator gets
 * its seed and plan; the order of the list is part of the output (the loop breaks ties in event
 * time by it).
 */
final class EntitySims {
    private EntitySims() {}

    /** Every generator of the run, in the order the event loop must see them. */
    static List<EntitySim> all(Simulation.Context ctx) {
        List<EntitySim> sims = new ArrayList<>();
        sims.addAll(officers(ctx));
        sims.addAll(trucks(ctx));
        sims.addAll(noiseSensors(ctx));
        // The shops plan first (their complaints go to the hotline's cases) but play last, so the
        // other generators keep their places in the event loop's ties.
        ShopSim shops = new ShopSim(ctx);
        ComplaintSim hotline = new ComplaintSim(ctx, shops.complaints());
        shops.record(ctx.truth(), hotline);
        sims.add(hotline);
        sims.addAll(stalls(ctx));
        sims.add(shops);
        return sims;
    }

    private static List<EntitySim> officers(Simulation.Context ctx) {
        Map<String, Geometry> gridShapes = new HashMap<>();
        for (Grid g : ctx.city().grids()) {
            gridShapes.put(g.gridCode(), g.polygon());
        }
        Scenario sc = ctx.scenario();
        List<EntitySim> sims = new ArrayList<>();
        CoveragePlan plan = CoveragePlan.create(ctx);
        CoverageLedger ledger =
                new CoverageLedger(
                        ctx.city().grids(),
                        ctx.projection(),
                        ctx.city().zone(),
                        ctx.truth(),
                        ctx.start(),
                        ctx.end());
        sims.add(ledger);
        int i = 0;
        for (Officer o : ctx.city().officers()) {
            List<Geometry> shapes = o.gridCodes().stream().map(gridShapes::get).toList();
            sims.add(
                    new OfficerSim(
                            o,
                            shapes,
                            ctx.projection(),
                            sc.seed() * 31 + (i++),
                            ctx.city().zone(),
                            ctx.start(),
                            ctx.end(),
                            sc.officerPingSeconds(),
                            sc.gpsNoiseMeters(),
                            plan,
                            ledger));
        }
        return sims;
    }

    private static List<EntitySim> trucks(Simulation.Context ctx) {
        City city = ctx.city();
        Scenario sc = ctx.scenario();
        LocalProjection proj = ctx.projection();
        List<Site> depots = city.sites().stream().filter(s -> s.kind() == Site.Kind.DEPOT).toList();
        List<Zone> prohibited =
                city.zones().stream().filter(z -> z.kind() == Zone.Kind.PROHIBITED_TRUCK).toList();
        List<Zone> closedAllDay =
                prohibited.stream()
                        .filter(
                                z ->
                                        z.closedHours() == null
                                                || z.closedHours().equals(DailyWindow.ALL_DAY))
                        .toList();
        TruckLedger.Places places =
                new TruckLedger.Places(
                        GeoIndex.build(proj, new ArrayList<>(city.sites()), Site::polygon),
                        GeoIndex.build(proj, prohibited, Zone::polygon),
                        proj);
        Map<String, Permit> permitByTruck = new HashMap<>();
        city.permits().forEach(p -> permitByTruck.put(p.truckId(), p));
        List<EntitySim> sims = new ArrayList<>();
        int i = 0;
        for (Truck t : city.trucks()) {
            long s = sc.seed() * 37 + 100_000 + (i++);
            SplittableRandom planRandom = new SplittableRandom(ctx.seed(11, i));
            Permit p = permitByTruck.get(t.truckId());
            TruckLedger ledger =
                    new TruckLedger(t.truckId(), p, true, places, city.zone(), ctx.truth());
            // The terminal's faults draw from a stream of their own: with every knob at 0 there is
            // no terminal and no draw.
            TruckTerminal terminal =
                    sc.gpsArtefacts().any()
                            ? new TruckTerminal(
                                    sc.gpsArtefacts(), ctx.seed(13, i) ^ 0x9E3779B97F4A7C15L)
                            : null;
            if (p != null) {
                Plane.Path path = new Plane.Path(p.route(), proj);
                double[] parked = path.at(0, false);
                TruckPlan plan =
                        TruckPlan.forPermitted(
                                sc,
                                p,
                                closedAllDay,
                                city.zone(),
                                ctx.start(),
                                ctx.end(),
                                planRandom);
                if (plan.nearMiss()) {
                    ctx.truth().nearMiss("TRUCK_" + plan.kind().name(), t.truckId());
                }
                sims.add(
                        new TruckSim(
                                t,
                                p,
                                path,
                                parked,
                                proj,
                                s,
                                city.zone(),
                                ctx.start(),
                                ctx.end(),
                                sc.truckPingSeconds(),
                                sc.parkedPingSeconds(),
                                sc.gpsNoiseMeters(),
                                plan,
                                ledger,
                                terminal));
                continue;
            }
            TruckPlan plan =
                    city.permits().isEmpty()
                            ? TruckPlan.NONE
                            : TruckPlan.forUnpermitted(sc, ctx.start(), ctx.end(), planRandom);
            if (plan.kind() == TruckPlan.Kind.NO_PERMIT) {
                // Carries on a route borrowed from a permit holder: from its construction site to
                // its disposal site and back.
                Plane.Path borrowed =
                        new Plane.Path(
                                city.permits()
                                        .get(planRandom.nextInt(city.permits().size()))
                                        .route(),
                                proj);
                sims.add(
                        new TruckSim(
                                t,
                                null,
                                borrowed,
                                borrowed.at(0, false),
                                proj,
                                s,
                                city.zone(),
                                ctx.start(),
                                ctx.end(),
                                sc.truckPingSeconds(),
                                sc.parkedPingSeconds(),
                                sc.gpsNoiseMeters(),
                                plan,
                                ledger,
                                terminal));
            } else if (!depots.isEmpty()) {
                Site depot = depots.get(i % depots.size());
                double[] parked =
                        Plane.randomPointIn(depot.polygon(), proj, new SplittableRandom(s));
                sims.add(
                        new TruckSim(
                                t,
                                null,
                                null,
                                parked,
                                proj,
                                s,
                                city.zone(),
                                ctx.start(),
                                ctx.end(),
                                sc.truckPingSeconds(),
                                sc.parkedPingSeconds(),
                                sc.gpsNoiseMeters(),
                                TruckPlan.NONE,
                                ledger,
                                terminal));
            }
        }
        return sims;
    }

    private static List<EntitySim> noiseSensors(Simulation.Context ctx) {
        NoiseLimits limits = NoiseLimits.defaults(ctx.city().zone());
        List<EntitySim> sims = new ArrayList<>();
        int i = 0;
        for (Device d : ctx.city().devices()) {
            if (d.kind() == Device.Kind.NOISE_SENSOR) {
                long seed = ctx.scenario().seed() * 41 + 200_000 + (i++);
                NoisePlan plan =
                        NoisePlan.create(
                                d,
                                ctx.scenario().violation("NOISE_EXCEEDANCE"),
                                ctx.city().zone(),
                                ctx.start(),
                                ctx.end(),
                                ctx.scenario().noiseIntervalSeconds() * 1000L,
                                seed ^ 0x5DEECE66DL);
                sims.add(
                        new NoiseSensorSim(
                                d,
                                limits::limit,
                                seed,
                                ctx.start(),
                                ctx.end(),
                                ctx.scenario().noiseIntervalSeconds(),
                                plan,
                                ctx.truth()));
            }
        }
        return sims;
    }

    private static List<EntitySim> stalls(Simulation.Context ctx) {
        List<EntitySim> sims = new ArrayList<>();
        int i = 0;
        for (Device d : ctx.city().devices()) {
            if (d.kind() == Device.Kind.CAMERA && d.spotId() != null) {
                sims.add(new StallSim(d, ctx, ctx.seed(9, i++)));
            }
        }
        return sims;
    }
}

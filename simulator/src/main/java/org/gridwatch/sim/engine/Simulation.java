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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Runs a scenario over a city: every officer, truck and sensor produces its events, merged in event
 * time, then the scenario's disorder is applied (out-of-order and late delivery, duplicates,
 * corrupt records) and the result goes to the sink. Deterministic: same city, scenario and seed,
 * same output.
 */
public final class Simulation {
    /**
     * What was produced, including the disorder injected (so every dead letter is explained).
     *
     * @param sentLate the records delivered late (as UTF-8 text), so that a late-event dead letter
     *     can be told apart from a valid event that a job wrongly declared late
     */
    public record Stats(
            Map<String, Long> eventsPerTopic,
            Map<String, Long> malformedPerKind,
            long duplicates,
            long outOfOrder,
            List<String> sentLate) {
        public long late() {
            return sentLate.size();
        }

        public long total() {
            return eventsPerTopic.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final City city;
    private final Scenario scenario;
    private final long start;
    private final long end;
    private final Truth truth;
    private volatile boolean stopped;

    public Simulation(City city, Scenario scenario) {
        if (scenario.start() == null) {
            throw new IllegalArgumentException("the scenario has no start time");
        }
        this.city = city;
        this.scenario = scenario;
        this.start = scenario.start().toEpochMilli();
        this.end = start + scenario.durationMinutes() * 60_000L;
        this.truth = new Truth(end);
    }

    /** The local date the scenario starts on: permits are issued for it. */
    public static LocalDate permitDate(Scenario s, java.time.ZoneId zone) {
        return s.start().atZone(zone).toLocalDate();
    }

    public void stop() {
        stopped = true;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    /**
     * What every generator needs: the city, the scenario, the clock span, and where to record
     * ground truth.
     */
    public record Context(
            City city,
            Scenario scenario,
            LocalProjection projection,
            long start,
            long end,
            Truth truth) {
        public long seed(int family, int index) {
            return scenario.seed() * 1_000_003L + family * 1_000_000L + index;
        }
    }

    private List<EntitySim> entities() {
        Context ctx =
                new Context(
                        city,
                        scenario,
                        new LocalProjection(city.centerLat(), city.centerLon()),
                        start,
                        end,
                        truth);
        List<EntitySim> sims = new ArrayList<>();
        sims.addAll(officers(ctx));
        sims.addAll(trucks(ctx));
        sims.addAll(noiseSensors(ctx));
        sims.addAll(complaints(ctx));
        sims.addAll(stalls(ctx));
        return sims;
    }

    private static List<EntitySim> officers(Context ctx) {
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

    private static List<EntitySim> trucks(Context ctx) {
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

    /**
     * Hotline complaints and their cases ({@link ComplaintSim}; its {@code kpiTruth()} gives the
     * KPI truth).
     */
    private static List<EntitySim> complaints(Context ctx) {
        return List.of(new ComplaintSim(ctx));
    }

    private static List<EntitySim> noiseSensors(Context ctx) {
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

    private static List<EntitySim> stalls(Context ctx) {
        List<EntitySim> sims = new ArrayList<>();
        int i = 0;
        for (Device d : ctx.city().devices()) {
            if (d.kind() == Device.Kind.CAMERA && d.spotId() != null) {
                sims.add(new StallSim(d, ctx, ctx.seed(9, i++)));
            }
        }
        return sims;
    }

    /** The ground truth of everything injected so far (complete once {@link #run} returns). */
    public Truth truth() {
        return truth;
    }

    /**
     * Sends the city's reference data (one {@code gridwatch.reference} UPSERT per object, stamped
     * with the scenario start) to the sink: what jobs without city files need before the feeds.
     */
    public void sendReference(EventSink sink) throws Exception {
        for (SimEvent e : ReferenceFeed.events(city, start)) {
            sink.accept(e);
        }
    }

    /** Produces every event of the scenario into the sink; returns what was produced. */
    public Stats run(EventSink sink) throws Exception {
        PriorityQueue<EntitySim> queue =
                new PriorityQueue<>(Comparator.comparingLong(EntitySim::nextTime));
        for (EntitySim e : entities()) {
            if (e.nextTime() != Long.MAX_VALUE) {
                queue.add(e);
            }
        }
        Disorder disorder = new Disorder(scenario, sink);
        while (!queue.isEmpty() && !stopped) {
            EntitySim e = queue.poll();
            SimEvent ev = e.step();
            if (ev != null) {
                disorder.accept(ev);
            }
            if (e.nextTime() != Long.MAX_VALUE) {
                queue.add(e);
            }
        }
        if (!stopped) {
            disorder.flush();
        }
        return disorder.stats();
    }

    /** Applies the scenario's realism knobs between the generators and the sink. */
    private static final class Disorder {
        private record Pending(long releaseAt, long seq, SimEvent event) {}

        private final Scenario s;
        private final EventSink sink;
        private final SplittableRandom r;
        private final PriorityQueue<Pending> delayed =
                new PriorityQueue<>(
                        Comparator.comparingLong(Pending::releaseAt)
                                .thenComparingLong(Pending::seq));
        private final Map<String, Long> perTopic = new LinkedHashMap<>();
        private final Map<String, Long> malformed = new LinkedHashMap<>();
        private long seq;
        private long duplicates;
        private long outOfOrder;
        private final List<String> sentLate = new ArrayList<>();

        Disorder(Scenario s, EventSink sink) {
            this.s = s;
            this.sink = sink;
            this.r = new SplittableRandom(s.seed() * 7919 + 17);
        }

        void accept(SimEvent e) throws Exception {
            release(e.eventTime());
            SimEvent out = e;
            if (r.nextDouble() < s.malformedFraction()) {
                // A corrupt copy goes out next to the event: the dead-letter path is exercised
                // without
                // taking away an event the ground truth relies on (a lost "case closed" would make
                // a
                // correct overdue alert look false).
                emit(corrupt(e));
            }
            double roll = r.nextDouble();
            if (roll < s.lateFraction()) {
                sentLate.add(new String(out.value(), StandardCharsets.UTF_8));
                delayed.add(new Pending(e.eventTime() + s.lateSeconds() * 1000L, seq++, out));
            } else if (roll < s.lateFraction() + s.outOfOrderFraction()
                    && s.outOfOrderMaxSeconds() > 0) {
                outOfOrder++;
                delayed.add(
                        new Pending(
                                e.eventTime() + 1 + r.nextLong(s.outOfOrderMaxSeconds() * 1000L),
                                seq++,
                                out));
            } else {
                emit(out);
            }
            if (r.nextDouble() < s.duplicateFraction()) {
                duplicates++;
                emit(out);
            }
        }

        private void release(long now) throws Exception {
            while (!delayed.isEmpty() && delayed.peek().releaseAt() <= now) {
                emit(delayed.poll().event());
            }
        }

        void flush() throws Exception {
            release(Long.MAX_VALUE);
        }

        private void emit(SimEvent e) throws Exception {
            perTopic.merge(e.topic(), 1L, Long::sum);
            sink.accept(e);
        }

        /**
         * Three ways real feeds break: a cut-off record, a text where a number belongs, a missing
         * id.
         */
        private SimEvent corrupt(SimEvent e) {
            String json = new String(e.value(), StandardCharsets.UTF_8);
            String kind;
            String bad;
            switch (r.nextInt(3)) {
                case 0 -> {
                    kind = "truncated";
                    bad = json.substring(0, json.length() / 2);
                }
                case 1 -> {
                    kind = "text_for_number";
                    bad = json.replaceFirst("\"lat\":[-0-9.]+", "\"lat\":\"north\"");
                }
                default -> {
                    kind = "missing_id";
                    bad = json.replaceFirst("\"(entityId|deviceId|eventId)\":\"[^\"]*\",", "");
                }
            }
            malformed.merge(kind, 1L, Long::sum);
            return new SimEvent(
                    e.topic(), e.key(), e.eventTime(), bad.getBytes(StandardCharsets.UTF_8));
        }

        Stats stats() {
            return new Stats(
                    Map.copyOf(perTopic),
                    Map.copyOf(malformed),
                    duplicates,
                    outOfOrder,
                    List.copyOf(sentLate));
        }
    }

    /** First instant of the scenario. */
    public Instant startInstant() {
        return Instant.ofEpochMilli(start);
    }
}

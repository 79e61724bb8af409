package org.gridwatch.sim.engine;

import org.gridwatch.common.city.City;
import org.gridwatch.common.city.Device;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.sim.city.CityGenerator;
import org.gridwatch.sim.score.TruthRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Truth that hinges on an event delivered late is optional; a late event it does not hinge on
 * leaves it required.
 */
class LateTruthTest {
    private static final Instant START = Instant.parse("2026-11-01T11:30:00Z");
    private static final long MIN = 60_000L;

    /** A stall camera's events and truth, the first camera of a small city with a reappearance. */
    private record Stall(List<SimEvent> events, Truth truth, TruthRecord reappearance) {}

    private static Stall stall() throws Exception {
        Scenario sc = Scenario.load("default").withCitySize("small").withStart(START, 24 * 60);
        City city =
                CityGenerator.generate(1, sc.size(), Simulation.permitDate(sc, CityGenerator.ZONE));
        long start = START.toEpochMilli();
        int i = 0;
        for (Device d : city.devices()) {
            if (d.kind() != Device.Kind.CAMERA || d.spotId() == null) {
                continue;
            }
            Truth truth = new Truth(start + 24 * 60 * MIN);
            Simulation.Context ctx =
                    new Simulation.Context(
                            city,
                            sc,
                            new LocalProjection(city.centerLat(), city.centerLon()),
                            start,
                            start + 24 * 60 * MIN,
                            truth);
            StallSim s = new StallSim(d, ctx, ctx.seed(9, i++));
            if (truth.records().isEmpty()) {
                continue;
            }
            List<SimEvent> events = new ArrayList<>();
            while (s.nextTime() != Long.MAX_VALUE) {
                events.add(s.step());
            }
            return new Stall(events, truth, truth.records().get(0));
        }
        throw new AssertionError("no stall reappearance in the small city");
    }

    private static Predicate<SimEvent.Id> lateOnly(SimEvent... late) {
        Set<SimEvent.Id> ids = new java.util.HashSet<>();
        for (SimEvent e : late) {
            ids.add(e.id());
        }
        return ids::contains;
    }

    @Test
    void aLateClearanceMakesTheReappearanceOptional() throws Exception {
        Stall s = stall();
        long from = s.reappearance().from();
        SimEvent clearance =
                s.events().stream()
                        .filter(e -> e.topic().equals(Topics.HOTLINE) && e.eventTime() < from)
                        .reduce((a, b) -> b)
                        .orElseThrow();
        s.truth().settle(lateOnly(clearance));
        TruthRecord r = s.truth().records().get(0);
        assertThat(r.optional()).isTrue();
        assertThat(r.note()).contains("delivered late");
    }

    @Test
    void anUnrelatedLateEventLeavesTheReappearanceRequired() throws Exception {
        Stall s = stall();
        long from = s.reappearance().from();
        // The stall's first report before the clearance, and the returning stall's first report
        // (the next one opens it, still within the truth interval).
        SimEvent before =
                s.events().stream().filter(e -> e.topic().equals(Topics.IOT)).findFirst().get();
        SimEvent firstBack =
                s.events().stream()
                        .filter(e -> e.topic().equals(Topics.IOT) && e.eventTime() == from)
                        .findFirst()
                        .orElseThrow();
        s.truth().settle(lateOnly(before, firstBack));
        assertThat(s.truth().records().get(0).optional()).isFalse();
        assertThat(s.truth().records().get(0)).isEqualTo(s.reappearance());
    }

    @Test
    void everyReportOfTheReturningStallLateMakesItOptional() throws Exception {
        Stall s = stall();
        TruthRecord r = s.reappearance();
        s.truth()
                .settle(
                        id ->
                                id.topic().equals(Topics.IOT)
                                        && id.time() >= r.from()
                                        && id.time() <= r.until());
        assertThat(s.truth().records().get(0).optional()).isTrue();
    }

    private static ShopReport camera(long t, String violation) {
        return new ShopReport(ShopReport.Kind.NORMAL, t, "CAM", "S1", violation, 0, 0, 0.9);
    }

    private static ShopReport inspection(long t, String violation) {
        return new ShopReport(ShopReport.Kind.INSPECTION, t, "GW00089", "S1", violation, 0, 0, 1);
    }

    /**
     * Shop S1: a camera occurrence (reports every 10 s for 5 min), a second one 2 h later, an
     * inspection's own finding 4 h in (the 3rd record: the episode), and a 4th record 6 h in.
     */
    private static List<ShopReport> shop(long t0) {
        List<ShopReport> reps = new ArrayList<>();
        for (long t = 0; t < 5 * MIN; t += 10_000) {
            reps.add(camera(t0 + t, "CROSS_DOOR"));
            reps.add(camera(t0 + 120 * MIN + t, "CROSS_DOOR"));
        }
        reps.add(inspection(t0 + 240 * MIN, "WALL_BREAKING"));
        for (long t = 0; t < 5 * MIN; t += 10_000) {
            reps.add(camera(t0 + 360 * MIN + t, "CROSS_DOOR"));
        }
        return reps;
    }

    private static List<TruthRecord> shopTruth(Predicate<SimEvent.Id> late, long t0) {
        Truth t = new Truth(t0 + 24 * 60 * MIN);
        new ShopTruth(shop(t0)).repeats(t);
        t.settle(late);
        return t.records();
    }

    @Test
    void aLateInspectionMakesTheShopRecordOptionalAndTheNextOneToo() {
        long t0 = START.toEpochMilli();
        ShopReport insp = inspection(t0 + 240 * MIN, "WALL_BREAKING");
        assertThat(shopTruth(id -> false, t0))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.from()).isEqualTo(t0 + 240 * MIN);
                            assertThat(r.optional()).isFalse();
                        });
        List<TruthRecord> late = shopTruth(ShopTruth.id(insp)::equals, t0);
        // The 3rd record is undecidable; a correct system counts the 4th as its 3rd.
        assertThat(late).hasSize(2).allMatch(TruthRecord::optional);
        assertThat(late)
                .extracting(TruthRecord::from)
                .containsExactly(t0 + 240 * MIN, t0 + 360 * MIN);
    }

    @Test
    void aLateFirstCameraReportLeavesTheShopRecordRequired() {
        long t0 = START.toEpochMilli();
        // The second occurrence starts 10 s later for a system: still the 2nd record in the window.
        List<TruthRecord> truth =
                shopTruth(ShopTruth.id(camera(t0 + 120 * MIN, "CROSS_DOOR"))::equals, t0);
        assertThat(truth)
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.from()).isEqualTo(t0 + 240 * MIN);
                            assertThat(r.optional()).isFalse();
                        });
    }

    private static Scenario halfLate(double duplicates) throws Exception {
        Scenario n = Scenario.load("noisy");
        return new Scenario(
                n.name(),
                n.seed(),
                n.start(),
                n.durationMinutes(),
                n.citySize(),
                n.gpsNoiseMeters(),
                n.officerPingSeconds(),
                n.truckPingSeconds(),
                n.parkedPingSeconds(),
                n.noiseIntervalSeconds(),
                0.0,
                0,
                0.5,
                n.lateSeconds(),
                duplicates,
                0.0,
                n.violations(),
                n.nearMisses(),
                n.gpsArtefacts());
    }

    @Test
    void disorderTellsLateEventsByIdUnlessADuplicateWentOutOnTime() throws Exception {
        for (double duplicates : new double[] {0, 0.5}) {
            List<SimEvent.Id> onTime = new ArrayList<>();
            boolean[] flushing = {false};
            Disorder d =
                    new Disorder(
                            halfLate(duplicates),
                            x -> {
                                if (!flushing[0]) {
                                    onTime.add(x.id());
                                }
                            });
            List<SimEvent> sent = new ArrayList<>();
            for (int k = 0; k < 200; k++) {
                // All at one instant: a late one comes out only when the disorder is flushed.
                SimEvent e = new SimEvent(Topics.IOT, "CAM" + k, 1_000_000L, "{}".getBytes());
                sent.add(e);
                d.accept(e);
            }
            flushing[0] = true;
            d.flush();
            long late = sent.stream().filter(e -> d.deliveredLate(e.id())).count();
            assertThat(late).isBetween(20L, 180L);
            for (SimEvent e : sent) {
                assertThat(d.deliveredLate(e.id())).isEqualTo(!onTime.contains(e.id()));
            }
        }
    }
}

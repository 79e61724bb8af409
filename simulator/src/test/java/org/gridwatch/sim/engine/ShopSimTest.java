package org.gridwatch.sim.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.city.City;
import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Shop;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.sim.city.CityGenerator;
import org.gridwatch.sim.score.ShopCount;
import org.gridwatch.sim.score.ShopFiles;
import org.gridwatch.sim.score.TruthRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shops' side of a run: the history mix, the events' shape, and that what the truth counts is
 * what THE RULE makes of the events, checked by an independent attribution in JTS.
 */
class ShopSimTest {
    private static final Instant START = Instant.parse("2026-11-01T11:30:00Z");
    private static City city;
    private static Simulation.Context ctx;
    private static ShopSim shops;
    private static ComplaintSim hotline;
    private static Truth truth;

    @BeforeAll
    static void run() throws Exception {
        Scenario sc = Scenario.load("default").withCitySize("small").withStart(START, 24 * 60);
        city = CityGenerator.generate(1, sc.size(), Simulation.permitDate(sc, CityGenerator.ZONE));
        long start = START.toEpochMilli();
        truth = new Truth(start + 24 * 3_600_000L);
        ctx =
                new Simulation.Context(
                        city,
                        sc,
                        new LocalProjection(city.centerLat(), city.centerLon()),
                        start,
                        start + 24 * 3_600_000L,
                        truth);
        shops = new ShopSim(ctx);
        hotline = new ComplaintSim(ctx, shops.complaints());
        shops.record(truth, hotline);
    }

    private static List<TruthRecord> repeats(Truth t) {
        return t.records().stream().filter(r -> r.type().equals("SHOP_REPEAT_VIOLATION")).toList();
    }

    @Test
    void shouldGiveMostShopsACleanDayAFewOccasionalAndSomeChronic() {
        Map<String, Integer> perShop = new HashMap<>();
        shops.truth().records().forEach(r -> perShop.merge(r.shopId(), 1, Integer::sum));
        int n = city.shops().size();
        long occasional = perShop.values().stream().filter(v -> v <= 2).count();
        long chronic = perShop.values().stream().filter(v -> v >= 3).count();
        assertThat(n - perShop.size()).isGreaterThan((int) (n * 0.7));
        assertThat(occasional).isBetween((long) (n * 0.07), (long) (n * 0.25));
        assertThat(chronic).isBetween(1L, (long) (n * 0.1));
        assertThat(repeats(truth)).hasSize((int) chronic);
        System.out.printf(
                "shops %d, occasional %d, chronic %d, records %d, reports %d%n",
                n, occasional, chronic, shops.truth().records().size(), shops.sent().size());
    }

    @Test
    void shouldFollowTheRuleOnAHandBuiltHistory() {
        long t0 = START.toEpochMilli();
        long min = 60_000L;
        List<ShopReport> reps = new ArrayList<>();
        // Occurrence 1: three reports 4 min apart; occurrence 2 after a 31-min silence.
        for (long t : new long[] {0, 4, 8, 39, 43}) {
            reps.add(rep(ShopReport.Kind.NORMAL, t0 + t * min, "CAM", "S1", "CROSS_DOOR"));
        }
        // An inspection inside occurrence 2 confirms it; one of another type is its own record.
        reps.add(rep(ShopReport.Kind.INSPECTION, t0 + 41 * min, "OF1", "S1", "CROSS_DOOR"));
        reps.add(rep(ShopReport.Kind.INSPECTION, t0 + 200 * min, "OF1", "S1", "WALL_BREAKING"));
        reps.add(rep(ShopReport.Kind.INSPECTION, t0 + 300 * min, "OF1", "S1", null));
        // Ambiguous and low-confidence detections count for no shop.
        reps.add(rep(ShopReport.Kind.AMBIGUOUS, t0 + 250 * min, "CAM", null, "CROSS_DOOR"));
        reps.add(rep(ShopReport.Kind.LOW, t0 + 260 * min, "CAM", null, "CROSS_DOOR"));
        // Another shop with two records only.
        reps.add(rep(ShopReport.Kind.NORMAL, t0, "CAM", "S2", "PILED_MATERIALS"));
        reps.add(rep(ShopReport.Kind.NORMAL, t0 + 100 * min, "CAM", "S2", "PILED_MATERIALS"));
        ShopTruth st = new ShopTruth(reps);
        Truth t = new Truth(t0 + 24 * 60 * min);
        st.repeats(t);
        assertThat(st.records()).hasSize(5);
        assertThat(repeats(t)).hasSize(1);
        TruthRecord r = repeats(t).get(0);
        assertThat(r.entityId()).isEqualTo("S1");
        assertThat(r.from()).isEqualTo(t0 + 200 * min);
        assertThat(r.until()).isEqualTo(t0 + 230 * min);
        Map<String, ShopCount> counts = new HashMap<>();
        st.counts().forEach(c -> counts.put(c.shopId(), c));
        assertThat(counts.get("S1").records()).containsEntry("CROSS_DOOR", 2);
        assertThat(counts.get("S1").inspections()).isEqualTo(3);
        assertThat(counts.get("S2").violationRecords()).isEqualTo(2);
    }

    @Test
    void shouldCloseTheEpisodeWhenTheWindowCountDrops() {
        long d = 24 * 3_600_000L;
        List<ShopTruth.Record> recs = new ArrayList<>();
        for (long day : new long[] {0, 1, 2, 3, 40, 41, 42}) {
            recs.add(new ShopTruth.Record("S1", "CROSS_DOOR", day * d, "CAM"));
        }
        Truth t = new Truth(100 * d);
        ShopTruth.episodes("S1", recs, t);
        assertThat(repeats(t)).extracting(TruthRecord::from).containsExactly(2 * d, 42 * d);
    }

    private static ShopReport rep(
            ShopReport.Kind k, long t, String dev, String shop, String violation) {
        return new ShopReport(k, t, dev, shop, violation, 0, 0, 0.9);
    }

    /** THE RULE's attribution, written again with JTS distances on the plane. */
    @Test
    void everyCountedDetectionShouldGoToItsShopUnderTheRule() {
        LocalProjection proj = ctx.projection();
        List<Geometry> fronts = new ArrayList<>();
        Map<Geometry, String> ids = new HashMap<>();
        for (Shop s : city.shops()) {
            Geometry g = proj.toMetres(s.frontage());
            fronts.add(g);
            ids.put(g, s.shopId());
        }
        Map<String, Geometry> byId = new HashMap<>();
        ids.forEach((g, id) -> byId.put(id, g));
        List<ShopReport> sent = new ArrayList<>(shops.sent());
        sent.sort(Comparator.comparingLong(ShopReport::time));
        Map<String, String> held = new HashMap<>();
        int normal = 0;
        int ambiguous = 0;
        for (ShopReport r : sent) {
            if (r.kind() == ShopReport.Kind.INSPECTION) {
                continue;
            }
            if (r.kind() == ShopReport.Kind.LOW) {
                assertThat(r.confidence()).isLessThan(0.6);
                continue;
            }
            assertThat(r.confidence()).isGreaterThanOrEqualTo(0.6);
            Point p = GeoJson.FACTORY.createPoint(new Coordinate(r.x(), r.y()));
            List<Geometry> near =
                    fronts.stream()
                            .filter(g -> g.distance(p) < 40)
                            .sorted(Comparator.comparingDouble(g -> g.distance(p)))
                            .toList();
            double d1 = near.get(0).distance(p);
            double d2 = near.size() > 1 ? near.get(1).distance(p) : Double.MAX_VALUE;
            String state = held.get(r.device());
            boolean heldByState =
                    state != null
                            && byId.get(state).distance(p) <= 15
                            && d1 >= byId.get(state).distance(p) - 5;
            if (r.kind() == ShopReport.Kind.AMBIGUOUS) {
                ambiguous++;
                assertThat(d1).isLessThanOrEqualTo(15);
                assertThat(d2 - d1).isLessThanOrEqualTo(2);
                assertThat(heldByState).isFalse();
                continue;
            }
            normal++;
            assertThat(d1).isLessThanOrEqualTo(15);
            assertThat(ids.get(near.get(0))).isEqualTo(r.shopId());
            assertThat(d2 - d1).isGreaterThan(2);
            if (state != null && !state.equals(r.shopId())) {
                assertThat(heldByState).as("hysteresis holds %s", state).isFalse();
            }
            held.put(r.device(), r.shopId());
        }
        assertThat(normal).isGreaterThan(100);
        assertThat(ambiguous).isGreaterThan(0);
    }

    @Test
    void shouldWriteEventsInTheTopicSchemasShape() {
        Set<String> kinds = new HashSet<>();
        Set<String> shopIds = new HashSet<>();
        city.shops().forEach(s -> shopIds.add(s.shopId()));
        Set<String> officers = new HashSet<>();
        city.officers().forEach(o -> officers.add(o.officerId()));
        for (long t = 0; shops.nextTime() != Long.MAX_VALUE; t++) {
            SimEvent e = shops.step();
            assertThat(e.topic()).isEqualTo(Topics.IOT);
            JsonNode n = Json.read(new String(e.value(), StandardCharsets.UTF_8));
            kinds.add(n.get("kind").asText());
            assertThat(n.get("photoUrl").asText()).startsWith("https://");
            if (n.get("kind").asText().equals("SHOP_INSPECTION")) {
                assertThat(shopIds).contains(n.get("shopId").asText());
                assertThat(officers).contains(n.get("deviceId").asText());
            } else {
                assertThat(n.get("deviceId").asText()).startsWith("SCAM");
                assertThat(n.get("violation").asText())
                        .isIn("OUTSIDE_BUSINESS", "CROSS_DOOR", "PILED_MATERIALS", "WALL_BREAKING");
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder("SHOP_VIOLATION", "SHOP_INSPECTION");
        assertThat(hotline.closed().stream().filter(c -> c.shopId != null)).isNotEmpty();
        assertThat(hotline.received().stream().filter(c -> c.shopId != null)).isNotEmpty();
    }

    @Test
    void shouldWriteTheShopCountsNextToTheTruth(@TempDir Path dir) throws Exception {
        ShopFiles.write(truth.shops(), dir.resolve("shops.ndjson"));
        List<String> lines = Files.readAllLines(dir.resolve("shops.ndjson"));
        assertThat(lines).hasSize(truth.shops().size()).isNotEmpty();
        int records = 0;
        for (String l : lines) {
            records += Json.read(l).get("violationRecords").asInt();
        }
        assertThat(records).isEqualTo(shops.truth().records().size());
        assertThat(truth.shops().stream().mapToInt(ShopCount::complaints).sum())
                .isGreaterThanOrEqualTo(shops.complaints().size() / 2);
    }

    @Test
    void lawfulScenarioShouldInjectNoShopViolation() throws Exception {
        Scenario sc = Scenario.load("lawful").withCitySize("small").withStart(START, 24 * 60);
        Truth t = new Truth(ctx.end());
        Simulation.Context lawful =
                new Simulation.Context(city, sc, ctx.projection(), ctx.start(), ctx.end(), t);
        ShopSim s = new ShopSim(lawful);
        s.record(t, new ComplaintSim(lawful, s.complaints()));
        assertThat(s.truth().records()).isEmpty();
        assertThat(repeats(t)).isEmpty();
        assertThat(s.sent())
                .allMatch(
                        r ->
                                r.kind() == ShopReport.Kind.INSPECTION && r.violation() == null
                                        || r.kind() == ShopReport.Kind.LOW
                                        || r.kind() == ShopReport.Kind.AMBIGUOUS);
    }

    @Test
    void minhangShouldHaveAboutAChronicShopInTwentyAndLoseFewReportsToTheRule() throws Exception {
        for (String name : List.of("default", "noisy")) {
            Scenario sc = Scenario.load(name).withStart(START, 24 * 60);
            City big =
                    CityGenerator.generate(
                            1, sc.size(), Simulation.permitDate(sc, CityGenerator.ZONE));
            Truth t = new Truth(ctx.end());
            Simulation.Context c =
                    new Simulation.Context(
                            big,
                            sc,
                            new LocalProjection(big.centerLat(), big.centerLon()),
                            ctx.start(),
                            ctx.end(),
                            t);
            ShopSim s = new ShopSim(c);
            s.record(t, new ComplaintSim(c, s.complaints()));
            long normal = s.sent().stream().filter(r -> r.kind() == ShopReport.Kind.NORMAL).count();
            System.out.printf(
                    "%s: shops %d, records %d, repeats %d, reports %d, dropped %d, inspections %d%n",
                    name,
                    big.shops().size(),
                    s.truth().records().size(),
                    repeats(t).size(),
                    normal,
                    s.dropped(),
                    s.sent().stream().filter(r -> r.kind() == ShopReport.Kind.INSPECTION).count());
            assertThat(repeats(t).size())
                    .isBetween(big.shops().size() / 40, big.shops().size() / 12);
            assertThat(s.dropped()).isLessThan((int) (normal / 50));
        }
    }
}

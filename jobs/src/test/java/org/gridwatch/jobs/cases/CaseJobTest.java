package org.gridwatch.jobs.cases;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.city.City;
import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.ReasonCodes;
import org.gridwatch.common.testing.CollectingSink;
import org.gridwatch.common.testing.TestSources;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.Outputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The case workflow on a mini cluster (parallelism 2) with shuffled hotline input. */
class CaseJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final double LAT = 31.1101;
    private static final double LON = 121.3840; // 200 m east crosses the cell border at 121.385
    private static final double DEG_PER_M = 1 / 111_320.0;

    /** Monday 2026-11-02 09:00 in Shanghai. */
    private static final long T0 = Instant.parse("2026-11-02T01:00:00Z").toEpochMilli();

    private static final long MIN = 60_000L;

    @Test
    void shouldMergeRepeatsAcrossCellsWhateverTheArrivalOrder() throws Exception {
        List<String> lines = new ArrayList<>();
        // Case A and two repeats, the second one across a cell border (cells are 0.005 degrees),
        // 200 m north.
        lines.add(received("12345-A", "12345", T0, 0, 0, "09006"));
        lines.add(received("web-B", "web", T0 + 20 * MIN, 80, 0, "09006"));
        lines.add(received("app-C", "app", T0 + 40 * MIN, 0, 200, "09006"));
        // Same place, other category: a case of its own. Same category 400 m away: a case of its
        // own.
        lines.add(received("12319-D", "12319", T0 + 30 * MIN, 10, 0, "07001"));
        lines.add(received("962000-E", "962000", T0 + 50 * MIN, 0, -400, "09006"));
        lines.add(step("12345-A", "DISPATCHED", T0 + 5 * MIN));
        lines.add(step("12345-A", "CLOSED", T0 + 50 * MIN));
        lines.add(step("12345-A", "CLOSED", T0 + 50 * MIN)); // duplicate delivery
        lines.add(step("12319-D", "CLOSED", T0 + 45 * MIN));
        lines.add(step("962000-E", "CLOSED", T0 + 55 * MIN));
        // A stall clearance from the stall detector's world: not a case.
        lines.add(
                "{\"eventId\":\"clr-1\",\"caseId\":\"CLR-77\",\"kind\":\"CLEARED\",\"time\":\""
                        + Instant.ofEpochMilli(T0)
                        + "\"}");

        for (long seed : new long[] {1, 2, 3}) {
            List<String> shuffled = new ArrayList<>(lines);
            Collections.shuffle(shuffled, new Random(seed));
            Result r = run(shuffled);

            List<Alert> repeats =
                    r.alerts.stream().filter(a -> a.type() == AlertType.COMPLAINT_REPEAT).toList();
            assertThat(repeats).extracting(Alert::entityId).containsOnly("12345-A");
            assertThat(repeats).extracting(Alert::alertId).containsOnly(repeats.get(0).alertId());
            assertThat(repeats.get(0).episodeStart()).isEqualTo(T0 + 40 * MIN);
            assertThat(r.alerts).noneMatch(a -> a.type() == AlertType.CASE_OVERDUE);

            JsonNode a = latest(r.docs, CaseFunction.INDEX, "12345-A");
            assertThat(a.get("complaints").asInt()).isEqualTo(3);
            assertThat(a.get("status").asText()).isEqualTo("CLOSED");
            assertThat(a.get("onTime").asBoolean()).isTrue();
            assertThat(a.get("history")).hasSize(3);
            assertThat(a.get("categoryNameZh").asText()).isEqualTo("占道经营");
            assertThat(latest(r.docs, CaseFunction.INDEX, "12319-D").get("complaints").asInt())
                    .isEqualTo(1);
            assertThat(latest(r.docs, CaseFunction.INDEX, "962000-E").get("complaints").asInt())
                    .isEqualTo(1);
            assertThat(r.docs)
                    .noneMatch(
                            d ->
                                    d.id().equals("web-B")
                                            || d.id().equals("app-C")
                                            || d.id().startsWith("CLR-"));

            JsonNode kpi = latest(r.docs, KpiFunction.INDEX, "闵行区|2026-11-02");
            assertThat(kpi.get("complaints").asInt()).isEqualTo(5);
            assertThat(kpi.get("distinctCases").asInt()).isEqualTo(3);
            assertThat(kpi.get("repeats").asInt()).isEqualTo(2);
            assertThat(kpi.get("closures").asInt()).isEqualTo(3);
            assertThat(kpi.get("onTimeClosures").asInt()).isEqualTo(3);

            List<EsWriteRequest> hot =
                    r.docs.stream().filter(d -> d.index().equals(HotspotFunction.INDEX)).toList();
            JsonNode h =
                    Json.read(
                            hot.stream()
                                    .filter(d -> d.json().contains("09006"))
                                    .max((x, y) -> Long.compare(x.version(), y.version()))
                                    .orElseThrow()
                                    .json());
            assertThat(h.get("hourOfDay").asInt()).isEqualTo(9);
            assertThat(h.get("weekday").asInt()).isEqualTo(1);
        }
    }

    @Test
    void shouldCountHotspotsAndKpisInTheCitysOwnTimeZone(@TempDir Path dir) throws Exception {
        // 2026-11-02T01:00Z is Monday 09:00 in Shanghai but Sunday 20:00 (EST) on 2026-11-01 in New
        // York.
        CityFiles.write(
                new City(
                        "Test",
                        "000000",
                        LAT,
                        LON,
                        ZoneId.of("America/New_York"),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of()),
                dir);
        Result r =
                run(
                        List.of(
                                received("12345-NY", "12345", T0, 0, 0, "09006"),
                                step("12345-NY", "CLOSED", T0 + 30 * MIN)),
                        "--city",
                        dir.toString());

        JsonNode h =
                Json.read(
                        r.docs.stream()
                                .filter(d -> d.index().equals(HotspotFunction.INDEX))
                                .findFirst()
                                .orElseThrow()
                                .json());
        assertThat(h.get("hourOfDay").asInt()).isEqualTo(20);
        assertThat(h.get("weekday").asInt()).isEqualTo(7);
        assertThat(h.get("localDate").asText()).isEqualTo("2026-11-01");
        JsonNode kpi = latest(r.docs, KpiFunction.INDEX, "闵行区|2026-11-01");
        assertThat(kpi.get("complaints").asInt()).isEqualTo(1);
        assertThat(kpi.get("closures").asInt()).isEqualTo(1);
        assertThat(r.docs)
                .noneMatch(
                        d -> d.index().equals(KpiFunction.INDEX) && d.id().endsWith("2026-11-02"));
    }

    @Test
    void shouldCloseACaseFiftyDaysLaterAndDeadLetterACloseForACaseNeverSeen() throws Exception {
        long day = 86_400_000L;
        long t0 =
                Instant.parse("2026-06-01t01:00:00Z")
                        .toEpochMilli(); // a Monday, 50 days of it in the past
        List<String> lines =
                List.of(
                        received("12345-LONG", "12345", t0, 0, 0, "09006"),
                        received(
                                "12345-MID",
                                "12345",
                                t0 + 40 * day,
                                0,
                                2000,
                                "09006"), // moves event time past the 35 days
                        step("12345-MID", "CLOSED", t0 + 40 * day + 30 * MIN),
                        step("12345-LONG", "CLOSED", t0 + 50 * day),
                        step("12345-NEVER", "CLOSED", t0 + 50 * day));
        Result r = run(lines);

        List<Alert> overdue =
                r.alerts.stream()
                        .filter(
                                a ->
                                        a.type() == AlertType.CASE_OVERDUE
                                                && a.entityId().equals("12345-LONG"))
                        .toList();
        assertThat(overdue).isNotEmpty();
        Alert last = overdue.get(overdue.size() - 1);
        assertThat(last.status()).isEqualTo(org.gridwatch.common.model.AlertStatus.CLOSED);
        assertThat(last.episodeEnd()).isEqualTo(t0 + 50 * day);
        assertThat(latest(r.docs, CaseFunction.INDEX, "12345-LONG").get("status").asText())
                .isEqualTo("CLOSED");
        assertThat(r.dead)
                .extracting(DeadLetter::reasonCode)
                .containsExactly(ReasonCodes.UNKNOWN_CASE);
        assertThat(r.dead.get(0).key()).isEqualTo("12345-NEVER");
    }

    /**
     * Issue 19: a complaint with an address and no coordinates becomes a case in the grid of its
     * address table entry (and takes repeats like any other); one whose address is unknown becomes
     * a case with grid unknown, merges with nothing, still follows its steps, and is not
     * dead-lettered.
     */
    @Test
    void shouldPlaceComplaintsByAddressAndKeepUnknownAddressesAsCasesWithoutGrid(@TempDir Path dir)
            throws Exception {
        org.locationtech.jts.geom.GeometryFactory f =
                new org.locationtech.jts.geom.GeometryFactory();
        org.gridwatch.common.city.Grid grid =
                new org.gridwatch.common.city.Grid(
                        "31011200100101",
                        "310112",
                        "闵行区",
                        "001",
                        "莘庄镇",
                        "001",
                        "一村",
                        org.gridwatch.common.rules.DailyWindow.ALL_DAY,
                        60,
                        f.createPolygon(
                                new org.locationtech.jts.geom.Coordinate[] {
                                    new org.locationtech.jts.geom.Coordinate(121.38, 31.10),
                                            new org.locationtech.jts.geom.Coordinate(121.39, 31.10),
                                    new org.locationtech.jts.geom.Coordinate(121.39, 31.12),
                                            new org.locationtech.jts.geom.Coordinate(121.38, 31.12),
                                    new org.locationtech.jts.geom.Coordinate(121.38, 31.10)
                                }));
        org.gridwatch.common.city.Address door =
                new org.gridwatch.common.city.Address("MH-1", "莘松路123弄4号", LAT, LON, null);
        CityFiles.write(
                new City(
                        "Test",
                        "310112",
                        LAT,
                        LON,
                        ZoneId.of("Asia/Shanghai"),
                        List.of(grid),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(door)),
                dir);
        List<String> lines =
                List.of(
                        addressed("12345-G", T0, "上海市闵行区莘松路１２３弄４号"),
                        received(
                                "app-C",
                                "app",
                                T0 + 20 * MIN,
                                30,
                                0,
                                "09006"), // 30 m from the door: a repeat of G
                        addressed("12345-U", T0 + 5 * MIN, "莘松路999号"),
                        addressed(
                                "12345-U2",
                                T0 + 10 * MIN,
                                "莘松路999号"), // same unknown place, but nobody knows where: its own
                        // case
                        step("12345-U", "CLOSED", T0 + 60 * MIN));
        Result r = run(lines, "--city", dir.toString());

        assertThat(r.dead).isEmpty();
        JsonNode g = latest(r.docs, CaseFunction.INDEX, "12345-G");
        assertThat(g.get("gridCode").asText()).isEqualTo("31011200100101");
        assertThat(g.get("street").asText()).isEqualTo("莘庄镇");
        assertThat(g.get("location").get("lat").asDouble()).isEqualTo(LAT);
        assertThat(g.get("address").asText()).isEqualTo("上海市闵行区莘松路１２３弄４号");
        assertThat(g.get("complaints").asInt()).isEqualTo(2);

        JsonNode u = latest(r.docs, CaseFunction.INDEX, "12345-U");
        assertThat(u.get("gridCode").isNull()).as("grid unknown").isTrue();
        assertThat(u.get("location").isNull()).isTrue();
        assertThat(u.get("address").asText()).isEqualTo("莘松路999号");
        assertThat(u.get("status").asText()).isEqualTo("CLOSED");
        assertThat(u.get("complaints").asInt()).isEqualTo(1);
        assertThat(latest(r.docs, CaseFunction.INDEX, "12345-U2").get("complaints").asInt())
                .isEqualTo(1);
    }

    private static String addressed(String ticket, long t, String address) {
        return "{\"eventId\":\""
                + ticket
                + "-R\",\"caseId\":\""
                + ticket
                + "\",\"kind\":\"RECEIVED\",\"time\":\""
                + Instant.ofEpochMilli(t)
                + "\",\"channel\":\"12345\",\"category\":\"09006\",\"address\":\""
                + address
                + "\",\"district\":\"闵行区\",\"timeLimitMinutes\":120}";
    }

    private record Result(List<Alert> alerts, List<EsWriteRequest> docs, List<DeadLetter> dead) {}

    private static Result run(List<String> hotline, String... extraArgs) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        List<String> args =
                new ArrayList<>(List.of("--checkpoint-interval", "0", "--max-out-of-order", "1d"));
        args.addAll(List.of(extraArgs));
        JobSettings settings = JobSettings.fromArgs(args.toArray(String[]::new), "test");
        CollectingSink<Alert> alerts = new CollectingSink<>();
        CollectingSink<EsWriteRequest> docs = new CollectingSink<>();
        CollectingSink<DeadLetter> dead = new CollectingSink<>();
        CaseJob.defineWorkflow(
                env,
                new Inputs(
                        TestSources.empty(Topics.GPS),
                        TestSources.raw(Topics.HOTLINE, hotline),
                        TestSources.empty(Topics.IOT),
                        TestSources.empty(Topics.REFERENCE)),
                new Outputs(
                        s -> s.sinkTo(new CollectingSink<>()),
                        s -> s.sinkTo(alerts),
                        s -> s.sinkTo(docs),
                        s -> s.sinkTo(dead)),
                settings);
        env.execute("cases-test");
        return new Result(
                List.copyOf(alerts.values()),
                List.copyOf(docs.values()),
                List.copyOf(dead.values()));
    }

    private static JsonNode latest(List<EsWriteRequest> docs, String index, String id) {
        return Json.read(
                docs.stream()
                        .filter(d -> d.index().equals(index) && d.id().equals(id))
                        .max((x, y) -> Long.compare(x.version(), y.version()))
                        .orElseThrow(() -> new AssertionError("no " + index + " " + id))
                        .json());
    }

    private static String received(
            String ticket, String channel, long t, double northM, double eastM, String category) {
        double lat = LAT + northM * DEG_PER_M;
        double lon = LON + eastM * DEG_PER_M / Math.cos(Math.toRadians(LAT));
        return "{\"eventId\":\""
                + ticket
                + "-R\",\"caseId\":\""
                + ticket
                + "\",\"kind\":\"RECEIVED\",\"time\":\""
                + Instant.ofEpochMilli(t)
                + "\",\"channel\":\""
                + channel
                + "\",\"category\":\""
                + category
                + "\",\"lat\":"
                + lat
                + ",\"lon\":"
                + lon
                + ",\"district\":\"闵行区\",\"timeLimitMinutes\":120}";
    }

    private static String step(String ticket, String kind, long t) {
        return "{\"eventId\":\""
                + ticket
                + "-"
                + kind
                + "\",\"caseId\":\""
                + ticket
                + "\",\"kind\":\""
                + kind
                + "\",\"time\":\""
                + Instant.ofEpochMilli(t)
                + "\"}";
    }
}

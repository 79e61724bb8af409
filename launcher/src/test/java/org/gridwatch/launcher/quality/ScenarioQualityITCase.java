package org.gridwatch.launcher.quality;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.city.City;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.json.Json;
import org.gridwatch.launcher.cli.LateEvents;
import org.gridwatch.sim.city.CityGenerator;
import org.gridwatch.sim.engine.ComplaintSim;
import org.gridwatch.sim.engine.Scenario;
import org.gridwatch.sim.engine.Simulation;
import org.gridwatch.sim.engine.Truth;
import org.gridwatch.sim.score.ScoreRow;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Detection quality on a small simulated city through real Kafka and all jobs. {@code ./gridwatch
 * evaluate} measures the full-size city; this keeps every implemented type from regressing in CI.
 */
class ScenarioQualityITCase {
    private static final Path WORK = Path.of("target", "quality");

    @Test
    void aCityWithoutViolationsShouldRaiseNoAlert() throws Exception {
        Scenario lawful = Scenario.load("lawful").withCitySize("small");
        QualityHarness.Result r = QualityHarness.run(lawful, WORK.resolve("lawful"));

        assertThat(r.truth()).isEmpty();
        assertThat(r.episodesPerType()).as("alerts in a city without violations").isEmpty();
    }

    @Test
    void everyCorruptRecordShouldBeDeadLetteredWithItsReason() throws Exception {
        Scenario noisy =
                Scenario.load("noisy")
                        .withCitySize("small")
                        .withStart(Scenario.load("noisy").start(), 180);
        QualityHarness.Result r = QualityHarness.run(noisy, WORK.resolve("noisy-dead-letters"));

        long malformed =
                r.stats().malformedPerKind().values().stream().mapToLong(Long::longValue).sum();
        long parsedAway =
                r.deadLetters().stream().filter(d -> !d.reasonCode().equals("late_event")).count();
        System.out.println(
                "malformed injected "
                        + r.stats().malformedPerKind()
                        + ", dead letters "
                        + r.deadLetters().stream()
                                .collect(
                                        java.util.stream.Collectors.groupingBy(
                                                d -> d.reasonCode(),
                                                java.util.stream.Collectors.counting())));
        // A corrupt record that was also duplicated is dead-lettered twice.
        assertThat(parsedAway).isBetween(malformed, malformed + r.stats().duplicates());
        LateEvents late = lateEvents(r);
        System.out.println("late events: " + late);
        assertThat(late.onTimeDeclaredLate())
                .as("valid on-time events dead-lettered as late, among %s", lateSample(r))
                .isZero();
        // An event sent 10 minutes late is behind its own partition's watermark, but a reader's
        // watermark is the minimum over its partitions: while another partition of the same reader
        // is further behind, the event is still on time there and is processed in order, not lost.
        assertThat(late.deadLettered())
                .as("events sent 10 minutes late")
                .isPositive()
                .isLessThanOrEqualTo(r.stats().late());
    }

    private static List<String> lateSample(QualityHarness.Result r) {
        return r.deadLetters().stream()
                .filter(d -> d.reasonCode().equals("late_event"))
                .limit(20)
                .map(
                        d ->
                                d.sourceTopic()
                                        + "/"
                                        + d.partition()
                                        + "@"
                                        + d.offset()
                                        + " "
                                        + d.reason()
                                        + " "
                                        + d.original())
                .toList();
    }

    private static LateEvents lateEvents(QualityHarness.Result r) {
        return LateEvents.compare(
                r.deadLetters().stream()
                        .filter(d -> d.reasonCode().equals("late_event"))
                        .map(d -> d.original())
                        .toList(),
                r.stats().sentLate());
    }

    @Test
    void everyInjectedTypeShouldBeFoundWithFewFalseAlarms() throws Exception {
        Scenario scenario = Scenario.load("default").withCitySize("small");
        QualityHarness.Result r = QualityHarness.run(scenario, WORK.resolve("default"));
        System.out.println("Small-city default scenario:\n" + r.table());
        assertThat(lateEvents(r).deadLettered())
                .as("late events in a scenario that sends none late: %s", lateSample(r))
                .isZero();

        for (ScoreRow row : r.rows()) {
            if (row.tp() + row.fn() > 0 || row.fp() > 0) {
                assertThat(row.recall()).as(row.format()).isGreaterThanOrEqualTo(0.9);
                assertThat(row.precision()).as(row.format()).isGreaterThanOrEqualTo(0.9);
            }
        }
        assertKpiDocumentsMatchTheSimulatorsTruth(scenario, r);
    }

    /**
     * District KPIs per local day as the job wrote them (latest version per document) against the
     * simulator's count.
     */
    private static void assertKpiDocumentsMatchTheSimulatorsTruth(
            Scenario scenario, QualityHarness.Result r) {
        City city =
                CityGenerator.generate(
                        scenario.seed(),
                        scenario.size(),
                        Simulation.permitDate(scenario, CityGenerator.ZONE));
        Simulation sim = new Simulation(city, scenario);
        ComplaintSim complaints =
                new ComplaintSim(
                        new Simulation.Context(
                                city,
                                scenario,
                                new LocalProjection(city.centerLat(), city.centerLon()),
                                sim.start(),
                                sim.end(),
                                new Truth(sim.end())));
        Map<String, EsWriteRequest> latest = new HashMap<>();
        r.documents().stream()
                .filter(d -> d.index().equals("gridwatch-kpis"))
                .forEach(
                        d -> latest.merge(d.id(), d, (a, b) -> a.version() >= b.version() ? a : b));
        int compared = 0;
        for (Map.Entry<LocalDate, Map<String, ComplaintSim.KpiTruth>> day :
                complaints.kpiTruth().entrySet()) {
            for (Map.Entry<String, ComplaintSim.KpiTruth> district : day.getValue().entrySet()) {
                ComplaintSim.KpiTruth t = district.getValue();
                JsonNode doc =
                        latest.values().stream()
                                .map(d -> Json.read(d.json()))
                                .filter(
                                        n ->
                                                n.path("date")
                                                                .asText()
                                                                .equals(day.getKey().toString())
                                                        && n.path("district")
                                                                .asText()
                                                                .equals(district.getKey()))
                                .findFirst()
                                .orElseThrow(
                                        () ->
                                                new AssertionError(
                                                        "no KPI document for "
                                                                + district.getKey()
                                                                + " on "
                                                                + day.getKey()));
                String what = district.getKey() + " " + day.getKey();
                assertThat(doc.path("complaints").asLong())
                        .as("complaints " + what)
                        .isEqualTo(t.complaints());
                assertThat(doc.path("distinctCases").asLong())
                        .as("distinct cases " + what)
                        .isEqualTo(t.distinctCases());
                assertThat(doc.path("repeats").asLong())
                        .as("repeats " + what)
                        .isEqualTo(t.repeats());
                assertThat(doc.path("onTimeClosures").asLong())
                        .as("on-time closures " + what)
                        .isEqualTo(t.onTimeClosures());
                compared++;
            }
        }
        assertThat(compared).isPositive();
    }
}

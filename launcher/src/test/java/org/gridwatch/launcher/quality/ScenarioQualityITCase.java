package org.gridwatch.launcher.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.gridwatch.sim.engine.Scenario;
import org.gridwatch.sim.score.ScoreRow;
import org.junit.jupiter.api.Test;

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
        Scenario noisy = Scenario.load("noisy").withCitySize("small").withStart(Scenario.load("noisy").start(), 180);
        QualityHarness.Result r = QualityHarness.run(noisy, WORK.resolve("noisy-dead-letters"));

        long malformed = r.stats().malformedPerKind().values().stream().mapToLong(Long::longValue).sum();
        long parsedAway = r.deadLetters().stream().filter(d -> !d.reasonCode().equals("late_event")).count();
        System.out.println("malformed injected " + r.stats().malformedPerKind() + ", dead letters "
                + r.deadLetters().stream().collect(java.util.stream.Collectors.groupingBy(d -> d.reasonCode(), java.util.stream.Collectors.counting())));
        // A corrupt record that was also duplicated is dead-lettered twice.
        assertThat(parsedAway).isBetween(malformed, malformed + r.stats().duplicates());
    }

    @Test
    void everyInjectedTypeShouldBeFoundWithFewFalseAlarms() throws Exception {
        Scenario scenario = Scenario.load("default").withCitySize("small");
        QualityHarness.Result r = QualityHarness.run(scenario, WORK.resolve("default"));
        System.out.println("Small-city default scenario:\n" + r.table());

        for (ScoreRow row : r.rows()) {
            if (row.tp() + row.fn() > 0 || row.fp() > 0) {
                assertThat(row.recall()).as(row.format()).isGreaterThanOrEqualTo(0.9);
                assertThat(row.precision()).as(row.format()).isGreaterThanOrEqualTo(0.9);
            }
        }
    }
}

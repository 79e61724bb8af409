package org.gridwatch.sim.engine;

import org.gridwatch.common.city.City;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.parse.HotlineParser;
import org.gridwatch.common.parse.ParseLimits;
import org.gridwatch.sim.city.CityGenerator;
import org.gridwatch.sim.city.CitySize;
import org.gridwatch.sim.score.TruthRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stalls: clearances are valid hotline events; reappearances are recorded only when injected, each
 * after a clearance.
 */
class StallTruthTest {
    private static final Instant START = Instant.parse("2026-11-01T11:30:00Z");

    @Test
    void shouldRecordReappearancesAfterClearancesOnlyWhenInjected() throws Exception {
        City city = CityGenerator.generate(1, CitySize.MINHANG, LocalDate.parse("2026-11-01"));
        HotlineParser parser = new HotlineParser(ParseLimits.DEFAULTS, () -> Long.MAX_VALUE / 2);
        for (String scenario : new String[] {"lawful", "clean", "default"}) {
            Simulation sim =
                    new Simulation(city, Scenario.load(scenario).withStart(START, 24 * 60));
            List<HotlineEvent> clearances = new ArrayList<>();
            sim.run(
                    e -> {
                        if (e.topic().equals(Topics.HOTLINE)
                                && new String(e.value()).contains("CLR-")) {
                            try {
                                clearances.add(parser.parse(e.value()));
                            } catch (Exception x) {
                                // injected malformed records
                            }
                        }
                    });
            assertThat(clearances)
                    .isNotEmpty()
                    .allMatch(
                            c ->
                                    c.kind() == CaseEventKind.CLEARED
                                            && c.spotId() != null
                                            && c.caseId().startsWith("CLR-"));
            List<TruthRecord> truth =
                    sim.truth().records().stream()
                            .filter(r -> r.type().equals("STALL_REAPPEARED"))
                            .toList();
            if (!scenario.equals("default")) {
                assertThat(truth).as(scenario).isEmpty();
                continue;
            }
            System.out.println(
                    "STALL_REAPPEARED truth (Minhang, default): "
                            + truth.size()
                            + ", chronic "
                            + truth.stream().filter(r -> r.note().contains("3 of 3")).count());
            assertThat(truth).hasSizeGreaterThan(10);
            assertThat(truth).anyMatch(r -> r.note().contains("3 of 3"));
            for (TruthRecord r : truth) {
                // Every reappearance follows a clearance of its spot, 30 to 150 minutes earlier.
                assertThat(clearances)
                        .anyMatch(
                                c ->
                                        c.spotId().equals(r.entityId())
                                                && c.eventTime() < r.from()
                                                && r.from() - c.eventTime() >= 30 * 60_000L
                                                && r.from() - c.eventTime() <= 150 * 60_000L);
            }
        }
    }
}

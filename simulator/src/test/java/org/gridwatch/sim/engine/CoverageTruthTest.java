package org.gridwatch.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.gridwatch.common.city.City;
import org.gridwatch.sim.city.CityGenerator;
import org.gridwatch.sim.city.CitySize;
import org.gridwatch.sim.score.TruthRecord;
import org.junit.jupiter.api.Test;

/** Ground truth of GRID_UNCOVERED: none when officers patrol normally, some when teams skip grids. */
class CoverageTruthTest {
    private static final Instant START = Instant.parse("2026-11-01T11:30:00Z");

    static List<TruthRecord> uncovered(String scenario, CitySize size) throws Exception {
        City city = CityGenerator.generate(1, size, LocalDate.parse("2026-11-01"));
        Scenario s = Scenario.load(scenario).withStart(START, 24 * 60);
        Simulation sim = new Simulation(city, s);
        sim.run(e -> {});
        return sim.truth().records().stream().filter(r -> r.type().equals("GRID_UNCOVERED")).toList();
    }

    @Test
    void normalPatrolShouldNeverLeaveADutyGridUncoveredPastItsGap() throws Exception {
        assertThat(uncovered("lawful", CitySize.SMALL)).isEmpty();
    }

    @Test
    void skippedGridsShouldBeRecordedWithIntervalsInsideDutyHours() throws Exception {
        List<TruthRecord> truth = uncovered("default", CitySize.SMALL);
        System.out.println("GRID_UNCOVERED truth records (small city, default): " + truth.size());
        truth.forEach(r -> System.out.println("  " + r));
        assertThat(truth).isNotEmpty();
        var zone = java.time.ZoneId.of("Asia/Shanghai");
        for (TruthRecord r : truth) {
            assertThat(r.until()).isGreaterThan(r.from());
            var from = Instant.ofEpochMilli(r.from()).atZone(zone).toLocalTime();
            var until = Instant.ofEpochMilli(r.until()).atZone(zone).toLocalTime();
            // Duty 07:00-22:00 and a 2-hour gap: nothing can begin before 09:00 (or before 21:30 on the first evening).
            assertThat(from).isBetween(java.time.LocalTime.of(9, 0), java.time.LocalTime.of(22, 0));
            assertThat(until).isBetween(java.time.LocalTime.of(9, 0), java.time.LocalTime.of(22, 0));
        }
    }
}

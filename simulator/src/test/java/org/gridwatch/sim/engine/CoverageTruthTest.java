package org.gridwatch.sim.engine;

import org.gridwatch.common.city.City;
import org.gridwatch.sim.city.CityGenerator;
import org.gridwatch.sim.city.CitySize;
import org.gridwatch.sim.score.TruthRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ground truth of GRID_UNCOVERED: none when officers patrol normally, some when teams skip grids,
 * and optional (not scored) where the officers' reported fixes and true positions disagree about
 * presence.
 */
class CoverageTruthTest {
    private static final Instant START = Instant.parse("2026-11-01T11:30:00Z");

    static List<TruthRecord> uncovered(String scenario, CitySize size) throws Exception {
        City city = CityGenerator.generate(1, size, LocalDate.parse("2026-11-01"));
        Scenario s = Scenario.load(scenario).withStart(START, 24 * 60);
        Simulation sim = new Simulation(city, s);
        sim.run(e -> {});
        return sim.truth().records().stream()
                .filter(r -> r.type().equals("GRID_UNCOVERED"))
                .toList();
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
            // Duty 07:00-22:00 and a 2-hour gap: nothing can begin before 09:00 (or before 21:30 on
            // the first evening).
            assertThat(from).isBetween(java.time.LocalTime.of(9, 0), java.time.LocalTime.of(22, 0));
            assertThat(until)
                    .isBetween(java.time.LocalTime.of(9, 0), java.time.LocalTime.of(22, 0));
        }
    }

    @Test
    void episodesTheNoisyFixesContradictShouldBeOptionalAndTheRestRequired() {
        var zone = java.time.ZoneId.of("Asia/Shanghai");
        LocalDate day = LocalDate.parse("2026-11-02");
        org.gridwatch.common.geo.LocalProjection proj =
                new org.gridwatch.common.geo.LocalProjection(31.1, 121.4);
        // a 200 m square grid around the origin, duty 07:00-22:00, allowed gap 120 min
        var corners = new org.locationtech.jts.geom.Coordinate[5];
        double[][] xy = {{-100, -100}, {100, -100}, {100, 100}, {-100, 100}, {-100, -100}};
        for (int i = 0; i < 5; i++) {
            corners[i] =
                    new org.locationtech.jts.geom.Coordinate(
                            proj.lon(xy[i][0]), proj.lat(xy[i][1]));
        }
        var grid =
                new org.gridwatch.common.city.Grid(
                        "31011200100101",
                        "310112",
                        "闵行区",
                        "001",
                        "街道",
                        "001",
                        "社区",
                        org.gridwatch.common.rules.DailyWindow.parse("07:00", "22:00"),
                        120,
                        org.gridwatch.common.city.GeoJson.FACTORY.createPolygon(corners));
        java.util.function.Function<String, Long> at =
                hhmm ->
                        day.atTime(java.time.LocalTime.parse(hhmm))
                                .atZone(zone)
                                .toInstant()
                                .toEpochMilli();
        Truth truth = new Truth(at.apply("23:00"));
        CoverageLedger ledger =
                new CoverageLedger(
                        List.of(grid), proj, zone, truth, at.apply("06:00"), at.apply("23:00"));
        double inside = 0;
        double justOutside = 103; // 3 m beyond the east edge
        double justInside = 97;
        ledger.officerAt(inside, 0, inside, 0, at.apply("07:30"));
        ledger.officerAt(
                justOutside,
                0,
                justInside,
                0,
                at.apply("09:20")); // really outside; the fix says inside
        ledger.officerAt(inside, 0, inside, 0, at.apply("11:00"));
        ledger.officerAt(
                justInside,
                0,
                justOutside,
                0,
                at.apply("12:50")); // really inside; the fix says outside
        ledger.officerAt(inside, 0, inside, 0, at.apply("14:00"));
        ledger.step();

        List<TruthRecord> records = truth.records();
        assertThat(records)
                .extracting(
                        r -> Instant.ofEpochMilli(r.from()).atZone(zone).toLocalTime().toString(),
                        r -> Instant.ofEpochMilli(r.until()).atZone(zone).toLocalTime().toString(),
                        TruthRecord::optional)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "09:30", "11:00", true), // the fixes showed an officer at 09:20
                        org.assertj.core.groups.Tuple.tuple(
                                "13:00", "14:00", true), // only the fixes miss the 12:50 visit
                        org.assertj.core.groups.Tuple.tuple(
                                "16:00", "22:00",
                                false)); // nobody from 14:00 on, whatever the noise
    }
}

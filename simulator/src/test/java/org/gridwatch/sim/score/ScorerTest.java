package org.gridwatch.sim.score;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScorerTest {
    private static final long MIN = 60_000;
    private final Scorer scorer = new Scorer(2 * MIN);

    private static TruthRecord truth(String type, String entity, long fromMin, long untilMin) {
        return new TruthRecord(type, entity, fromMin * MIN, untilMin * MIN, "injected");
    }

    private static Detection det(
            String id, String type, String entity, long fromMin, long untilMin) {
        return new Detection(id, type, entity, fromMin * MIN, untilMin * MIN);
    }

    private ScoreRow row(List<ScoreRow> rows, String type) {
        return rows.stream().filter(r -> r.type().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void shouldCountAMatchingEpisodeAsTruePositive() {
        var rows =
                scorer.score(
                        List.of(truth("TRUCK_OVERSPEED", "t1", 10, 20)),
                        List.of(det("a1", "TRUCK_OVERSPEED", "t1", 11, 19)),
                        List.of("TRUCK_OVERSPEED"));
        assertThat(row(rows, "TRUCK_OVERSPEED"))
                .isEqualTo(new ScoreRow("TRUCK_OVERSPEED", 1, 0, 0));
    }

    @Test
    void shouldListEveryMissAndFalseAlarmForPeopleToRead() {
        List<String> mismatches = new java.util.ArrayList<>();
        scorer.score(
                List.of(
                        truth("TRUCK_OVERSPEED", "t1", 10, 20),
                        truth("TRUCK_OVERSPEED", "t2", 10, 20)),
                List.of(
                        det("a1", "TRUCK_OVERSPEED", "t1", 11, 19),
                        det("a3", "TRUCK_OVERSPEED", "t3", 11, 19)),
                List.of("TRUCK_OVERSPEED"),
                mismatches);
        assertThat(mismatches)
                .containsExactly(
                        "missed      TRUCK_OVERSPEED t2 1970-01-01T00:10:00Z..1970-01-01T00:20:00Z injected",
                        "false alarm TRUCK_OVERSPEED t3 1970-01-01T00:11:00Z..1970-01-01T00:19:00Z a3");
    }

    @Test
    void shouldCountAnEpisodeAlertedTwiceAsOneTrueAndOneFalsePositive() {
        var rows =
                scorer.score(
                        List.of(truth("TRUCK_ROUTE_DEVIATION", "t1", 10, 30)),
                        List.of(
                                det("a1", "TRUCK_ROUTE_DEVIATION", "t1", 12, 15),
                                det("a2", "TRUCK_ROUTE_DEVIATION", "t1", 17, 30)),
                        List.of());
        ScoreRow r = row(rows, "TRUCK_ROUTE_DEVIATION");
        assertThat(r).isEqualTo(new ScoreRow("TRUCK_ROUTE_DEVIATION", 1, 1, 0));
        assertThat(r.precision()).isEqualTo(0.5);
        assertThat(r.recall()).isEqualTo(1.0);
    }

    @Test
    void shouldRequireSameEntityAndTypeAndTimeWithinTolerance() {
        var rows =
                scorer.score(
                        List.of(truth("GRID_UNCOVERED", "g1", 100, 110)),
                        List.of(
                                det("a1", "GRID_UNCOVERED", "g2", 100, 110), // wrong entity
                                det("a2", "STALL_REAPPEARED", "g1", 100, 110), // wrong type
                                det(
                                        "a3",
                                        "GRID_UNCOVERED",
                                        "g1",
                                        113,
                                        120)), // starts 3 min after the window, tolerance is 2
                        List.of());
        assertThat(row(rows, "GRID_UNCOVERED")).isEqualTo(new ScoreRow("GRID_UNCOVERED", 0, 2, 1));
        assertThat(row(rows, "STALL_REAPPEARED"))
                .isEqualTo(new ScoreRow("STALL_REAPPEARED", 0, 1, 0));
    }

    @Test
    void shouldAcceptADetectionJustInsideTheTolerance() {
        var rows =
                scorer.score(
                        List.of(truth("NOISE_EXCEEDANCE", "s1", 100, 110)),
                        List.of(det("a1", "NOISE_EXCEEDANCE", "s1", 112, 115)),
                        List.of());
        assertThat(row(rows, "NOISE_EXCEEDANCE").tp()).isEqualTo(1);
    }

    @Test
    void shouldScoreEachEscalationLevelOnItsOwnRow() {
        var rows =
                scorer.score(
                        List.of(
                                truth("CASE_OVERDUE.BLUE", "c1", 60, 61),
                                truth("CASE_OVERDUE.RED", "c1", 240, 241)),
                        List.of(det("c1", "CASE_OVERDUE.BLUE", "c1", 60, 60)),
                        List.of("CASE_OVERDUE.BLUE", "CASE_OVERDUE.YELLOW", "CASE_OVERDUE.RED"));
        assertThat(row(rows, "CASE_OVERDUE.BLUE").tp()).isEqualTo(1);
        assertThat(row(rows, "CASE_OVERDUE.RED").fn()).isEqualTo(1);
        assertThat(row(rows, "CASE_OVERDUE.YELLOW"))
                .isEqualTo(new ScoreRow("CASE_OVERDUE.YELLOW", 0, 0, 0));
    }

    @Test
    void shouldFormatLinesScriptsCanRead() {
        ScoreRow r = new ScoreRow("TRUCK_OVERSPEED", 99, 1, 0);
        assertThat(r.format())
                .isEqualTo("TRUCK_OVERSPEED tp=99 fp=1 fn=0 precision=0.9900 recall=1.0000");
        assertThat(Scorer.overall(List.of(r, new ScoreRow("X", 0, 0, 0))))
                .isEqualTo("precision=0.9900 recall=1.0000");
    }

    @Test
    void aCleanScenarioWithNoAlertsIsPerfect() {
        assertThat(new ScoreRow("T", 0, 0, 0).precision()).isEqualTo(1.0);
        assertThat(new ScoreRow("T", 0, 0, 0).recall()).isEqualTo(1.0);
        assertThat(new ScoreRow("T", 0, 0, 3).recall()).isEqualTo(0.0);
    }

    @Test
    void shouldNeitherRewardNorPunishAlertsForEpisodesTheInputCannotDecide() {
        TruthRecord ambiguousAlerted =
                new TruthRecord(
                        "GRID_UNCOVERED", "g1", 100 * MIN, 120 * MIN, "noise near the edge", true);
        TruthRecord ambiguousQuiet =
                new TruthRecord(
                        "GRID_UNCOVERED", "g2", 100 * MIN, 120 * MIN, "noise near the edge", true);
        List<String> mismatches = new java.util.ArrayList<>();
        var rows =
                scorer.score(
                        List.of(
                                truth("GRID_UNCOVERED", "g1", 300, 320),
                                ambiguousAlerted,
                                ambiguousQuiet),
                        List.of(
                                det("a1", "GRID_UNCOVERED", "g1", 101, 118),
                                det("a2", "GRID_UNCOVERED", "g1", 301, 320),
                                det("a3", "GRID_UNCOVERED", "g1", 500, 510)),
                        List.of("GRID_UNCOVERED"),
                        mismatches);
        // a2 is the one required episode; a1 falls on an optional one and is not counted; a3
        // matches nothing
        assertThat(row(rows, "GRID_UNCOVERED")).isEqualTo(new ScoreRow("GRID_UNCOVERED", 1, 1, 0));
        assertThat(mismatches)
                .contains(
                        "not scored  GRID_UNCOVERED g1 1970-01-01T01:40:00Z..1970-01-01T02:00:00Z (alerted) noise near the edge",
                        "not scored  GRID_UNCOVERED g2 1970-01-01T01:40:00Z..1970-01-01T02:00:00Z (not alerted) noise near the edge");
    }

    @Test
    void shouldMatchRequiredEpisodesBeforeOptionalOnes() {
        // one alert overlapping both: it is the required episode's true positive, not swallowed by
        // the optional one
        var rows =
                scorer.score(
                        List.of(
                                new TruthRecord(
                                        "GRID_UNCOVERED",
                                        "g1",
                                        90 * MIN,
                                        105 * MIN,
                                        "optional",
                                        true),
                                truth("GRID_UNCOVERED", "g1", 104, 130)),
                        List.of(det("a1", "GRID_UNCOVERED", "g1", 100, 120)),
                        List.of("GRID_UNCOVERED"));
        assertThat(row(rows, "GRID_UNCOVERED")).isEqualTo(new ScoreRow("GRID_UNCOVERED", 1, 0, 0));
    }
}

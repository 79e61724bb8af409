package org.gridwatch.sim.score;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertDetectionsTest {
    private static JsonNode doc(String json) {
        return Json.read(json.replace('\'', '"'));
    }

    private static long t(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void revisionsOfOneEpisodeShouldBeOneDetectionSpanningTheEpisode() {
        List<Detection> d =
                AlertDetections.from(
                        List.of(
                                doc(
                                        "{'alertId':'a1','type':'TRUCK_OVERSPEED','revision':0,'entityId':'T1','episodeStart':'2026-11-01T12:00:00Z','episodeEnd':null,'eventTime':'2026-11-01T12:00:00Z','levelTimes':{}}"),
                                doc(
                                        "{'alertId':'a1','type':'TRUCK_OVERSPEED','revision':2,'entityId':'T1','episodeStart':'2026-11-01T12:00:00Z','episodeEnd':'2026-11-01T12:07:00Z','eventTime':'2026-11-01T12:07:00Z','levelTimes':{}}"),
                                doc(
                                        "{'alertId':'a1','type':'TRUCK_OVERSPEED','revision':1,'entityId':'T1','episodeStart':'2026-11-01T12:00:00Z','episodeEnd':null,'eventTime':'2026-11-01T12:03:00Z','levelTimes':{}}")));

        assertThat(d)
                .containsExactly(
                        new Detection(
                                "a1",
                                "TRUCK_OVERSPEED",
                                "T1",
                                t("2026-11-01T12:00:00Z"),
                                t("2026-11-01T12:07:00Z")));
    }

    @Test
    void anOpenEpisodeShouldLastUntilItsLatestUpdate() {
        List<Detection> d =
                AlertDetections.from(
                        List.of(
                                doc(
                                        "{'alertId':'g','type':'GRID_UNCOVERED','revision':1,'entityId':'310112001001','episodeStart':'2026-11-01T01:00:00Z','episodeEnd':null,'eventTime':'2026-11-01T02:00:00Z'}")));

        assertThat(d.get(0).until()).isEqualTo(t("2026-11-01T02:00:00Z"));
    }

    @Test
    void aLadderedAlertShouldYieldOneDetectionPerLevelAtTheTimeItWasReached() {
        List<Detection> d =
                AlertDetections.from(
                        List.of(
                                doc(
                                        "{'alertId':'c','type':'CASE_OVERDUE','revision':1,'entityId':'C9','episodeStart':'2026-11-01T01:00:00Z','episodeEnd':null,'eventTime':'2026-11-01T05:00:00Z',"
                                                + "'levelTimes':{'BLUE':'2026-11-01T03:00:00Z','YELLOW':'2026-11-01T05:00:00Z'}}")));

        assertThat(d)
                .extracting(Detection::type)
                .containsExactlyInAnyOrder("CASE_OVERDUE.BLUE", "CASE_OVERDUE.YELLOW");
        assertThat(d)
                .filteredOn(x -> x.type().endsWith("YELLOW"))
                .extracting(Detection::from)
                .containsExactly(t("2026-11-01T05:00:00Z"));
    }

    @Test
    void theScoredWindowShouldIgnoreAlertsThatBeginAfterTheScenarioEnds() {
        List<TruthRecord> truth =
                List.of(new TruthRecord("TRUCK_SIGNAL_LOST", "T1", 1_000, 2_000, ""));
        List<Detection> dets =
                List.of(
                        new Detection("x", "TRUCK_SIGNAL_LOST", "T1", 1_500, 1_500),
                        new Detection("y", "TRUCK_SIGNAL_LOST", "T2", 9_000, 9_000));

        ScoreRow row =
                Scoring.score(truth, dets, 5_000, 0).stream()
                        .filter(r -> r.type().equals("TRUCK_SIGNAL_LOST"))
                        .findFirst()
                        .orElseThrow();
        assertThat(row.tp()).isEqualTo(1);
        assertThat(row.fp()).isZero();
        assertThat(Scoring.catalogueRows())
                .contains("CASE_OVERDUE.RED", "NOISE_EXCEEDANCE")
                .doesNotContain("CASE_OVERDUE");
    }

    @Test
    void truthFilesShouldRoundTrip(@TempDir Path dir) throws Exception {
        List<TruthRecord> truth =
                List.of(
                        new TruthRecord(
                                "GRID_UNCOVERED",
                                "310112001001",
                                t("2026-11-01T01:00:00Z"),
                                t("2026-11-01T01:10:00Z"),
                                "skipped"));
        TruthFiles.write(truth, dir.resolve("truth.ndjson"));
        assertThat(TruthFiles.read(dir.resolve("truth.ndjson"))).isEqualTo(truth);
    }
}

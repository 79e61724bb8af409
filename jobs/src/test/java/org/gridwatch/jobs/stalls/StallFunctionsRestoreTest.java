package org.gridwatch.jobs.stalls;

import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

import org.gridwatch.common.city.CityCodec;
import org.gridwatch.common.city.Device;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.model.Severity;
import org.gridwatch.jobs.testing.RestoreRoundTrip;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both stall functions keep their timeline, chronic count, open alert, buffers and timers across a
 * restore.
 */
class StallFunctionsRestoreTest {
    private static final long T0 = Instant.parse("2026-11-02T02:00:00Z").toEpochMilli();
    private static final long MIN = 60_000;
    private static final long H = 60 * MIN;
    private static final long DAY = 24 * H;

    private static SpotEvent detected(long t) {
        return new SpotEvent("S1", SpotEvent.DETECTED, t, "CAM-S1", 31.1, 121.4, -1);
    }

    private static SpotEvent cleared(long t, String caseId) {
        return new SpotEvent("S1", SpotEvent.CLEARED, t, caseId, 31.1, 121.4, -1);
    }

    @Test
    void shouldEndAPresenceFromATimerSetBeforeTheRestoreAndKeepTheTimeline() throws Exception {
        var result =
                RestoreRoundTrip.of(
                                () ->
                                        RestoreRoundTrip.keyed(
                                                new SpotTimelineFunction(
                                                        30 * MIN, 10 * MIN, 4 * DAY),
                                                SpotEvent::spotId))
                        .run(
                                h -> {
                                    for (long t = T0; t < T0 + 5 * MIN; t += 10_000) {
                                        h.processElement(detected(t), t);
                                    }
                                    h.processWatermark(
                                            T0 + 4 * MIN); // the last minute of reports is
                                    // still buffered
                                },
                                h -> {
                                    h.processWatermark(
                                            T0 + 5 * MIN + 30 * MIN); // no reports since: gone, by
                                    // the restored timer
                                    h.processElement(detected(T0 + 2 * H), T0 + 2 * H);
                                    h.processElement(
                                            cleared(T0 + 2 * H + 10 * MIN, "C1"),
                                            T0 + 2 * H + 10 * MIN);
                                    h.processElement(
                                            detected(T0 + 2 * H + 12 * MIN),
                                            T0 + 2 * H
                                                    + 12 * MIN); // packing up after the clearance
                                    h.processWatermark(T0 + 2 * H + 20 * MIN);
                                    h.processWatermark(T0 + 2 * H + 10 * MIN + 4 * DAY);
                                })
                        .assertSameAsUninterrupted();

        assertThat(result.restored().beforeSplit().values())
                .map(v -> ((SpotEvent) v).kind())
                .containsExactly(SpotEvent.APPEARED);
        assertThat(result.afterRestore().values())
                .map(v -> ((SpotEvent) v).kind() + "@" + (((SpotEvent) v).time() - T0) / 1000)
                .containsExactly("GONE@290", "APPEARED@7200", "CLEARED@7800");
        assertThat(result.restored().atEnd().keyedStateEntries()).isZero();
        assertThat(result.restored().atEnd().eventTimeTimers()).isZero();
    }

    private static SpotEvent reappeared(long t, long since) {
        return new SpotEvent("S3", SpotEvent.REAPPEARED, t, "CAM-S3", 31.1, 121.4, since);
    }

    private static SpotEvent clearedS3(long t) {
        return new SpotEvent("S3", SpotEvent.CLEARED, t, "C-" + t, 31.1, 121.4, -1);
    }

    @Test
    void shouldCountReappearancesFromBeforeTheRestoreTowardsAChronicSpot() throws Exception {
        // The camera's grid comes from the reference only: the alerts carry it if broadcast state
        // was restored.
        Device camera =
                new Device("CAM-S3", Device.Kind.CAMERA, 31.1, 121.4, "S3", "31011200100101", null);
        var result =
                RestoreRoundTrip.of(
                                () ->
                                        RestoreRoundTrip.keyedBroadcast(
                                                new StallAlertFunction(
                                                        new ReferenceHolder(
                                                                null, ZoneId.of("Asia/Shanghai"))),
                                                SpotEvent::spotId,
                                                ReferenceHolder.STATE))
                        .broadcastState(ReferenceHolder.STATE)
                        .run(
                                (KeyedBroadcastOperatorTestHarness<
                                                        String, SpotEvent, ReferenceUpdate, Alert>
                                                h) -> {
                                    h.processBroadcastElement(
                                            new ReferenceUpdate(
                                                    "DEVICE",
                                                    camera.deviceId(),
                                                    "UPSERT",
                                                    0,
                                                    Json.text(CityCodec.device(camera))),
                                            0);
                                    h.processBroadcastWatermark(Long.MAX_VALUE);
                                    h.processElement(
                                            reappeared(T0 + 2 * H, T0 + 10 * MIN), T0 + 2 * H);
                                    h.processElement(
                                            clearedS3(T0 + 2 * H + 10 * MIN),
                                            T0 + 2 * H + 10 * MIN);
                                    h.processElement(
                                            reappeared(T0 + 4 * H, T0 + 2 * H + 10 * MIN),
                                            T0 + 4 * H);
                                    h.processWatermark(
                                            T0 + 4 * H); // the second alert is open at the snapshot
                                    h.processElement(
                                            clearedS3(T0 + 4 * H + 10 * MIN),
                                            T0 + 4 * H + 10 * MIN); // buffered at the snapshot
                                },
                                h -> {
                                    h.processBroadcastWatermark(
                                            Long.MAX_VALUE); // input watermarks are not state:
                                    // the reference side must again
                                    // hold nothing back
                                    h.processElement(
                                            reappeared(T0 + 6 * H, T0 + 4 * H + 10 * MIN),
                                            T0 + 6 * H);
                                    h.processWatermark(T0 + 6 * H);
                                    h.processWatermark(
                                            T0 + 6 * H + 7 * DAY); // the chronic window ends: the
                                    // open alert closes, the count
                                    // goes
                                })
                        .assertSameAsUninterrupted();

        List<Alert> after = result.afterRestore().values().stream().map(v -> (Alert) v).toList();
        assertThat(after)
                .extracting(a -> a.status() + "@" + (a.episodeStart() - T0) / H)
                .containsExactly("CLOSED@4", "OPEN@6", "CLOSED@6");
        Alert chronic = after.get(1);
        assertThat(chronic.level())
                .as("third reappearance in 7 days, two of them before the restore")
                .isEqualTo(StallAlertFunction.CHRONIC_LEVEL);
        assertThat(chronic.severity()).isEqualTo(Severity.HIGH);
        assertThat(chronic.gridCode()).isEqualTo(camera.gridCode());
        assertThat(after.get(0).alertId())
                .isEqualTo(((Alert) result.restored().beforeSplit().values().get(2)).alertId());
        assertThat(after.get(0).status()).isEqualTo(AlertStatus.CLOSED);
        assertThat(result.restored().atEnd().keyedStateEntries()).isZero();
    }
}

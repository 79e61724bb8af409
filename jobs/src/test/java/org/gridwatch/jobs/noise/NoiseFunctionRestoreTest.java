package org.gridwatch.jobs.noise;

import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

import org.gridwatch.common.city.CityCodec;
import org.gridwatch.common.city.Device;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.model.IotEventKind;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.jobs.noise.logic.NoiseDocuments;
import org.gridwatch.jobs.testing.Normalize;
import org.gridwatch.jobs.testing.RestoreRoundTrip;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The noise rule keeps open windows, the open alert, the hour aggregate, its timers and the
 * sensor's zone class across a restore.
 */
class NoiseFunctionRestoreTest {
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    private static final long W = 300_000;
    private static final long T =
            LocalDateTime.parse("2026-11-02T23:00").atZone(SH).toInstant().toEpochMilli();

    private static void reading(
            KeyedBroadcastOperatorTestHarness<String, IotEvent, ReferenceUpdate, Alert> h,
            long end,
            double laeq,
            double lmax)
            throws Exception {
        h.processElement(
                new IotEvent(
                        "NS0001",
                        IotEventKind.NOISE_READING,
                        end,
                        31.1,
                        121.4,
                        null,
                        null,
                        laeq,
                        lmax,
                        300),
                end);
    }

    @Test
    void shouldCloseANightAlertOpenedBeforeTheRestoreAndForgetTheSensorOnTime() throws Exception {
        // The zone class comes from the reference only: without the restored broadcast state the
        // readings would be dropped.
        Device d =
                new Device(
                        "NS0001",
                        Device.Kind.NOISE_SENSOR,
                        31.1,
                        121.4,
                        null,
                        null,
                        "construction");
        var result =
                RestoreRoundTrip.of(
                                () ->
                                        RestoreRoundTrip.keyedBroadcast(
                                                new NoiseFunction(new ReferenceHolder(null, SH)),
                                                IotEvent::deviceId,
                                                ReferenceHolder.STATE))
                        .sideOutputs(NoiseFunction.NOISE_DOCS)
                        .broadcastState(ReferenceHolder.STATE)
                        .normalizing(Normalize.outputs(false))
                        .run(
                                h -> {
                                    h.processBroadcastElement(
                                            new ReferenceUpdate(
                                                    "DEVICE",
                                                    d.deviceId(),
                                                    "UPSERT",
                                                    0,
                                                    Json.text(CityCodec.device(d))),
                                            0);
                                    h.processBroadcastWatermark(Long.MAX_VALUE);
                                    reading(h, T + 2 * W, 58, 62);
                                    reading(h, T + W, 57, 74); // out of order within the bound
                                    h.processWatermark(T + 2 * W);
                                    reading(
                                            h, T + 3 * W, 50,
                                            60); // its window is still open at the snapshot
                                },
                                h -> {
                                    h.processBroadcastWatermark(
                                            Long.MAX_VALUE); // input watermarks are not state:
                                    // the reference side must again
                                    // hold nothing back
                                    reading(h, T + 4 * W, 50, 60);
                                    h.processWatermark(T + 4 * W);
                                    h.processWatermark(T + 4 * W + 3_600_000 + 600_000);
                                })
                        .assertSameAsUninterrupted();

        List<Alert> before =
                result.restored().beforeSplit().values().stream().map(v -> (Alert) v).toList();
        List<Alert> after = result.afterRestore().values().stream().map(v -> (Alert) v).toList();
        assertThat(before).extracting(Alert::status).containsExactly(AlertStatus.OPEN);
        assertThat(after).extracting(Alert::status).containsExactly(AlertStatus.CLOSED);
        assertThat(after.get(0).alertId()).isEqualTo(before.get(0).alertId());
        assertThat(after.get(0).episodeEnd()).isEqualTo(T + 2 * W);
        assertThat(result.afterRestore().values(NoiseFunction.NOISE_DOCS))
                .as("the last hour, with windows from both sides of the restore")
                .filteredOn(doc -> doc.index().equals(NoiseDocuments.INDEX))
                .singleElement()
                .satisfies(
                        doc ->
                                assertThat(Json.read(doc.json()).get("windows").asInt())
                                        .isEqualTo(4));
        assertThat(result.restored().atEnd().keyedStateEntries()).isZero();
    }
}

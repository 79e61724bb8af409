package org.gridwatch.jobs.noise;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

import org.gridwatch.common.city.CityCodec;
import org.gridwatch.common.city.Device;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.model.IotEventKind;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.model.Severity;
import org.gridwatch.jobs.noise.logic.NoiseDocuments;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NoiseFunctionTest {
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    private static final long W = 300_000;

    static long local(String t) {
        return LocalDateTime.parse(t).atZone(SH).toInstant().toEpochMilli();
    }

    private KeyedBroadcastOperatorTestHarness<String, IotEvent, ReferenceUpdate, Alert> harness()
            throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new NoiseFunction(new ReferenceHolder(null, SH)),
                        IotEvent::deviceId,
                        Types.STRING,
                        ReferenceHolder.STATE);
        Device d =
                new Device(
                        "NS0001",
                        Device.Kind.NOISE_SENSOR,
                        31.1,
                        121.4,
                        null,
                        null,
                        "construction");
        h.processBroadcastElement(
                new ReferenceUpdate(
                        "DEVICE", d.deviceId(), "UPSERT", 0, Json.text(CityCodec.device(d))),
                0);
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
    }

    private static void reading(
            KeyedBroadcastOperatorTestHarness<String, IotEvent, ReferenceUpdate, Alert> h,
            long end,
            double laeq,
            double lmax)
            throws Exception {
        h.processElement(
                new StreamRecord<>(
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
                        end));
    }

    @Test
    void shouldRaiseNightConstructionAtOnceCloseItAndForgetASilentSensor() throws Exception {
        try (var h = harness()) {
            long t = local("2026-11-02T23:00");
            // Out of order within the window bound, and one duplicate: the result is the same.
            reading(h, t + 2 * W, 58, 62);
            reading(h, t + W, 57, 74);
            reading(h, t + W, 57, 74);
            h.processWatermark(t + 2 * W);
            List<Alert> a = h.extractOutputValues();
            assertThat(a).hasSize(1);
            assertThat(a.get(0).status()).isEqualTo(AlertStatus.OPEN);
            assertThat(a.get(0).episodeStart()).isEqualTo(t);
            assertThat(a.get(0).severity()).isEqualTo(Severity.HIGH);
            assertThat(a.get(0).attributes())
                    .containsEntry("trigger", "NIGHT_LMAX")
                    .containsEntry("limitDb", "55.0");
            assertThat(a.get(0).alertId()).isEqualTo("NOISE_EXCEEDANCE:NS0001:20261102T150000Z");
            reading(h, t + 3 * W, 50, 60);
            reading(h, t + 4 * W, 50, 60);
            h.processWatermark(t + 4 * W);
            a = h.extractOutputValues();
            assertThat(a).hasSize(2);
            assertThat(a.get(1).status()).isEqualTo(AlertStatus.CLOSED);
            assertThat(a.get(1).episodeEnd()).isEqualTo(t + 2 * W);
            // Silence: an hour later (rounded to 10 min) the state is gone and the last hour's
            // document written.
            h.processWatermark(t + 4 * W + 3_600_000 + 600_000);
            assertThat(
                            ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>)
                                            h.getOperator().getKeyedStateBackend())
                                    .numKeyValueStateEntries())
                    .isZero();
            var docs =
                    h.getSideOutput(NoiseFunction.NOISE_DOCS).stream()
                            .map(StreamRecord::getValue)
                            .filter(d -> d.index().equals(NoiseDocuments.INDEX))
                            .toList();
            assertThat(docs).hasSize(1);
            var doc = Json.read(docs.get(0).json());
            assertThat(doc.get("sensorId").asText()).isEqualTo("NS0001");
            assertThat(doc.get("limit").asDouble()).isEqualTo(55.0);
            assertThat(doc.get("windowsOver").asInt()).isEqualTo(2);
            assertThat(doc.get("lmax").asDouble()).isEqualTo(74.0);
        }
    }

    /**
     * Issue 19: two windows over the limit, the first louder. The episode opens at HIGH with the
     * first window's peaks and both windows as evidence; a later HIGH window is no new revision.
     */
    @Test
    void shouldTakeSeverityPeaksAndEvidenceFromEveryWindowOfTheOpeningRun() throws Exception {
        try (var h = harness()) {
            // Construction by day: 70 dB(A). 81.5 is more than 10 over (HIGH), 73 is not (MEDIUM).
            long t = local("2026-11-02T10:00");
            reading(h, t + W, 81.5, 95.2);
            reading(h, t + 2 * W, 73, 80);
            h.processWatermark(t + 2 * W);
            List<Alert> a = h.extractOutputValues();
            assertThat(a).hasSize(1);
            Alert open = a.get(0);
            assertThat(open.status()).isEqualTo(AlertStatus.OPEN);
            assertThat(open.episodeStart()).isEqualTo(t);
            assertThat(open.severity()).isEqualTo(Severity.HIGH);
            assertThat(open.attributes())
                    .containsEntry("peakLaeqDb", "81.5")
                    .containsEntry("peakLmaxDb", "95.2")
                    .containsEntry("trigger", "LAEQ_SUSTAINED")
                    .containsEntry("limitDb", "70.0");
            assertThat(open.evidence()).extracting(e -> e.eventTime()).containsExactly(t, t + W);
            assertThat(open.evidence().get(0).detail())
                    .isEqualTo("LAeq 81.5 dB(A), Lmax 95.2 dB(A)");
            // Another HIGH window: already HIGH, so no UPDATED revision; then two quiet windows
            // close it.
            reading(h, t + 3 * W, 82, 90);
            reading(h, t + 4 * W, 60, 65);
            reading(h, t + 5 * W, 60, 65);
            h.processWatermark(t + 5 * W);
            a = h.extractOutputValues();
            assertThat(a)
                    .extracting(Alert::status)
                    .containsExactly(AlertStatus.OPEN, AlertStatus.CLOSED);
            assertThat(a.get(1).attributes()).containsEntry("peakLaeqDb", "82.0");
            assertThat(a.get(1).evidence()).hasSize(3);
        }
    }

    /**
     * Issue 19: a reading from a device neither registered nor in a noise zone is dead-lettered,
     * not silently dropped.
     */
    @Test
    void shouldDeadLetterAReadingFromAnUnregisteredDeviceOutsideEveryNoiseZone() throws Exception {
        try (var h = harness()) {
            long t = local("2025-03-21T00:00:30");
            h.processElement(
                    new StreamRecord<>(
                            new IotEvent(
                                    "NS-UNKNOWN-7",
                                    IotEventKind.NOISE_READING,
                                    t,
                                    31.2,
                                    121.5,
                                    null,
                                    null,
                                    66.0,
                                    80.0,
                                    60),
                            t));
            h.processWatermark(t + W);
            assertThat(h.extractOutputValues()).isEmpty();
            var dead = h.getSideOutput(NoiseFunction.DEAD_LETTERS);
            assertThat(dead).hasSize(1);
            var d = dead.iterator().next().getValue();
            assertThat(d.reasonCode())
                    .isEqualTo(org.gridwatch.common.model.ReasonCodes.UNKNOWN_DEVICE)
                    .isEqualTo("unknown_device");
            assertThat(d.sourceTopic()).isEqualTo("gridwatch.iot");
            assertThat(d.key()).isEqualTo("NS-UNKNOWN-7");
            assertThat(d.reason()).contains("NS-UNKNOWN-7", "not registered", "noise zone");
            var original = Json.read(d.original());
            assertThat(original.get("time").asText()).isEqualTo("2025-03-20T16:00:30Z");
            assertThat(original.get("laeq").asDouble()).isEqualTo(66.0);
            // Nothing kept for it: no timers, no state.
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(
                            ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>)
                                            h.getOperator().getKeyedStateBackend())
                                    .numKeyValueStateEntries())
                    .isZero();
            // The registered sensor is read as before.
            reading(h, t + W, 50, 60);
            assertThat(h.getSideOutput(NoiseFunction.DEAD_LETTERS)).hasSize(1);
            assertThat(h.numEventTimeTimers()).isPositive();
        }
    }

    /**
     * Issue 19: an hour of one-minute readings gives 12 window documents, quiet or loud, each with
     * the energy average of its five readings, computed here from the readings on their own.
     */
    @Test
    void shouldWriteTwelveWindowDocumentsForAnHourWithTheirEnergyAverages() throws Exception {
        try (var h = harness()) {
            long t = local("2026-11-02T09:00");
            double[] levels = new double[60];
            for (int m = 0; m < 60; m++) {
                // A saw-tooth with a loud spell (windows 4 and 5) and an out-of-order arrival in
                // each window.
                levels[m] = 52 + (m % 7) * 1.5 + (m >= 20 && m < 30 ? 25 : 0);
            }
            for (int m = 0; m < 60; m++) {
                int sent = m % 5 == 3 ? m + 1 : m % 5 == 4 ? m - 1 : m;
                h.processElement(
                        new StreamRecord<>(
                                new IotEvent(
                                        "NS0001",
                                        IotEventKind.NOISE_READING,
                                        t + (sent + 1) * 60_000L,
                                        31.1,
                                        121.4,
                                        null,
                                        null,
                                        levels[sent],
                                        levels[sent] + 3,
                                        60),
                                t + (sent + 1) * 60_000L));
            }
            h.processWatermark(t + 3_600_000);

            var windows =
                    h.getSideOutput(NoiseFunction.NOISE_DOCS).stream()
                            .map(StreamRecord::getValue)
                            .filter(d -> d.index().equals(NoiseDocuments.WINDOWS_INDEX))
                            .toList();
            assertThat(windows).hasSize(12);
            for (int w = 0; w < 12; w++) {
                double energy = 0;
                double lmax = 0;
                for (int m = 5 * w; m < 5 * w + 5; m++) {
                    energy += Math.pow(10, levels[m] / 10);
                    lmax = Math.max(lmax, levels[m] + 3);
                }
                double expected = 10 * Math.log10(energy / 5);
                var doc = Json.read(windows.get(w).json());
                String start = java.time.Instant.ofEpochMilli(t + w * W).toString();
                assertThat(windows.get(w).id()).isEqualTo("NS0001@" + start);
                assertThat(doc.get("windowStart").asText()).isEqualTo(start);
                assertThat(doc.get("laeq").asDouble())
                        .as("window %d", w)
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(0.005));
                assertThat(doc.get("lmax").asDouble()).isEqualTo(lmax);
                assertThat(doc.get("readings").asInt()).isEqualTo(5);
                assertThat(doc.get("coverage").asDouble()).isEqualTo(1.0);
                assertThat(doc.get("limit").asDouble()).isEqualTo(70.0);
                assertThat(doc.get("exceeded").asBoolean()).isEqualTo(expected > 70);
            }
            assertThat(windows)
                    .filteredOn(d -> Json.read(d.json()).get("exceeded").asBoolean())
                    .hasSize(2);
            // The two loud windows opened an episode; the documents do not depend on it.
            assertThat(h.extractOutputValues())
                    .extracting(Alert::status)
                    .containsExactly(AlertStatus.OPEN, AlertStatus.CLOSED);
        }
    }
}

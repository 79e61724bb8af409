package org.gridwatch.jobs.noise.logic;

import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.city.CityCodec;
import org.gridwatch.common.city.Device;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.model.IotEventKind;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.model.Severity;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.common.rules.NoiseLimits;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The noise decisions without Flink: readings in, alert revisions, documents and what to keep out.
 */
class NoiseDecisionsTest {
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    private static final long W = 300_000;
    private static final long HOUR = 3_600_000;
    private static final NoiseParameters PARAMS =
            new NoiseParameters(NoiseLimits.defaults(SH), W, 2, 2, HOUR);

    private final NoiseDecisions detection = new NoiseDecisions(reference(), PARAMS);
    private final List<Alert> alerts = new ArrayList<>();
    private final List<String> documents = new ArrayList<>();
    private final List<String> windows = new ArrayList<>();
    private NoiseExceedance rule;
    private Episode episode;
    private NoiseHour hour;

    private static CityReference reference() {
        CityReference ref = new CityReference(SH);
        for (Device d :
                List.of(
                        new Device(
                                "NS0001",
                                Device.Kind.NOISE_SENSOR,
                                31.1,
                                121.4,
                                null,
                                null,
                                "construction"),
                        new Device(
                                "NS0002",
                                Device.Kind.NOISE_SENSOR,
                                31.1,
                                121.4,
                                null,
                                null,
                                "no-such-class"))) {
            ref.apply(
                    new ReferenceUpdate(
                            "DEVICE", d.deviceId(), "UPSERT", 0, Json.text(CityCodec.device(d))));
        }
        return ref;
    }

    static long local(String t) {
        return LocalDateTime.parse(t).atZone(SH).toInstant().toEpochMilli();
    }

    private static IotEvent reading(String device, long end, double laeq, Double lmax) {
        return new IotEvent(
                device, IotEventKind.NOISE_READING, end, 31.1, 121.4, null, null, laeq, lmax, 300);
    }

    private NoiseDecisions.Reading read(long end, double laeq, double lmax) {
        NoiseDecisions.Reading r = detection.read(rule, reading("NS0001", end, laeq, lmax), 7);
        if (r.verdict() == NoiseDecisions.Verdict.ACCEPTED) {
            rule = r.rule();
        }
        return r;
    }

    private NoiseDecisions.Closing close(long to) {
        NoiseDecisions.Closing c = detection.close(rule, episode, hour, "NS0001", to, 9);
        alerts.addAll(c.alerts());
        c.documents().stream()
                .filter(d -> d.index().equals(NoiseDocuments.INDEX))
                .forEach(d -> documents.add(d.id() + " " + d.json()));
        c.documents().stream()
                .filter(d -> d.index().equals(NoiseDocuments.WINDOWS_INDEX))
                .forEach(d -> windows.add(d.id() + " " + d.json()));
        episode = c.episode();
        hour = c.hour();
        return c;
    }

    @Test
    void shouldDeadLetterAnUnknownDeviceAndOnlyCountAnUnknownClass() {
        NoiseDecisions.Reading unknown =
                detection.read(
                        null,
                        new IotEvent(
                                "NS9",
                                IotEventKind.NOISE_READING,
                                60_000,
                                31.2,
                                121.5,
                                null,
                                null,
                                66.0,
                                null,
                                60),
                        42);
        assertThat(unknown.verdict()).isEqualTo(NoiseDecisions.Verdict.UNKNOWN_DEVICE);
        assertThat(unknown.rule()).isNull();
        assertThat(unknown.deadLetter().reasonCode()).isEqualTo("unknown_device");
        assertThat(unknown.deadLetter().original())
                .isEqualTo(
                        "{\"deviceId\":\"NS9\",\"kind\":\"NOISE_READING\",\"time\":\"1970-01-01T00:01:00Z\",\"lat\":31.2,\"lon\":121.5,\"laeq\":66.0,\"interval\":60}");
        assertThat(detection.read(null, reading("NS0002", 60_000, 66, null), 0).verdict())
                .isEqualTo(NoiseDecisions.Verdict.UNKNOWN_CLASS);
        assertThat(
                        NoiseDecisions.isReading(
                                new IotEvent(
                                        "NS0001",
                                        IotEventKind.NOISE_READING,
                                        1,
                                        0,
                                        0,
                                        null,
                                        null,
                                        null,
                                        null,
                                        60)))
                .isFalse();
    }

    @Test
    void shouldScheduleTheWindowEndAndARoundedSilenceCheckOnlyForTheNewestReading() {
        long t = local("2026-11-02T10:00");
        NoiseDecisions.Reading first = read(t + W, 60, 65);
        assertThat(first.verdict()).isEqualTo(NoiseDecisions.Verdict.ACCEPTED);
        assertThat(first.closeAt()).isEqualTo(t + W);
        assertThat(first.silenceAt()).isEqualTo(t + HOUR + 10 * 60_000);
        NoiseDecisions.Reading older = read(t + W - 60_000, 60, 65);
        assertThat(older.closeAt()).isEqualTo(t + W);
        assertThat(older.silenceAt()).isEqualTo(-1);
        assertThat(read(t + W, 60, 65).verdict())
                .isEqualTo(NoiseDecisions.Verdict.LATE_OR_DUPLICATE);
    }

    @Test
    void shouldOpenFromTheWholeRunRaiseSeverityOnceAndCloseAfterTwoQuietWindows() {
        // Construction by day: limit 70. 75 is MEDIUM, 81.5 more than 10 over is HIGH.
        long t = local("2026-11-02T10:00");
        read(t + W, 75, 80);
        read(t + 2 * W, 73, 78);
        close(t + 2 * W);
        assertThat(alerts)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.status()).isEqualTo(AlertStatus.OPEN);
                            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
                            assertThat(a.episodeStart()).isEqualTo(t);
                            assertThat(a.eventTime()).isEqualTo(t + 2 * W);
                            assertThat(a.detectedAt()).isEqualTo(9);
                            assertThat(a.messageZh())
                                    .isEqualTo(
                                            "噪声传感器NS0001 5分钟等效声级75.0 dB(A)持续超过construction类区限值70 dB(A)");
                            assertThat(a.messageEn())
                                    .isEqualTo(
                                            "Sensor NS0001: 5-minute LAeq 75.0 dB(A) stays over the class construction limit of 70 dB(A)");
                            assertThat(a.attributes())
                                    .containsEntry("peakLaeqDb", "75.0")
                                    .containsEntry("peakLmaxDb", "80.0")
                                    .containsEntry("night", "false")
                                    .containsEntry("trigger", "LAEQ_SUSTAINED");
                            assertThat(a.evidence())
                                    .extracting(e -> e.detail())
                                    .containsExactly(
                                            "LAeq 75.0 dB(A), Lmax 80.0 dB(A)",
                                            "LAeq 73.0 dB(A), Lmax 78.0 dB(A)");
                        });
        assertThat(episode).isNotNull();

        read(t + 3 * W, 81.5, 90);
        read(t + 4 * W, 82, 90);
        close(t + 4 * W);
        assertThat(alerts)
                .extracting(Alert::status, Alert::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AlertStatus.OPEN, Severity.MEDIUM),
                        org.assertj.core.groups.Tuple.tuple(AlertStatus.UPDATED, Severity.HIGH));

        read(t + 5 * W, 60, 65);
        read(t + 6 * W, 61, 65);
        NoiseDecisions.Closing c = close(t + 6 * W);
        Alert closed = alerts.get(2);
        assertThat(closed.status()).isEqualTo(AlertStatus.CLOSED);
        assertThat(closed.episodeEnd()).isEqualTo(t + 4 * W);
        assertThat(closed.messageEn())
                .isEqualTo("Sensor NS0001 back within the limit (LAeq 61.0 dB(A), limit 70)");
        assertThat(closed.messageZh()).isEqualTo("噪声传感器NS0001已恢复达标（LAeq 61.0 dB(A)，限值70）");
        assertThat(c.episode()).isNull();
        assertThat(c.forget()).isFalse();
    }

    @Test
    void shouldCloseAtOnceOnANightBurstAndForgetASilentSensorWithItsLastHour() {
        long t = local("2026-11-02T23:00");
        read(t + W, 50, 74);
        close(t + W);
        assertThat(alerts)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.severity()).isEqualTo(Severity.HIGH);
                            assertThat(a.attributes())
                                    .containsEntry("trigger", "NIGHT_LMAX")
                                    .containsEntry("limitDb", "55.0")
                                    .containsEntry("night", "true");
                            assertThat(a.messageEn())
                                    .isEqualTo(
                                            "Night-time noise burst at sensor NS0001: Lmax more than 15 dB over the class construction limit of 55 dB(A)");
                        });

        NoiseDecisions.Closing silent = close(t + W + HOUR);
        assertThat(silent.forget()).isTrue();
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(1).status()).isEqualTo(AlertStatus.CLOSED);
        assertThat(alerts.get(1).episodeEnd()).isEqualTo(t + W);
        assertThat(alerts.get(1).messageEn()).isEqualTo("Sensor NS0001 fell silent; alert closed");
        assertThat(documents)
                .containsExactly(
                        "NS0001@2026-11-02T15:00:00Z {\"sensorId\":\"NS0001\",\"zoneClass\":\"construction\","
                                + "\"bucketStart\":\"2026-11-02T15:00:00Z\",\"laeq\":50.0,\"lmax\":74.0,\"limit\":55.0,\"windowsOver\":0,\"windows\":1,"
                                + "\"location\":{\"lat\":31.1,\"lon\":121.4}}");
    }

    /**
     * Issue 19: every closed window is a document, compliant or not, with the limit of its own
     * period.
     */
    @Test
    void shouldWriteADocumentForEveryClosedWindowWithItsLimitAndLocalTime() {
        // 21:55-22:00 is day (limit 70), 22:00-22:05 night (55). Two readings in the first window,
        // each saying it covers 300 s: 65 and 68 dB average to 10·log10((10^6.5 + 10^6.8) / 2) =
        // 66.75 dB, and the 600 s they claim are capped to a coverage of 1.
        long t = local("2026-11-02T21:55");
        read(t + 150_000, 65, 70);
        read(t + W, 68, 71);
        read(t + 2 * W, 60, 66);
        close(t + 2 * W);
        assertThat(alerts).as("60 at night is over 55, but one window opens nothing").isEmpty();
        assertThat(windows).hasSize(2);
        assertThat(windows.get(0))
                .isEqualTo(
                        "NS0001@2026-11-02T13:55:00Z {\"sensorId\":\"NS0001\",\"zoneClass\":\"construction\","
                                + "\"period\":\"day\",\"limit\":70.0,\"windowStart\":\"2026-11-02T13:55:00Z\",\"windowEnd\":\"2026-11-02T14:00:00Z\","
                                + "\"windowStartLocal\":\"2026-11-02T21:55:00+08:00\",\"windowEndLocal\":\"2026-11-02T22:00:00+08:00\",\"localDate\":\"2026-11-02\","
                                + "\"laeq\":66.75,\"lmax\":71.0,\"readings\":2,\"coveredSeconds\":600.0,\"coverage\":1.0,\"exceeded\":false,\"nightBurst\":false,"
                                + "\"location\":{\"lat\":31.1,\"lon\":121.4}}");
        assertThat(windows.get(1))
                .startsWith("NS0001@2026-11-02T14:00:00Z ")
                .contains(
                        "\"period\":\"night\",\"limit\":55.0",
                        "\"laeq\":60.0,",
                        "\"coverage\":1.0,",
                        "\"exceeded\":true,",
                        "\"nightBurst\":false");
    }
}

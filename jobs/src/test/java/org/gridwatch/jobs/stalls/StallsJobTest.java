package org.gridwatch.jobs.stalls;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.Severity;
import org.gridwatch.common.testing.CollectingSink;
import org.gridwatch.common.testing.TestSources;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.Outputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stall pipeline end to end on a mini cluster: CEP with duplicates, shuffled input, a near miss
 * and a chronic spot.
 */
class StallsJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final long T0 = Instant.parse("2026-11-02T02:00:00Z").toEpochMilli();
    private static final long MIN = 60_000;
    private static final long H = 60 * MIN;

    /**
     * A stall present at a spot from {@code from} for {@code minutes}: a camera report every 10 s.
     */
    private static void stall(List<String> iot, String spot, long from, int minutes) {
        for (long t = from; t < from + minutes * MIN; t += 10_000) {
            iot.add(
                    "{\"deviceId\":\"CAM-"
                            + spot
                            + "\",\"kind\":\"STALL_DETECTED\",\"time\":\""
                            + Instant.ofEpochMilli(t)
                            + "\",\"lat\":31.1,\"lon\":121.4,\"spotId\":\""
                            + spot
                            + "\",\"confidence\":0.9}");
        }
    }

    private static void cleared(List<String> hotline, String spot, long t, int n) {
        hotline.add(
                "{\"eventId\":\"CLR-"
                        + spot
                        + "-"
                        + n
                        + "-C\",\"caseId\":\"CLR-"
                        + spot
                        + "-"
                        + n
                        + "\",\"kind\":\"CLEARED\",\"channel\":\"patrol\",\"time\":\""
                        + Instant.ofEpochMilli(t)
                        + "\",\"lat\":31.1,\"lon\":121.4,\"spotId\":\""
                        + spot
                        + "\"}");
    }

    @Test
    void shouldRaiseOneAlertPerReappearanceIgnoreNearMissesAndMarkChronicSpots() throws Exception {
        List<String> iot = new ArrayList<>();
        List<String> hotline = new ArrayList<>();
        // S1: stall, cleared, back 2 h later (one alert, closed by the next clearance); the
        // clearance is filed twice.
        stall(iot, "S1", T0, 20);
        cleared(hotline, "S1", T0 + 20 * MIN, 1);
        cleared(hotline, "S1", T0 + 21 * MIN, 2);
        stall(iot, "S1", T0 + 2 * H, 15);
        cleared(hotline, "S1", T0 + 2 * H + 15 * MIN, 3);
        // S2: near miss: back 73 h after the clearance; and a packing-up tail 1 min after the
        // clearance.
        stall(iot, "S2", T0, 20);
        cleared(hotline, "S2", T0 + 20 * MIN, 1);
        stall(iot, "S2", T0 + 21 * MIN, 1);
        stall(iot, "S2", T0 + 20 * MIN + 73 * H, 10);
        // S3: chronic: back three times in one day.
        stall(iot, "S3", T0, 10);
        for (int k = 1; k <= 3; k++) {
            cleared(hotline, "S3", T0 + (k - 1) * 2 * H + 10 * MIN, k);
            stall(iot, "S3", T0 + k * 2 * H, 10);
        }
        // Keep event time moving past everything (another spot, unrelated).
        stall(iot, "S9", T0 + 80 * H, 1);
        Collections.shuffle(iot, new Random(7));
        Collections.shuffle(hotline, new Random(7));
        // The shuffle is far beyond any watermark bound, so let the sources sort... by event time,
        // as Kafka with a bound would deliver.
        iot.sort(
                (a, b) ->
                        a.substring(a.indexOf("\"time\""))
                                .compareTo(b.substring(b.indexOf("\"time\""))));
        hotline.sort(
                (a, b) ->
                        a.substring(a.indexOf("\"time\""))
                                .compareTo(b.substring(b.indexOf("\"time\""))));

        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        JobSettings settings =
                JobSettings.fromArgs(new String[] {"--checkpoint-interval", "0"}, "test");
        CollectingSink<Alert> alerts = new CollectingSink<>();
        StallsJob.defineWorkflow(
                env,
                new Inputs(
                        null,
                        TestSources.raw(Topics.HOTLINE, hotline),
                        TestSources.raw(Topics.IOT, iot),
                        TestSources.empty(Topics.REFERENCE)),
                new Outputs(
                        s -> s.sinkTo(new CollectingSink<>()),
                        s -> s.sinkTo(alerts),
                        s -> s.sinkTo(new CollectingSink<>()),
                        s -> s.sinkTo(new CollectingSink<>())),
                settings);
        env.execute("stalls-test");

        List<Alert> opened =
                alerts.values().stream().filter(a -> a.status() == AlertStatus.OPEN).toList();
        assertThat(opened)
                .extracting(a -> a.entityId() + "@" + (a.episodeStart() - T0) / MIN)
                .containsExactlyInAnyOrder("S1@120", "S3@120", "S3@240", "S3@360");
        Alert s1 =
                alerts.values().stream()
                        .filter(a -> a.entityId().equals("S1") && a.status() == AlertStatus.CLOSED)
                        .findFirst()
                        .orElseThrow();
        assertThat(s1.episodeEnd()).isEqualTo(T0 + 2 * H + 15 * MIN);
        assertThat(s1.attributes()).containsEntry("minutesSinceClearance", "100");
        Alert chronic =
                opened.stream()
                        .filter(a -> a.entityId().equals("S3") && a.episodeStart() == T0 + 6 * H)
                        .findFirst()
                        .orElseThrow();
        assertThat(chronic.level()).isEqualTo("CHRONIC");
        assertThat(chronic.levelTimes()).containsEntry("CHRONIC", T0 + 6 * H);
        assertThat(chronic.severity()).isEqualTo(Severity.HIGH);
        assertThat(chronic.attributes().get("recommendation")).contains("蹲点固守");
        assertThat(
                        opened.stream()
                                .filter(
                                        a ->
                                                a.entityId().equals("S3")
                                                        && a.episodeStart() < T0 + 6 * H))
                .allMatch(a -> a.level() == null);
    }
}

package org.gridwatch.jobs.trucks;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.Severity;
import org.gridwatch.common.testing.CollectingSink;
import org.gridwatch.common.testing.TestSources;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.Outputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.trucks.TruckTestCity.local;
import static org.gridwatch.jobs.trucks.TruckTestCity.ping;

/**
 * The truck job on a small mini cluster: the dumping CEP patterns, a near miss of each kind, a
 * match and a timeout.
 */
class TruckJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final long S = 1000;
    private static final long MIN = 60 * S;
    private static final long LIFTED = 0b11L | (1L << 29);

    @TempDir static Path cityDir;

    @BeforeAll
    static void writeCity() throws Exception {
        CityFiles.write(TruckTestCity.city(), cityDir);
    }

    /**
     * Leaves CS1 at {@code t0} and drives at 36 km/h to x = {@code stopX}; returns the time of the
     * next ping.
     */
    private static long driveTo(List<GpsPing> out, String truck, long t0, double stopX) {
        long t = t0 - 10 * S;
        out.add(ping(truck, t, 0, 0, 0));
        t += 10 * S;
        out.add(ping(truck, t, 0, 0, 0));
        t += 10 * S;
        for (double x = 100; x <= stopX; x += 100) {
            out.add(ping(truck, t, x, 0, 36));
            t += 10 * S;
        }
        return t;
    }

    /**
     * Stands still at x for {@code seconds} (a ping every 10 s, 5 m of jitter); returns the time of
     * the next ping.
     */
    private static long stand(
            List<GpsPing> out, String truck, long t, double x, long seconds, long status) {
        for (long s = 0; s < seconds; s += 10) {
            out.add(ping(truck, t, x + (s % 20 == 0 ? 5 : -5), 0, 0, status));
            t += 10 * S;
        }
        return t;
    }

    private static long driveOn(
            List<GpsPing> out, String truck, long t, double fromX, double toX, long status) {
        for (double x = fromX; x <= toX; x += 100) {
            out.add(ping(truck, t, x, 0, 36, status));
            t += 10 * S;
        }
        return t;
    }

    static List<GpsPing> scenario() {
        List<GpsPing> p = new ArrayList<>();
        long empty = 0b11L;
        // T5 (timeout): stops 6 min outside every site, then its signal drops for good.
        long t = driveTo(p, "T5", local("2026-11-02T20:30:00"), 3000);
        stand(p, "T5", t, 3000, 360, LIFTED);
        // T1 (match): stops 6 min with the box lifted, leaves empty.
        t = driveTo(p, "T1", local("2026-11-02T21:00:00"), 3000);
        t = stand(p, "T1", t, 3000, 360, LIFTED);
        driveOn(p, "T1", t, 3100, 6000, empty);
        // T2 (near miss): stops 4 min 50 s.
        t = driveTo(p, "T2", local("2026-11-02T21:00:05"), 3000);
        t = stand(p, "T2", t, 3000, 290, 0b11L | (3L << 8));
        driveOn(p, "T2", t, 3100, 6000, 0b11L | (3L << 8));
        // T3 (near miss): unloads 10 min inside the disposal site.
        t = driveTo(p, "T3", local("2026-11-02T21:00:07"), 6000);
        stand(p, "T3", t, 6000, 600, LIFTED);
        // T4 (near miss): a single wild fix 300 m off the route.
        t = driveTo(p, "T4", local("2026-11-02T21:00:03"), 2000);
        p.add(ping("T4", t, 2100, 300, 36));
        driveOn(p, "T4", t + 10 * S, 2200, 6000, 0b11L | (3L << 8));
        p.sort(Comparator.comparingLong(GpsPing::eventTime));
        return p;
    }

    private static List<Alert> run(List<GpsPing> pings) throws Exception {
        return run(
                pings,
                JobSettings.fromArgs(
                        new String[] {
                            "--checkpoint-interval",
                            "0",
                            "--bounded",
                            "true",
                            "--max-out-of-order",
                            "30s",
                            "--city",
                            cityDir.toString()
                        },
                        "test"));
    }

    /**
     * The truck job over {@code pings} with an empty reference topic: the settings' city (files or
     * snapshot) is all it knows.
     */
    static List<Alert> run(List<GpsPing> pings, JobSettings settings) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        // One source reader: the lost-signal case needs later pings of other trucks to move the
        // watermark on (the watermarks follow the input, record by record); the end of input
        // (rightly) raises no lost signal. With two readers the list would be split in halves, each
        // moving on alone.
        env.setParallelism(1);
        CollectingSink<Alert> alerts = new CollectingSink<>();
        TruckJob.defineWorkflow(
                env,
                new Inputs(
                        TestSources.raw(
                                Topics.GPS, pings.stream().map(TruckTestCity::json).toList()),
                        null,
                        null,
                        TestSources.empty(Topics.REFERENCE)),
                new Outputs(
                        s -> s.sinkTo(new CollectingSink<>()),
                        s -> s.sinkTo(alerts),
                        s -> s.sinkTo(new CollectingSink<>()),
                        s -> s.sinkTo(new CollectingSink<>())),
                settings);
        env.execute("trucks-test");
        return alerts.values();
    }

    private static List<String> summary(List<Alert> alerts) {
        return alerts.stream()
                .map(
                        a ->
                                a.type()
                                        + " "
                                        + a.entityId()
                                        + " "
                                        + a.status()
                                        + " r"
                                        + a.revision()
                                        + " "
                                        + a.severity()
                                        + " "
                                        + a.episodeStart()
                                        + "-"
                                        + a.episodeEnd())
                .sorted()
                .toList();
    }

    @Test
    void dumpingOpensAtFiveMinutesClosesWhenTheStopEndsAndIgnoresNearMisses() throws Exception {
        List<GpsPing> pings = scenario();
        List<Alert> alerts = run(pings);
        assertThat(alerts)
                .extracting(a -> a.type() + " " + a.entityId() + " " + a.status())
                .containsExactlyInAnyOrder(
                        "TRUCK_SUSPECTED_DUMPING T1 OPEN",
                        "TRUCK_SUSPECTED_DUMPING T1 CLOSED",
                        "TRUCK_SUSPECTED_DUMPING T5 OPEN",
                        "TRUCK_SUSPECTED_DUMPING T5 CLOSED",
                        "TRUCK_SIGNAL_LOST T5 OPEN");

        long t1Stop = local("2026-11-02T21:00:00") + 31 * 10 * S;
        Alert open =
                alerts.stream()
                        .filter(a -> a.entityId().equals("T1") && a.status() == AlertStatus.OPEN)
                        .findFirst()
                        .orElseThrow();
        assertThat(open.episodeStart()).isEqualTo(t1Stop);
        assertThat(open.eventTime()).isEqualTo(t1Stop + 5 * MIN);
        assertThat(open.severity()).isEqualTo(Severity.HIGH);
        assertThat(open.revision()).isZero();
        assertThat(open.attributes())
                .containsEntry("boxLifted", "true")
                .containsEntry("permitId", "ZY-T1")
                .containsKey("tripId");
        assertThat(open.district()).isEqualTo("闵行区");
        Alert closed =
                alerts.stream()
                        .filter(a -> a.entityId().equals("T1") && a.status() == AlertStatus.CLOSED)
                        .findFirst()
                        .orElseThrow();
        assertThat(closed.alertId()).isEqualTo(open.alertId());
        assertThat(closed.revision()).isEqualTo(1);
        assertThat(closed.episodeEnd()).isEqualTo(t1Stop + 6 * MIN);
        assertThat(closed.attributes())
                .containsEntry("stopMinutes", "6")
                .containsEntry("loadFullToEmpty", "true");
        assertThat(closed.evidence()).isNotEmpty();

        long t5Stop = local("2026-11-02T20:30:00") + 31 * 10 * S;
        Alert dropped =
                alerts.stream()
                        .filter(
                                a ->
                                        a.entityId().equals("T5")
                                                && a.type() == AlertType.TRUCK_SUSPECTED_DUMPING
                                                && a.status() == AlertStatus.CLOSED)
                        .findFirst()
                        .orElseThrow();
        assertThat(dropped.episodeEnd()).isEqualTo(t5Stop + 350 * S);
        assertThat(dropped.messageEn()).contains("signal dropped");

        // Shuffled within the 30 s watermark bound (each ping delayed by up to 25 s): the same
        // alerts.
        Random r = new Random(3);
        Map<GpsPing, Long> delay = new HashMap<>();
        pings.forEach(p -> delay.put(p, p.eventTime() + r.nextInt(25_000)));
        List<GpsPing> shuffled = new ArrayList<>(pings);
        shuffled.sort(Comparator.comparingLong(delay::get));
        assertThat(shuffled).isNotEqualTo(pings);
        assertThat(summary(run(shuffled))).isEqualTo(summary(alerts));
    }
}

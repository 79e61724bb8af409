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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.trucks.TruckTestCity.local;
import static org.gridwatch.jobs.trucks.TruckTestCity.ping;

/**
 * Issue 19: suspected-dumping episodes on real recordings that stayed OPEN although the truck drove
 * on. Each truck below leaves CS1, stops outside every site long enough to open an episode, then
 * moves on (the trip goes on, far from the disposal site): every opened episode must end CLOSED at
 * the first ping that moves on, whatever the shape of the stop and the speed of that ping.
 */
class DumpingEpisodesTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final long S = 1000;
    private static final double STOP_X = 3000;

    @TempDir static Path cityDir;

    @BeforeAll
    static void writeCity() throws Exception {
        CityFiles.write(TruckTestCity.city(), cityDir);
    }

    /**
     * Leaves CS1 at {@code t0}, drives at 36 km/h to {@link #STOP_X}; returns the time of the next
     * ping. A truck whose id ends in "w" pulls up as real trucks do: a ping stopped short of the
     * spot (2.5 km/h), one creeping on (4 km/h), then the stop. (That brief stop just before the
     * real one is what left the two CEP patterns out of step: the closing one matched it, and its
     * skip strategy then dropped the partial match of the real stop, which the opening one still
     * followed.)
     */
    private static long driveTo(List<GpsPing> out, String truck, long t0) {
        if (!truck.endsWith("w")) {
            long t = t0 - 10 * S;
            out.add(ping(truck, t, 0, 0, 0));
            t += 10 * S;
            out.add(ping(truck, t, 0, 0, 0));
            t += 10 * S;
            for (double x = 100; x <= STOP_X; x += 100) {
                out.add(ping(truck, t, x, 0, 36));
                t += 10 * S;
            }
            return t;
        }
        long t = t0 - 10 * S;
        out.add(ping(truck, t, 0, 0, 0));
        t += 10 * S;
        out.add(ping(truck, t, 0, 0, 0));
        t += 10 * S;
        for (double x = 100; x < STOP_X - 100; x += 100) {
            out.add(ping(truck, t, x, 0, 36));
            t += 10 * S;
        }
        out.add(ping(truck, t, STOP_X - 15, 0, 2.5));
        t += 10 * S;
        out.add(ping(truck, t, STOP_X - 5, 0, 4.0));
        t += 10 * S;
        return t;
    }

    /**
     * Stop pings at the given offsets (ms) from {@code stop}, then the first ping moving on at
     * {@code kmh} {@code afterMs} after the last stop ping (where that speed takes the truck), then
     * the trip going on at 36 km/h for 10 min. Returns the time of the first ping that moves the
     * truck on: the first moving one only when it is beyond {@code truck.driftRadiusM} (40 m) of
     * the stop, since a single reading while standing is GPS drift; else the next (100 m on).
     */
    private static long stopAndGo(
            List<GpsPing> out, String truck, long stop, long[] offsets, long afterMs, double kmh) {
        for (int i = 0; i < offsets.length; i++) {
            out.add(ping(truck, stop + offsets[i], STOP_X + (i % 2 == 0 ? 2 : -2), 0, 0));
        }
        long moved = stop + offsets[offsets.length - 1] + afterMs;
        double x = STOP_X + kmh / 3.6 * afterMs / 1000.0;
        out.add(ping(truck, moved, x, 0, kmh));
        long t = moved;
        long movedOn = x - STOP_X > 40 ? moved : moved + 10 * S;
        for (int i = 0; i < 60 && x < 5000; i++) {
            t += 10 * S;
            x += 100;
            out.add(ping(truck, t, x, 0, 36));
        }
        return movedOn;
    }

    private static long[] every10s(long seconds) {
        long[] o = new long[(int) (seconds / 10) + 1];
        for (int i = 0; i < o.length; i++) {
            o[i] = i * 10 * S;
        }
        return o;
    }

    @Test
    void everyOpenedEpisodeEndsClosedWhenTheTruckMovesOn() throws Exception {
        List<GpsPing> pings = new ArrayList<>();
        Map<String, Long> movedAt = new LinkedHashMap<>();
        long base = local("2026-11-02T21:00:00");
        for (String how : new String[] {"", "w"}) {
            // (a) stop pings at T and T+5 s, nothing for 295 s, a stop ping at T+5 min (which
            // opens), 7 km/h at T+5 min 5 s.
            long t = driveTo(pings, "A1" + how, base);
            movedAt.put(
                    "A1" + how,
                    stopAndGo(pings, "A1" + how, t, new long[] {0, 5 * S, 300 * S}, 5 * S, 7));
            // (b) stop pings at T and T+5 min exactly, then 9.5 km/h.
            t = driveTo(pings, "B1" + how, base + 1 * S);
            movedAt.put(
                    "B1" + how,
                    stopAndGo(pings, "B1" + how, t, new long[] {0, 300 * S}, 10 * S, 9.5));
            // (c) a 10.8-minute stop of 134 pings, then 5.1 km/h and a trip that goes on.
            long[] c = new long[134];
            for (int i = 0; i < c.length; i++) {
                c[i] = i * 648 * S / 133;
            }
            t = driveTo(pings, "C1" + how, base + 2 * S);
            movedAt.put("C1" + how, stopAndGo(pings, "C1" + how, t, c, 5 * S, 5.1));
            // The speed of the first ping after a 6-minute stop: between truck.stopKmh (3) and
            // truck.movingKmh (5), and above.
            double[] speeds = {3.4, 4.0, 7, 9.5, 11};
            for (int i = 0; i < speeds.length; i++) {
                String truck = "V" + i + how;
                t = driveTo(pings, truck, base + (3 + i) * S);
                movedAt.put(truck, stopAndGo(pings, truck, t, every10s(360), 10 * S, speeds[i]));
            }
        }
        // A truck still standing when the recording ends (its last ping is the last of the input).
        long end = driveTo(pings, "E1w", base + 3 * 3_600_000L);
        long[] stand = every10s(360);
        for (int i = 0; i < stand.length; i++) {
            pings.add(ping("E1w", end + stand[i], STOP_X, 0, 0));
        }
        long lastStop = end + stand[stand.length - 1];
        pings.sort(Comparator.comparingLong(GpsPing::eventTime));

        List<Alert> dumping =
                run(pings).stream()
                        .filter(a -> a.type() == AlertType.TRUCK_SUSPECTED_DUMPING)
                        .toList();

        for (var e : movedAt.entrySet()) {
            List<Alert> of = dumping.stream().filter(a -> a.entityId().equals(e.getKey())).toList();
            assertThat(of)
                    .as(e.getKey())
                    .extracting(Alert::status)
                    .containsExactlyInAnyOrder(AlertStatus.OPEN, AlertStatus.CLOSED);
            Alert open =
                    of.stream()
                            .filter(a -> a.status() == AlertStatus.OPEN)
                            .findFirst()
                            .orElseThrow();
            Alert closed =
                    of.stream()
                            .filter(a -> a.status() == AlertStatus.CLOSED)
                            .findFirst()
                            .orElseThrow();
            assertThat(closed.alertId()).as(e.getKey()).isEqualTo(open.alertId());
            assertThat(closed.revision()).as(e.getKey()).isGreaterThan(open.revision());
            assertThat(closed.episodeEnd())
                    .as(e.getKey() + ": ends at the first ping that moves it on")
                    .isEqualTo(e.getValue());
            assertThat(closed.messageEn()).as(e.getKey()).contains("moved on");
        }
        assertThat(dumping)
                .filteredOn(a -> a.entityId().equals("E1w"))
                .extracting(a -> a.status() + " " + a.episodeEnd())
                .as("closed at its last stop ping when the input ends")
                .containsExactly("OPEN 0", "CLOSED " + lastStop);
    }

    static List<Alert> run(List<GpsPing> pings) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        JobSettings settings =
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
                        "test");
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
        env.execute("dumping-episodes-test");
        return alerts.values();
    }
}

package org.gridwatch.jobs.trucks;

import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.jobs.testing.RestoreRoundTrip;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.trucks.TruckTestCity.local;
import static org.gridwatch.jobs.trucks.TruckTestCity.ping;

/** The truck rules keep their episodes, buffered pings, timers and reference across a restore. */
class TruckFunctionRestoreTest {
    private static final long S = 1000;
    private static final long MIN = 60 * S;
    private static final long LAG = 30 * S;

    private static RestoreRoundTrip<
                    KeyedBroadcastOperatorTestHarness<String, GpsPing, ReferenceUpdate, Alert>>
            roundTrip() {
        return RestoreRoundTrip.of(
                        () ->
                                RestoreRoundTrip.keyedBroadcast(
                                        new TruckFunction(
                                                new ReferenceHolder(null, TruckTestCity.SH)),
                                        GpsPing::entityId,
                                        ReferenceHolder.STATE))
                .broadcastState(ReferenceHolder.STATE);
    }

    /**
     * T1 leaves the site at 21:00 and detours 200 m off its route from ping 20 to 37; shuffled in
     * blocks of 3 pings.
     */
    private static List<GpsPing> trip() {
        List<GpsPing> pings = new ArrayList<>();
        long t = local("2026-11-02T21:00:00");
        pings.add(ping("T1", t - 10 * S, 0, 0, 0));
        pings.add(ping("T1", t, 0, 0, 0));
        double x = 100;
        for (int i = 1; x <= 4000; i++) {
            pings.add(ping("T1", t + i * 10 * S, x, i >= 20 && i < 38 ? 200 : 0, 36));
            x += 100;
        }
        for (int i = 0; i < pings.size(); i += 3) {
            Collections.shuffle(pings.subList(i, Math.min(pings.size(), i + 3)), new Random(i));
        }
        return pings;
    }

    private static void reference(
            KeyedBroadcastOperatorTestHarness<String, GpsPing, ReferenceUpdate, Alert> h)
            throws Exception {
        for (ReferenceUpdate u : TruckTestCity.referenceUpdates()) {
            h.processBroadcastElement(u, 0);
        }
        h.processBroadcastWatermark(Long.MAX_VALUE);
    }

    /**
     * Pings with the watermark trailing the newest by 30 s (parts split at block boundaries, so it
     * never goes back).
     */
    private static void drive(
            KeyedBroadcastOperatorTestHarness<String, GpsPing, ReferenceUpdate, Alert> h,
            List<GpsPing> pings)
            throws Exception {
        long newest = Long.MIN_VALUE;
        for (GpsPing p : pings) {
            h.processElement(p, p.eventTime());
            newest = Math.max(newest, p.eventTime());
            h.processWatermark(newest - LAG);
        }
    }

    private static ReferenceUpdate rule(String key, String value) {
        return new ReferenceUpdate("RULE", key, "UPSERT", 0, "{\"value\": \"" + value + "\"}");
    }

    private static long last(List<GpsPing> pings) {
        return pings.stream().mapToLong(GpsPing::eventTime).max().orElseThrow();
    }

    private static List<String> summary(List<Object> alerts) {
        return alerts.stream().map(a -> (Alert) a).map(a -> a.type() + " " + a.status()).toList();
    }

    @Test
    void shouldKeepAnOpenRouteDeviationAndBufferedPingsAcrossARestore() throws Exception {
        List<GpsPing> pings = trip();
        int split = 39; // a block boundary inside the detour, after the deviation opened
        var result =
                roundTrip()
                        .run(
                                h -> {
                                    reference(h);
                                    drive(h, pings.subList(0, split));
                                },
                                h -> {
                                    h.processBroadcastWatermark(
                                            Long.MAX_VALUE); // input watermarks are not state:
                                    // the reference side must again
                                    // hold nothing back
                                    drive(h, pings.subList(split, pings.size()));
                                    h.processWatermark(last(pings) + 5 * MIN);
                                })
                        .assertSameAsUninterrupted();

        assertThat(summary(result.restored().beforeSplit().values()))
                .containsExactly("TRUCK_ROUTE_DEVIATION OPEN");
        assertThat(result.restored().atSplit().eventTimeTimers())
                .as("pings still buffered at the snapshot")
                .isGreaterThan(1);
        assertThat(summary(result.afterRestore().values()))
                .containsExactly("TRUCK_ROUTE_DEVIATION CLOSED", "TRUCK_SIGNAL_LOST OPEN");
        Alert opened = (Alert) result.restored().beforeSplit().values().get(0);
        Alert closed = (Alert) result.afterRestore().values().get(0);
        assertThat(closed.alertId())
                .as("the episode opened before the snapshot")
                .isEqualTo(opened.alertId());
        assertThat(closed.revision()).isGreaterThan(opened.revision());
    }

    @Test
    void shouldRaiseALostSignalFromATimerSetBeforeTheRestore() throws Exception {
        List<GpsPing> pings = trip();
        long lastPing = last(pings);
        var result =
                roundTrip()
                        .run(
                                h -> {
                                    reference(h);
                                    drive(h, pings);
                                    h.processWatermark(lastPing);
                                },
                                h -> {
                                    // No input after the restore: only the restored silence timer
                                    // can raise the alert.
                                    h.processBroadcastWatermark(Long.MAX_VALUE);
                                    h.processWatermark(lastPing + 5 * MIN);
                                })
                        .assertSameAsUninterrupted();

        assertThat(result.afterRestore().values())
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(((Alert) a).type()).isEqualTo(AlertType.TRUCK_SIGNAL_LOST);
                            assertThat(((Alert) a).status()).isEqualTo(AlertStatus.OPEN);
                            assertThat(((Alert) a).episodeStart()).isEqualTo(lastPing);
                        });
    }

    @Test
    void shouldKeepTheLastGoodRulesWhenTheCurrentOnesAreRejectedAcrossARestore() throws Exception {
        List<GpsPing> pings = trip();
        long lastPing = last(pings);
        var result =
                roundTrip()
                        .run(
                                h -> {
                                    reference(h);
                                    h.processBroadcastElement(
                                            rule("truck.signalLostAfter", "3m"), 0);
                                    drive(h, pings);
                                    h.processWatermark(lastPing);
                                    // Outside truck.signalLostAfter's range (1 min to 1 h): refused
                                    // by the reference itself, never
                                    // kept in broadcast state, so the restored reference has 3 min
                                    // as well.
                                    h.processBroadcastElement(
                                            rule("truck.signalLostAfter", "7h"), 0);
                                },
                                h -> {
                                    h.processBroadcastWatermark(Long.MAX_VALUE);
                                    h.processWatermark(lastPing + 3 * MIN);
                                    h.processWatermark(lastPing + 5 * MIN);
                                });

        assertThat(result.uninterrupted().afterSplit().main())
                .as("raised by the 3 min timer")
                .singleElement()
                .satisfies(a -> assertThat(a.timestamp()).isEqualTo(lastPing + 3 * MIN));
        result.assertSameAsUninterrupted();
    }
}

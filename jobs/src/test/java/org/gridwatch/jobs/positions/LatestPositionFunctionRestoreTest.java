package org.gridwatch.jobs.positions;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.gridwatch.common.model.EntityType;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.Position;
import org.gridwatch.jobs.testing.RestoreRoundTrip;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The position throttle keeps the held-back ping and both of its flush timers across a restore. */
class LatestPositionFunctionRestoreTest {
    private static final long T0 = 1_795_000_000_000L;
    private static final long THROTTLE = 5_000;
    private static final long RETENTION = 60_000;

    private static RestoreRoundTrip<
                    KeyedOneInputStreamOperatorTestHarness<String, GpsPing, Position>>
            roundTrip() {
        return RestoreRoundTrip.of(
                () ->
                        RestoreRoundTrip.keyed(
                                new LatestPositionFunction(THROTTLE, RETENTION),
                                GpsPing::entityId));
    }

    private static GpsPing ping(String id, long t, double lat) {
        return new GpsPing(
                id, EntityType.TRUCK, t, lat, 121.4, 30, 90, null, null, null, "沪A12345", "sim");
    }

    @Test
    void shouldFlushAPingHeldBackByTheEventTimeThrottleFromARestoredTimer() throws Exception {
        var result =
                roundTrip()
                        .run(
                                h -> {
                                    h.setProcessingTime(1_000);
                                    h.processElement(ping("t1", T0, 31.1), T0);
                                    h.processElement(ping("t1", T0 + 1_000, 31.2), T0 + 1_000);
                                    h.processElement(ping("t1", T0 + 2_000, 31.3), T0 + 2_000);
                                },
                                h -> {
                                    h.setProcessingTime(
                                            1_000 + THROTTLE); // processing time is not state:
                                    // the restored harness starts
                                    // afresh, the wall clock has moved
                                    // on
                                    h.processWatermark(T0 + THROTTLE);
                                    h.processWatermark(T0 + 2_000 + RETENTION);
                                })
                        .assertSameAsUninterrupted();

        assertThat(result.afterRestore().values())
                .map(v -> ((Position) v).eventTime())
                .containsExactly(T0 + 2_000);
        assertThat(result.restored().atEnd().keyedStateEntries()).isZero();
        assertThat(result.restored().atEnd().eventTimeTimers())
                .as("the end-of-input timer is deleted with the state")
                .isZero();
    }

    @Test
    void shouldFlushAPingHeldBackByTheWallClockThrottleFromARestoredProcessingTimeTimer()
            throws Exception {
        var result =
                roundTrip()
                        .run(
                                h -> {
                                    h.setProcessingTime(1_000);
                                    for (int i = 0; i < 6; i++) {
                                        h.processElement(
                                                ping("t1", T0 + i * 10_000L, 31.0 + i * 0.001),
                                                T0 + i * 10_000L);
                                        h.processWatermark(T0 + i * 10_000L);
                                    }
                                },
                                h -> {
                                    h.setProcessingTime(
                                            1_000 + THROTTLE); // no input after the restore: only
                                    // the restored processing-time
                                    // timer can flush
                                })
                        .assertSameAsUninterrupted();

        assertThat(result.restored().beforeSplit().values())
                .map(v -> ((Position) v).eventTime())
                .containsExactly(T0);
        assertThat(result.restored().atSplit().processingTimeTimers()).isPositive();
        assertThat(result.afterRestore().values())
                .map(v -> ((Position) v).eventTime())
                .containsExactly(T0 + 50_000);
    }
}

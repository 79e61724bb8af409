package org.gridwatch.jobs.positions;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.gridwatch.common.model.EntityType;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.Position;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatestPositionFunctionTest {
    private static final long T0 = 1_795_000_000_000L;
    private static final long THROTTLE = 5_000;
    private static final long RETENTION = 60_000;

    private KeyedOneInputStreamOperatorTestHarness<String, GpsPing, Position> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new LatestPositionFunction(THROTTLE, RETENTION)),
                        GpsPing::entityId,
                        Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static GpsPing ping(String id, long t, double lat) {
        return new GpsPing(
                id, EntityType.TRUCK, t, lat, 121.4, 30, 90, null, null, null, "沪A12345", "sim");
    }

    private void send(GpsPing p) throws Exception {
        harness.processElement(new StreamRecord<>(p, p.eventTime()));
    }

    private List<Long> emittedTimes() {
        return harness.extractOutputValues().stream().map(Position::eventTime).toList();
    }

    @Test
    void shouldEmitFirstPingAtOnceAndThrottleTheRest() throws Exception {
        send(ping("t1", T0, 31.1));
        send(ping("t1", T0 + 1_000, 31.2));
        send(ping("t1", T0 + 2_000, 31.3));
        assertThat(emittedTimes()).containsExactly(T0);
        harness.setProcessingTime(THROTTLE);
        harness.processWatermark(T0 + THROTTLE);
        // The newest of the throttled pings is written once the interval has passed.
        assertThat(emittedTimes()).containsExactly(T0, T0 + 2_000);
        assertThat(harness.extractOutputValues().get(1).lat()).isEqualTo(31.3);
    }

    @Test
    void aFastReplayShouldWriteAtMostOncePerIntervalOfWallClockTime() throws Exception {
        harness.setProcessingTime(1_000);
        for (int i = 0; i < 60; i++) {
            send(ping("t1", T0 + i * 10_000L, 31.0 + i * 0.001));
            harness.processWatermark(T0 + i * 10_000L);
        }
        // Ten minutes of pings within one wall-clock instant: only the first is written ...
        assertThat(emittedTimes()).containsExactly(T0);
        // ... and the newest once the wall-clock interval has passed.
        harness.setProcessingTime(1_000 + THROTTLE);
        assertThat(emittedTimes()).containsExactly(T0, T0 + 590_000);
    }

    @Test
    void theEndOfABoundedInputShouldFlushTheNewestPosition() throws Exception {
        harness.setProcessingTime(1_000);
        send(ping("t1", T0, 31.0));
        send(ping("t1", T0 + 20_000, 31.5));
        harness.processWatermark(Long.MAX_VALUE);
        assertThat(emittedTimes()).containsExactly(T0, T0 + 20_000);
    }

    @Test
    void shouldNeverWriteAnOlderPositionAfterANewerOne() throws Exception {
        send(ping("t1", T0 + 10_000, 31.1));
        send(ping("t1", T0, 31.0));
        harness.processWatermark(T0 + 30_000);
        assertThat(emittedTimes()).containsExactly(T0 + 10_000);
    }

    @Test
    void shouldKeepEntitiesApart() throws Exception {
        send(ping("t1", T0, 31.1));
        send(ping("t2", T0 + 1, 31.2));
        assertThat(harness.extractOutputValues())
                .extracting(Position::entityId)
                .containsExactly("t1", "t2");
    }

    @Test
    void shouldClearStateOfASilentEntityAfterRetention() throws Exception {
        send(ping("t1", T0, 31.1));
        send(ping("t1", T0 + 30_000, 31.2));
        harness.processWatermark(T0 + RETENTION);
        // Still alive: the second ping moved the expiry.
        assertThat(harness.numKeyedStateEntries()).isGreaterThan(0);
        harness.processWatermark(T0 + 30_000 + RETENTION);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}

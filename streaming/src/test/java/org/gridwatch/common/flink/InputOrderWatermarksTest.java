package org.gridwatch.common.flink;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class InputOrderWatermarksTest {
    private static final Duration BOUND = Duration.ofSeconds(2);
    private static final Duration STEP = Duration.ofSeconds(1);

    /** Every record from one device: the watermark follows its highest time. */
    private static final Function<String, byte[]> ONE_DEVICE =
            s -> "truck-1".getBytes(StandardCharsets.UTF_8);

    /** The record's text names its device. */
    private static final Function<String, byte[]> DEVICE =
            s -> s.split("@")[0].getBytes(StandardCharsets.UTF_8);

    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output =
            new WatermarkOutput() {
                @Override
                public void emitWatermark(Watermark watermark) {
                    emitted.add(watermark.getTimestamp());
                }

                @Override
                public void markIdle() {}

                @Override
                public void markActive() {}
            };

    @Test
    void shouldFollowTheHighestEventTimeMinusTheBoundInSteps() {
        var w = new InputOrderWatermarks<String>(BOUND, STEP, ONE_DEVICE);
        w.onEvent("a", 10_000, output);
        w.onEvent("b", 10_500, output);
        w.onEvent("c", 11_000, output);
        w.onEvent("d", 9_000, output);
        w.onEvent("e", 13_500, output);
        assertThat(emitted).containsExactly(7_999L, 8_999L, 11_499L);
    }

    @Test
    void shouldNeverAdvanceOnTheClockAlone() {
        var w = new InputOrderWatermarks<String>(BOUND, STEP, ONE_DEVICE);
        w.onPeriodicEmit(output);
        assertThat(emitted).isEmpty();
        w.onEvent("a", 10_000, output);
        w.onEvent("b", 10_900, output);
        w.onPeriodicEmit(output);
        w.onPeriodicEmit(output);
        // The periodic call only repeats the last value (it re-activates a partition after
        // idleness).
        assertThat(emitted).containsExactly(7_999L, 7_999L, 7_999L);
    }

    @Test
    void shouldIgnoreRecordsWithoutAUsableTime() {
        var w = new InputOrderWatermarks<String>(BOUND, STEP, ONE_DEVICE);
        w.onEvent("broken", Long.MIN_VALUE, output);
        w.onPeriodicEmit(output);
        assertThat(emitted).isEmpty();
    }

    @Test
    void shouldEmitEveryAdvanceWhenTheStepIsZero() {
        var w = new InputOrderWatermarks<String>(Duration.ZERO, Duration.ZERO, ONE_DEVICE);
        w.onEvent("a", 1_000, output);
        w.onEvent("b", 1_001, output);
        w.onEvent("c", 1_001, output);
        assertThat(emitted).containsExactly(999L, 1_000L);
    }

    @Test
    void shouldNotFollowOneDeviceWhoseClockRunsAhead() {
        var w = new InputOrderWatermarks<String>(BOUND, STEP, DEVICE);
        w.onEvent("a@1", 10_000, output);
        w.onEvent("b@1", 11_000, output);
        w.onEvent("skewed@1", 10_000 + 8 * 3_600_000, output);
        w.onEvent("a@2", 12_000, output);
        w.onEvent("b@2", 13_000, output);
        assertThat(emitted).containsExactly(7_999L, 8_999L, 9_999L, 10_999L);
    }
}

package org.gridwatch.common.flink;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

import org.gridwatch.common.time.PartitionReach;

import java.time.Duration;
import java.util.function.Function;

/**
 * Bounded out-of-orderness watermarks that depend on the input alone: the watermark is the highest
 * event time seen so far minus the bound (minus 1 ms), emitted by the events themselves whenever it
 * has moved on by at least {@code step} since the last emission, never by the wall clock.
 *
 * <p>Why not Flink's periodic generator: it emits on a processing-time tick, so which events fall
 * behind the watermark, and when timers fire relative to later inputs, depended on how fast the
 * machine happened to be; tests raced with the clock and an evaluation under load dead-lettered
 * valid events that an idle machine kept. Here an event is late exactly when its time is more than
 * the bound before an event that came earlier in its own partition (the watermark of a reader is
 * the minimum over its partitions, which can only make fewer events late), and replays of the same
 * input see the same watermarks at the same records.
 *
 * <p>"Highest event time" is the partition's {@link PartitionReach}: the latest time two entities
 * (record keys) agree on, so that one device whose clock runs ahead cannot take the watermark with
 * it; {@link PartitionLateness} judges lateness against the same reach.
 *
 * <p>The periodic call repeats the last emitted value: it never advances event time, but it marks
 * the partition active again after an idle spell, as {@code withIdleness} expects. Records that
 * carry no usable time ({@code Long.MIN_VALUE}, dead-lettered by the parser) never move the
 * watermark.
 */
public final class InputOrderWatermarks<T> implements WatermarkGenerator<T> {
    private final long boundMillis;
    private final long stepMillis;
    private final Function<T, byte[]> keyOf;
    private final PartitionReach reach = new PartitionReach();
    private long emitted = Long.MIN_VALUE;

    /**
     * @param keyOf the entity of a record (its Kafka key; null when it has none)
     */
    public InputOrderWatermarks(Duration bound, Duration step, Function<T, byte[]> keyOf) {
        if (bound.isNegative() || step.isNegative()) {
            throw new IllegalArgumentException(
                    "bound and step must not be negative: " + bound + ", " + step);
        }
        this.boundMillis = bound.toMillis();
        this.stepMillis = Math.max(1, step.toMillis());
        this.keyOf = keyOf;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp == Long.MIN_VALUE) {
            return;
        }
        reach.observe(keyOf.apply(event), eventTimestamp);
        long candidate = reach.reach() - boundMillis - 1;
        if (emitted == Long.MIN_VALUE || candidate - emitted >= stepMillis) {
            emitted = candidate;
            output.emitWatermark(new Watermark(candidate));
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (emitted != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(emitted));
        }
    }
}

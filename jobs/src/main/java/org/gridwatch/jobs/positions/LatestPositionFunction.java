package org.gridwatch.jobs.positions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.Position;

/**
 * Keeps the live map's position documents current without one write per ping: per entity, at most
 * one position per {@code throttleMs} of event time and per {@code throttleMs} of wall-clock time,
 * always the newest, never an older one after a newer (out-of-order pings only update the map if
 * they are newer). The wall-clock bound is what keeps a fast replay (a day in minutes) from turning
 * every ping into a document; live, the two bounds coincide.
 *
 * <p>State per entity (keyed by entity id):
 *
 * <ul>
 *   <li>{@value #LATEST}: the newest ping seen, not yet written if a flush is pending;
 *   <li>{@value #LAST_WRITTEN}: event time of the last position emitted;
 *   <li>{@value #LAST_WRITTEN_WALL}: wall-clock time of the last position emitted;
 *   <li>{@value #EXPIRY_TIMER}: when the pending clean-up timer fires (one at a time per entity).
 * </ul>
 *
 * <p>Flushes: an event-time timer when the event-time interval has passed, a processing-time timer
 * when only the wall-clock interval holds a position back, and an event-time timer at the end of
 * time that fires only when a bounded input ends (so a replay's final positions are written).
 *
 * <p>Clearing: an event-time timer at last ping + {@code retentionMs} clears all of it, and deletes
 * the end-of-time timer, when the entity has been silent that long (the document stays in
 * Elasticsearch; the state does not leak).
 */
public final class LatestPositionFunction extends KeyedProcessFunction<String, GpsPing, Position> {
    private static final long serialVersionUID = 1L;
    static final String LATEST = "latest-ping";
    static final String LAST_WRITTEN = "last-written-time";
    static final String LAST_WRITTEN_WALL = "last-written-wall-time";
    static final String EXPIRY_TIMER = "expiry-timer";

    /** Fires only at the watermark of a finished bounded input. */
    static final long END_OF_INPUT = Long.MAX_VALUE - 1;

    private final long throttleMs;
    private final long retentionMs;
    private transient ValueState<GpsPing> latest;
    private transient ValueState<Long> lastWritten;
    private transient ValueState<Long> lastWrittenWall;
    private transient ValueState<Long> expiryTimer;
    private transient Counter outOfOrderSkipped;

    public LatestPositionFunction(long throttleMs, long retentionMs) {
        if (retentionMs <= throttleMs) {
            throw new IllegalArgumentException("retention must exceed the throttle");
        }
        this.throttleMs = throttleMs;
        this.retentionMs = retentionMs;
    }

    @Override
    public void open(OpenContext openContext) {
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>(LATEST, GpsPing.class));
        lastWritten =
                getRuntimeContext().getState(new ValueStateDescriptor<>(LAST_WRITTEN, Long.class));
        lastWrittenWall =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>(LAST_WRITTEN_WALL, Long.class));
        expiryTimer =
                getRuntimeContext().getState(new ValueStateDescriptor<>(EXPIRY_TIMER, Long.class));
        outOfOrderSkipped = getRuntimeContext().getMetricGroup().counter("positionsSkippedOlder");
    }

    @Override
    public void processElement(GpsPing ping, Context ctx, Collector<Position> out)
            throws Exception {
        GpsPing previous = latest.value();
        if (previous != null && ping.eventTime() <= previous.eventTime()) {
            outOfOrderSkipped.inc();
            return;
        }
        latest.update(ping);
        Long written = lastWritten.value();
        long now = ctx.timerService().currentProcessingTime();
        if (written != null && ping.eventTime() - written < throttleMs) {
            ctx.timerService().registerEventTimeTimer(written + throttleMs);
        } else if (!wallReady(now)) {
            ctx.timerService().registerProcessingTimeTimer(lastWrittenWall.value() + throttleMs);
        } else {
            emit(ping, now, out);
        }
        if (expiryTimer.value() == null) {
            long expiry = ping.eventTime() + retentionMs;
            ctx.timerService().registerEventTimeTimer(expiry);
            ctx.timerService().registerEventTimeTimer(END_OF_INPUT);
            expiryTimer.update(expiry);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Position> out)
            throws Exception {
        GpsPing ping = latest.value();
        if (ping == null) {
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        Long written = lastWritten.value();
        boolean unwritten = written == null || ping.eventTime() > written;
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            if (unwritten && wallReady(now)) {
                emit(ping, now, out);
            }
            return;
        }
        boolean endOfInput = ctx.timerService().currentWatermark() >= END_OF_INPUT;
        if (unwritten && (written == null || timestamp >= written + throttleMs)) {
            if (endOfInput || wallReady(now)) {
                emit(ping, now, out);
            } else {
                ctx.timerService()
                        .registerProcessingTimeTimer(lastWrittenWall.value() + throttleMs);
            }
        }
        Long expiry = expiryTimer.value();
        if (expiry != null && timestamp >= expiry && timestamp != END_OF_INPUT) {
            long due = ping.eventTime() + retentionMs;
            if (timestamp >= due) {
                latest.clear();
                lastWritten.clear();
                lastWrittenWall.clear();
                expiryTimer.clear();
                ctx.timerService().deleteEventTimeTimer(END_OF_INPUT);
            } else {
                // Pings arrived since the timer was set: look again when the newest one expires.
                ctx.timerService().registerEventTimeTimer(due);
                expiryTimer.update(due);
            }
        }
    }

    private boolean wallReady(long now) throws Exception {
        Long wall = lastWrittenWall.value();
        return wall == null || now - wall >= throttleMs;
    }

    private void emit(GpsPing ping, long now, Collector<Position> out) throws Exception {
        out.collect(Position.of(ping));
        lastWritten.update(ping.eventTime());
        lastWrittenWall.update(now);
    }
}

package org.gridwatch.jobs.positions;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.Position;

/**
 * Keeps the live map's position documents current without one write per ping: per entity, at most
 * one position per {@code throttleMs} of event time, always the newest, never an older one after a
 * newer (out-of-order pings only update the map if they are newer).
 *
 * <p>State per entity (keyed by entity id):
 *
 * <ul>
 *   <li>{@value #LATEST}: the newest ping seen, not yet written if a flush timer is pending;
 *   <li>{@value #LAST_WRITTEN}: event time of the last position emitted;
 *   <li>{@value #EXPIRY_TIMER}: when the pending clean-up timer fires (one at a time per entity).
 * </ul>
 *
 * <p>Clearing: an event-time timer at last ping + {@code retentionMs} clears both when the entity
 * has been silent that long (the document stays in Elasticsearch; the state does not leak).
 */
public final class LatestPositionFunction extends KeyedProcessFunction<String, GpsPing, Position> {
    private static final long serialVersionUID = 1L;
    static final String LATEST = "latest-ping";
    static final String LAST_WRITTEN = "last-written-time";
    static final String EXPIRY_TIMER = "expiry-timer";

    private final long throttleMs;
    private final long retentionMs;
    private transient ValueState<GpsPing> latest;
    private transient ValueState<Long> lastWritten;
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
        lastWritten = getRuntimeContext().getState(new ValueStateDescriptor<>(LAST_WRITTEN, Long.class));
        expiryTimer = getRuntimeContext().getState(new ValueStateDescriptor<>(EXPIRY_TIMER, Long.class));
        outOfOrderSkipped = getRuntimeContext().getMetricGroup().counter("positionsSkippedOlder");
    }

    @Override
    public void processElement(GpsPing ping, Context ctx, Collector<Position> out) throws Exception {
        GpsPing previous = latest.value();
        if (previous != null && ping.eventTime() <= previous.eventTime()) {
            outOfOrderSkipped.inc();
            return;
        }
        latest.update(ping);
        Long written = lastWritten.value();
        if (written == null || ping.eventTime() - written >= throttleMs) {
            emit(ping, out);
        } else {
            // Flush the newest ping once the throttle interval has passed in event time.
            ctx.timerService().registerEventTimeTimer(written + throttleMs);
        }
        if (expiryTimer.value() == null) {
            long expiry = ping.eventTime() + retentionMs;
            ctx.timerService().registerEventTimeTimer(expiry);
            expiryTimer.update(expiry);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Position> out) throws Exception {
        GpsPing ping = latest.value();
        if (ping == null) {
            return;
        }
        Long written = lastWritten.value();
        if (written != null && ping.eventTime() > written && timestamp >= written + throttleMs) {
            emit(ping, out);
        }
        Long expiry = expiryTimer.value();
        if (expiry != null && timestamp >= expiry) {
            long due = ping.eventTime() + retentionMs;
            if (timestamp >= due) {
                latest.clear();
                lastWritten.clear();
                expiryTimer.clear();
            } else {
                // Pings arrived since the timer was set: look again when the newest one expires.
                ctx.timerService().registerEventTimeTimer(due);
                expiryTimer.update(due);
            }
        }
    }

    private void emit(GpsPing ping, Collector<Position> out) throws Exception {
        out.collect(Position.of(ping));
        lastWritten.update(ping.eventTime());
    }
}

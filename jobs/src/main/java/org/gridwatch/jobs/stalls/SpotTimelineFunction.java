package org.gridwatch.jobs.stalls;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import org.gridwatch.common.flink.EventTimeBuffer;
import org.gridwatch.jobs.stalls.logic.SpotTimeline;
import org.gridwatch.jobs.stalls.logic.TimelineEvent;

/**
 * First stage of STALL_REAPPEARED, keyed by spot id: camera detections and clearances (two topics,
 * so their relative order on arrival means nothing) are buffered until the watermark passes them,
 * then applied in event-time order to the spot's {@link SpotTimeline}, which emits APPEARED,
 * CLEARED and GONE with duplicates absorbed.
 *
 * <p>State per spot: {@value #BUFFER} (events not yet passed by the watermark; emptied by the timer
 * at each event's time) and {@value #TIMELINE}. Clearing: a timer at the last activity + {@code
 * retentionMs} (look-back window + 1 day) clears the timeline: after that no reappearance can refer
 * to it.
 */
public final class SpotTimelineFunction extends KeyedProcessFunction<String, SpotEvent, SpotEvent> {
    private static final long serialVersionUID = 1L;
    static final String BUFFER = "spot-buffer";
    static final String TIMELINE = "spot-timeline";

    private final long goneAfterMs;
    private final long minAbsenceMs;
    private final long retentionMs;
    private transient EventTimeBuffer<SpotEvent> buffer;
    private transient ValueState<SpotTimeline> timeline;

    public SpotTimelineFunction(long goneAfterMs, long minAbsenceMs, long retentionMs) {
        this.goneAfterMs = goneAfterMs;
        this.minAbsenceMs = minAbsenceMs;
        this.retentionMs = retentionMs;
    }

    @Override
    public void open(OpenContext openContext) {
        buffer =
                new EventTimeBuffer<>(
                        getRuntimeContext()
                                .getMapState(EventTimeBuffer.descriptor(BUFFER, SpotEvent.class)));
        timeline =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>(TIMELINE, SpotTimeline.class));
    }

    @Override
    public void processElement(SpotEvent e, Context ctx, Collector<SpotEvent> out)
            throws Exception {
        buffer.add(e, e.time(), ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SpotEvent> out)
            throws Exception {
        SpotTimeline t = timeline.value();
        for (SpotEvent e : buffer.drain(timestamp)) {
            if (t == null) {
                t = new SpotTimeline(goneAfterMs, minAbsenceMs);
            }
            for (TimelineEvent change : t.apply(toTimeline(e))) {
                out.collect(toSpotEvent(change, e));
            }
        }
        if (t == null) {
            return;
        }
        if (t.goneAt() >= 0 && timestamp >= t.goneAt()) {
            java.util.List<TimelineEvent> gone = new java.util.ArrayList<>();
            t.expire(timestamp, gone);
            SpotEvent here =
                    new SpotEvent(
                            ctx.getCurrentKey(),
                            SpotEvent.GONE,
                            timestamp,
                            null,
                            Double.NaN,
                            Double.NaN,
                            -1);
            gone.forEach(g -> out.collect(toSpotEvent(g, here)));
        }
        if (timestamp >= t.lastActivity() + retentionMs && t.goneAt() < 0) {
            timeline.clear();
            return;
        }
        timeline.update(t);
        if (t.goneAt() >= 0) {
            ctx.timerService().registerEventTimeTimer(t.goneAt());
        }
        ctx.timerService().registerEventTimeTimer(t.lastActivity() + retentionMs);
    }

    /** A report as the timeline's logic sees it. */
    private static TimelineEvent toTimeline(SpotEvent e) {
        return new TimelineEvent(e.kind(), e.time(), e.ref());
    }

    /**
     * A timeline event in the pipeline's shape, at the spot and place of {@code source}, the event
     * it came from: APPEARED and CLEARED keep the report's {@code since}; GONE is new and has none
     * (-1).
     */
    private static SpotEvent toSpotEvent(TimelineEvent t, SpotEvent source) {
        long since = TimelineEvent.GONE.equals(t.kind()) ? -1 : source.since();
        return new SpotEvent(
                source.spotId(), t.kind(), t.time(), t.ref(), source.lat(), source.lon(), since);
    }
}

package org.gridwatch.common.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.parse.ReasonCodes;

/**
 * Passes on-time events and diverts events already behind the watermark: they would be ignored by
 * event-time windows and timers, so they are counted ({@code lateEvents}) and kept as dead letters
 * with reason {@code late_event}, from where they can be replayed. Stateless.
 */
public final class LateEventFilter<T> extends ProcessFunction<T, T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private transient Counter late;

    public LateEventFilter(String topic) {
        this.topic = topic;
    }

    @Override
    public void open(OpenContext openContext) {
        late = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    @Override
    public void processElement(T event, Context ctx, Collector<T> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        Long timestamp = ctx.timestamp();
        if (timestamp != null && timestamp < watermark) {
            late.inc();
            ctx.output(
                    ParseFunction.DEAD_LETTERS,
                    new DeadLetter(
                            ReasonCodes.LATE_EVENT,
                            "event time " + Json.iso(timestamp) + " is behind the watermark " + Json.iso(watermark),
                            topic,
                            -1,
                            -1,
                            null,
                            Json.MAPPER.writeValueAsString(event),
                            "utf8",
                            ctx.timerService().currentProcessingTime()));
        } else {
            out.collect(event);
        }
    }
}

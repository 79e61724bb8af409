package org.gridwatch.common.flink;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.RawRecord;
import org.gridwatch.common.parse.DeadLetters;
import org.gridwatch.common.parse.InvalidInputException;
import org.gridwatch.common.parse.ReasonCodes;
import org.gridwatch.common.parse.RecordParser;

/**
 * Parses raw Kafka records into events; anything unusable goes to {@link #DEAD_LETTERS} with its
 * reason and is counted per reason ({@code deadLetters} counter with a {@code reason} label). A bad
 * record never fails the job. Stateless.
 *
 * <p>Events already behind the watermark (when {@code divertLate}) go there too, as {@code
 * late_event} with their original bytes, partition and offset, so they can be replayed exactly:
 * event-time windows and timers would otherwise ignore them. They are also counted as {@code
 * lateEvents}. Chained to the source, this sees the source's own watermark, which an event on time
 * in its partition's order is never behind (see {@link InputOrderWatermarks}, {@link
 * SplitWatermarkSource}).
 */
public final class ParseFunction<T> extends ProcessFunction<RawRecord, T> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final RecordParser<T> parser;
    private final boolean divertLate;
    private transient Map<String, Counter> deadLetterCounters;
    private transient Counter parsed;
    private transient Counter late;

    public ParseFunction(RecordParser<T> parser, boolean divertLate) {
        this.parser = parser;
        this.divertLate = divertLate;
    }

    @Override
    public void open(OpenContext openContext) {
        deadLetterCounters = new HashMap<>();
        parsed = getRuntimeContext().getMetricGroup().counter("eventsParsed");
        late = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    @Override
    @SuppressWarnings("unchecked")
    public void processElement(RawRecord raw, Context ctx, Collector<T> out) {
        try {
            LastParse earlier = LastParse.take(raw.value());
            if (earlier != null && earlier.error() != null) {
                throw earlier.error();
            }
            T event = earlier != null ? (T) earlier.event() : parser.parse(raw.value());
            parsed.inc();
            if (divertLate && isLate(ctx)) {
                late.inc();
                counter(ReasonCodes.LATE_EVENT).inc();
                ctx.output(DEAD_LETTERS, DeadLetters.of(raw, ReasonCodes.LATE_EVENT, "event time " + Json.iso(ctx.timestamp())
                        + " is behind the watermark " + Json.iso(ctx.timerService().currentWatermark()),
                        ctx.timerService().currentProcessingTime()));
                return;
            }
            out.collect(event);
        } catch (InvalidInputException e) {
            counter(e.reasonCode()).inc();
            ctx.output(DEAD_LETTERS, DeadLetters.of(raw, e, ctx.timerService().currentProcessingTime()));
        } catch (RuntimeException e) {
            // A parser bug must not stop the city's monitoring: keep the record and say what broke.
            counter("parser_error").inc();
            ctx.output(
                    DEAD_LETTERS,
                    DeadLetters.of(raw, "parser_error", "parser failed: " + e, ctx.timerService().currentProcessingTime()));
        }
    }

    private boolean isLate(Context ctx) {
        Long timestamp = ctx.timestamp();
        return timestamp != null && timestamp < ctx.timerService().currentWatermark();
    }

    private Counter counter(String reasonCode) {
        return deadLetterCounters.computeIfAbsent(
                reasonCode, code -> getRuntimeContext().getMetricGroup().addGroup("reason", code).counter("deadLetters"));
    }
}

package org.gridwatch.common.flink;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.RawRecord;
import org.gridwatch.common.parse.DeadLetters;
import org.gridwatch.common.parse.InvalidInputException;
import org.gridwatch.common.parse.RecordParser;

/**
 * Parses raw Kafka records into events; anything unusable goes to {@link #DEAD_LETTERS} with its
 * reason and is counted per reason ({@code deadLetters} counter with a {@code reason} label). A bad
 * record never fails the job. Stateless.
 */
public final class ParseFunction<T> extends ProcessFunction<RawRecord, T> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final RecordParser<T> parser;
    private transient Map<String, Counter> deadLetterCounters;
    private transient Counter parsed;

    public ParseFunction(RecordParser<T> parser) {
        this.parser = parser;
    }

    @Override
    public void open(OpenContext openContext) {
        deadLetterCounters = new HashMap<>();
        parsed = getRuntimeContext().getMetricGroup().counter("eventsParsed");
    }

    @Override
    @SuppressWarnings("unchecked")
    public void processElement(RawRecord raw, Context ctx, Collector<T> out) {
        try {
            LastParse earlier = LastParse.take(raw.value());
            if (earlier != null && earlier.error() != null) {
                throw earlier.error();
            }
            out.collect(earlier != null ? (T) earlier.event() : parser.parse(raw.value()));
            parsed.inc();
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

    private Counter counter(String reasonCode) {
        return deadLetterCounters.computeIfAbsent(
                reasonCode, code -> getRuntimeContext().getMetricGroup().addGroup("reason", code).counter("deadLetters"));
    }
}

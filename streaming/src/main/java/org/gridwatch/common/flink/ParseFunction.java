package org.gridwatch.common.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.RawRecord;
import org.gridwatch.common.model.ReasonCodes;
import org.gridwatch.common.parse.DeadLetters;
import org.gridwatch.common.parse.InvalidInputException;
import org.gridwatch.common.parse.RecordParser;

import java.util.HashMap;
import java.util.Map;

/**
 * Parses raw Kafka records into events; anything unusable goes to {@link #DEAD_LETTERS} with its
 * reason and is counted per reason ({@code deadLetters} counter with a {@code reason} label). A bad
 * record never fails the job.
 *
 * <p>Late events go there too, as {@code late_event} with their original bytes, partition and
 * offset, so they can be replayed exactly: late as {@link PartitionLateness} judges them, more than
 * the tolerance behind an earlier event of their own partition (event-time windows and timers would
 * otherwise ignore or misplace them). They are also counted as {@code lateEvents}.
 *
 * <p>A parser of reference updates also counts every record it refuses as {@value
 * #REFERENCE_UPDATES_REFUSED} (whatever the reason): a refused update leaves the detectors on an
 * older reference than the city meant, which an operator should hear about even when it is one
 * record a month.
 *
 * <p>State: the latest event time per partition this instance reads ({@value #PROGRESS}, operator
 * list state, one entry per partition), so the verdicts after a restore are those an undisturbed
 * run gives: restored at the same parallelism, each instance gets its own entries back and the
 * Kafka source gives it the same partitions. After a rescale an instance may start a partition
 * afresh (its first events then judged against nothing). Not union state: a bounded source's
 * instances finish one by one, and Flink cannot checkpoint union state of a partly finished vertex.
 * Replaced at each checkpoint, never more entries than partitions.
 */
public final class ParseFunction<T> extends ProcessFunction<RawRecord, T>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    static final String PROGRESS = "partition-progress";

    /**
     * Counter of refused {@code gridwatch.reference} records, beside the per-reason {@code
     * deadLetters}.
     */
    public static final String REFERENCE_UPDATES_REFUSED = "referenceUpdatesRefused";

    private final RecordParser<T> parser;
    private final LateTolerance<T> lateTolerance;

    /** The name of a counter of every refused record, or null for none. */
    private final String refusedCounterName;

    private transient Map<String, Counter> deadLetterCounters;
    private transient Counter refused;
    private transient Counter parsed;
    private transient Counter late;
    private transient PartitionLateness lateness;
    private transient ListState<PartitionLateness.PartitionProgress> progress;

    /**
     * @param lateTolerance how far behind an earlier event of its partition an event may be and
     *     still be used ({@link PartitionLateness#NEVER} for reference data, which applies whenever
     *     it arrives)
     */
    public ParseFunction(RecordParser<T> parser, LateTolerance<T> lateTolerance) {
        this(parser, lateTolerance, null);
    }

    /**
     * @param refusedCounterName also counts every refused record (not late ones) under this name,
     *     as {@link #REFERENCE_UPDATES_REFUSED} for the reference topic; null for no such counter
     */
    public ParseFunction(
            RecordParser<T> parser, LateTolerance<T> lateTolerance, String refusedCounterName) {
        this.parser = parser;
        this.lateTolerance = lateTolerance;
        this.refusedCounterName = refusedCounterName;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        progress =
                context.getOperatorStateStore()
                        .getListState(
                                new ListStateDescriptor<>(
                                        PROGRESS,
                                        TypeInformation.of(
                                                PartitionLateness.PartitionProgress.class)));
        lateness = new PartitionLateness();
        if (context.isRestored()) {
            lateness.restore(progress.get());
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        progress.update(lateness.snapshot());
    }

    @Override
    public void open(OpenContext openContext) {
        deadLetterCounters = new HashMap<>();
        parsed = getRuntimeContext().getMetricGroup().counter("eventsParsed");
        late = getRuntimeContext().getMetricGroup().counter("lateEvents");
        refused =
                refusedCounterName == null
                        ? null
                        : getRuntimeContext().getMetricGroup().counter(refusedCounterName);
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
            Long timestamp = ctx.timestamp();
            long tolerance = lateTolerance.toleranceMs(event);
            Long lateAgainst =
                    timestamp == null
                            ? null
                            : lateness.lateAgainst(
                                    raw.partition(), raw.key(), timestamp, tolerance);
            if (lateAgainst != null) {
                late.inc();
                counter(ReasonCodes.LATE_EVENT).inc();
                ctx.output(
                        DEAD_LETTERS,
                        DeadLetters.of(
                                raw,
                                ReasonCodes.LATE_EVENT,
                                "event time "
                                        + Json.iso(timestamp)
                                        + " is more than "
                                        + tolerance
                                        + " ms before "
                                        + Json.iso(lateAgainst)
                                        + ", the time two entities"
                                        + " had reached earlier in partition "
                                        + raw.partition(),
                                ctx.timerService().currentProcessingTime()));
                return;
            }
            out.collect(event);
        } catch (InvalidInputException e) {
            countRefused();
            counter(e.reasonCode()).inc();
            ctx.output(
                    DEAD_LETTERS,
                    DeadLetters.of(raw, e, ctx.timerService().currentProcessingTime()));
        } catch (RuntimeException e) {
            // A parser bug must not stop the city's monitoring: keep the record and say what broke.
            countRefused();
            counter("parser_error").inc();
            ctx.output(
                    DEAD_LETTERS,
                    DeadLetters.of(
                            raw,
                            "parser_error",
                            "parser failed: " + e,
                            ctx.timerService().currentProcessingTime()));
        }
    }

    private void countRefused() {
        if (refused != null) {
            refused.inc();
        }
    }

    private Counter counter(String reasonCode) {
        return deadLetterCounters.computeIfAbsent(
                reasonCode,
                code ->
                        getRuntimeContext()
                                .getMetricGroup()
                                .addGroup("reason", code)
                                .counter("deadLetters"));
    }
}

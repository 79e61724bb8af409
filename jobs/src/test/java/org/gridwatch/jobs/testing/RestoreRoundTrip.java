package org.gridwatch.jobs.testing;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot-and-restore round trip for one stateful function: the same input runs through
 *
 * <ol>
 *   <li>one harness, uninterrupted, and
 *   <li>one harness that takes {@code snapshot(checkpointId, timestamp)} after the first part and
 *       is closed, then a new harness around a <em>new</em> function instance that is {@code
 *       initializeState(snapshot)}d and opened before the second part.
 * </ol>
 *
 * The {@link Result} holds the outputs (main and the declared side outputs) of both runs, split at
 * the snapshot, and the timers and state entry counts at the split and at the end; {@link
 * Result#assertSameAsUninterrupted()} checks they agree.
 *
 * <p>Use: {@code RestoreRoundTrip.of(() -> RestoreRoundTrip.keyed(new XFunction(),
 * X::key)).run(first, second)}. The factory must build a new function each call and must not open
 * the harness. Parts are fed in the same way to both runs, so a part must not depend on which
 * harness it gets: everything that does not live in state (the watermark of each input, processing
 * time) restarts after a restore, as it does in a job, so the second part sets what it needs (for
 * broadcast functions: a reference side that holds no event time back, here its maximum watermark;
 * in a job, an idle or end-of-time reference stream).
 */
public final class RestoreRoundTrip<H extends AbstractStreamOperatorTestHarness<?>> {
    public static final long CHECKPOINT_ID = 1L;
    public static final long CHECKPOINT_TIMESTAMP = 1L;

    /** Builds an unopened harness around a new function instance. */
    @FunctionalInterface
    public interface HarnessFactory<H> {
        H create() throws Exception;
    }

    /** Feeds one part of the input (elements, watermarks, processing time). */
    @FunctionalInterface
    public interface Part<H> {
        void feed(H harness) throws Exception;
    }

    private final HarnessFactory<H> factory;
    private final List<OutputTag<?>> sideOutputs = new ArrayList<>();
    private final List<MapStateDescriptor<?, ?>> broadcastStates = new ArrayList<>();
    private UnaryOperator<Object> normalizer = UnaryOperator.identity();

    private RestoreRoundTrip(HarnessFactory<H> factory) {
        this.factory = factory;
    }

    public static <H extends AbstractStreamOperatorTestHarness<?>> RestoreRoundTrip<H> of(
            HarnessFactory<H> factory) {
        return new RestoreRoundTrip<>(factory);
    }

    /** An unopened harness for a keyed process function keyed by a string. */
    public static <I, O> KeyedOneInputStreamOperatorTestHarness<String, I, O> keyed(
            KeyedProcessFunction<String, I, O> f, KeySelector<I, String> key) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(f), key, TypeInformation.of(String.class));
    }

    /**
     * An unopened harness for a keyed broadcast function keyed by a string, with its broadcast
     * state.
     */
    public static <I, B, O> KeyedBroadcastOperatorTestHarness<String, I, B, O> keyedBroadcast(
            KeyedBroadcastProcessFunction<String, I, B, O> f,
            KeySelector<I, String> key,
            MapStateDescriptor<?, ?>... broadcastStates)
            throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(f, Arrays.asList(broadcastStates)),
                key,
                TypeInformation.of(String.class),
                1,
                1,
                0);
    }

    /** Side outputs to collect and compare besides the main output. */
    public RestoreRoundTrip<H> sideOutputs(OutputTag<?>... tags) {
        sideOutputs.addAll(Arrays.asList(tags));
        return this;
    }

    /**
     * Broadcast state to compare between the split of the uninterrupted run and the restored
     * harness.
     */
    public RestoreRoundTrip<H> broadcastState(MapStateDescriptor<?, ?>... descriptors) {
        broadcastStates.addAll(Arrays.asList(descriptors));
        return this;
    }

    /** Maps each output value before comparison (e.g. to blank a wall-clock field). */
    public RestoreRoundTrip<H> normalizing(UnaryOperator<Object> n) {
        normalizer = Objects.requireNonNull(n);
        return this;
    }

    /** Runs the input uninterrupted and with a restore between {@code first} and {@code second}. */
    public Result run(Part<H> first, Part<H> second) throws Exception {
        Run uninterrupted;
        try (H h = factory.create()) {
            h.open();
            first.feed(h);
            Outputs before = outputs(h);
            Probe atSplit = probe(h);
            second.feed(h);
            uninterrupted = new Run(before, outputs(h).after(before), atSplit, probe(h));
        }
        OperatorSubtaskState snapshot;
        Outputs before;
        try (H h = factory.create()) {
            h.open();
            first.feed(h);
            before = outputs(h);
            snapshot = h.snapshot(CHECKPOINT_ID, CHECKPOINT_TIMESTAMP);
        }
        try (H h = factory.create()) {
            h.initializeState(snapshot);
            h.open();
            Probe afterRestore = probe(h);
            second.feed(h);
            return new Result(uninterrupted, new Run(before, outputs(h), afterRestore, probe(h)));
        }
    }

    private Outputs outputs(H h) {
        Map<String, List<StreamRecord<?>>> side = new LinkedHashMap<>();
        for (OutputTag<?> tag : sideOutputs) {
            side.put(tag.getId(), records(h.getSideOutput(tag)));
        }
        return new Outputs(records(h.getOutput()), side, normalizer);
    }

    private static List<StreamRecord<?>> records(Collection<?> queue) {
        List<StreamRecord<?>> out = new ArrayList<>();
        if (queue != null) {
            for (Object o : queue) {
                if (o instanceof StreamRecord<?> r) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private Probe probe(H h) throws Exception {
        KeyedStateBackend<?> backend = h.getOperator().getKeyedStateBackend();
        int entries =
                backend instanceof HeapKeyedStateBackend<?> heap
                        ? heap.numKeyValueStateEntries()
                        : -1;
        Map<String, Map<Object, Object>> broadcast = new LinkedHashMap<>();
        if (h instanceof KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> b) {
            for (MapStateDescriptor<?, ?> d : broadcastStates) {
                Map<Object, Object> m = new LinkedHashMap<>();
                b.getBroadcastState(d).entries().forEach(e -> m.put(e.getKey(), e.getValue()));
                broadcast.put(d.getName(), m);
            }
        }
        return new Probe(h.numEventTimeTimers(), h.numProcessingTimeTimers(), entries, broadcast);
    }

    /** One output value with its record timestamp (null if it has none). */
    public record Emitted(Object value, Long timestamp) {
        @Override
        public String toString() {
            return value + "@" + timestamp;
        }
    }

    /**
     * Main output and side outputs (by tag id) of one stretch of a run: the records as emitted, for
     * assertions on values, and normalised with their timestamps, for comparing runs.
     */
    public static final class Outputs {
        private final List<StreamRecord<?>> main;
        private final Map<String, List<StreamRecord<?>>> side;
        private final UnaryOperator<Object> normalizer;

        Outputs(
                List<StreamRecord<?>> main,
                Map<String, List<StreamRecord<?>>> side,
                UnaryOperator<Object> normalizer) {
            this.main = main;
            this.side = side;
            this.normalizer = normalizer;
        }

        Outputs after(Outputs prefix) {
            Map<String, List<StreamRecord<?>>> rest = new LinkedHashMap<>();
            side.forEach(
                    (tag, list) ->
                            rest.put(tag, list.subList(prefix.side.get(tag).size(), list.size())));
            return new Outputs(main.subList(prefix.main.size(), main.size()), rest, normalizer);
        }

        /** Main output values as emitted. */
        public List<Object> values() {
            return main.stream().<Object>map(StreamRecord::getValue).toList();
        }

        /** Side output values as emitted. */
        @SuppressWarnings("unchecked")
        public <X> List<X> values(OutputTag<X> tag) {
            return side.getOrDefault(tag.getId(), List.of()).stream()
                    .map(r -> (X) r.getValue())
                    .toList();
        }

        /** Main output, normalised, with record timestamps. */
        public List<Emitted> main() {
            return emitted(main);
        }

        /** Side outputs by tag id, normalised, with record timestamps. */
        public Map<String, List<Emitted>> side() {
            Map<String, List<Emitted>> out = new LinkedHashMap<>();
            side.forEach((tag, list) -> out.put(tag, emitted(list)));
            return out;
        }

        private List<Emitted> emitted(List<StreamRecord<?>> records) {
            return records.stream()
                    .map(
                            r ->
                                    new Emitted(
                                            normalizer.apply(r.getValue()),
                                            r.hasTimestamp() ? r.getTimestamp() : null))
                    .toList();
        }
    }

    /**
     * Timers and keyed state entries of a harness at one instant, and the declared broadcast state.
     */
    public record Probe(
            int eventTimeTimers,
            int processingTimeTimers,
            int keyedStateEntries,
            Map<String, Map<Object, Object>> broadcastState) {}

    /**
     * One run: outputs before and after the split, the probe at the split (for the restored run: of
     * the restored harness just after it opened) and at the end.
     */
    public record Run(Outputs beforeSplit, Outputs afterSplit, Probe atSplit, Probe atEnd) {}

    /** Both runs of one round trip. */
    public record Result(Run uninterrupted, Run restored) {
        /** Outputs the restored harness produced (after the restore). */
        public Outputs afterRestore() {
            return restored.afterSplit;
        }

        /**
         * The restore is invisible: same outputs before and after the split, the restored harness
         * starts with the timers, keyed state entries and broadcast state the uninterrupted one had
         * at the split, and both end with the same timers and state.
         */
        public Result assertSameAsUninterrupted() {
            assertThat(restored.beforeSplit.main())
                    .as("the first part is deterministic")
                    .isEqualTo(uninterrupted.beforeSplit.main());
            assertThat(restored.beforeSplit.side())
                    .as("the first part is deterministic")
                    .isEqualTo(uninterrupted.beforeSplit.side());
            assertThat(restored.atSplit.eventTimeTimers)
                    .as("event-time timers restored")
                    .isEqualTo(uninterrupted.atSplit.eventTimeTimers);
            assertThat(restored.atSplit.processingTimeTimers)
                    .as("processing-time timers restored")
                    .isEqualTo(uninterrupted.atSplit.processingTimeTimers);
            assertThat(restored.atSplit.keyedStateEntries)
                    .as("keyed state restored")
                    .isEqualTo(uninterrupted.atSplit.keyedStateEntries);
            assertThat(restored.atSplit.broadcastState)
                    .as("broadcast state restored")
                    .isEqualTo(uninterrupted.atSplit.broadcastState);
            assertThat(restored.afterSplit.main())
                    .as("main output after the restore")
                    .isEqualTo(uninterrupted.afterSplit.main());
            assertThat(restored.afterSplit.side())
                    .as("side outputs after the restore")
                    .isEqualTo(uninterrupted.afterSplit.side());
            assertThat(restored.atEnd)
                    .as("timers and state at the end")
                    .isEqualTo(uninterrupted.atEnd);
            return this;
        }
    }
}

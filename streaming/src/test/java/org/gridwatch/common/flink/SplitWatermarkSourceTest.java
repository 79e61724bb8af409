package org.gridwatch.common.flink;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.InputStatus;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Every assigned split takes part in the watermark before any record of any split is emitted. */
class SplitWatermarkSourceTest {
    record Split(String splitId) implements SourceSplit {}

    /**
     * A reader like Flink's SourceReaderBase: asks for a split's output only when that split yields
     * a record.
     */
    static final class LazyReader implements SourceReader<String, Split> {
        final List<Split> splits = new ArrayList<>();

        @Override
        public void start() {}

        @Override
        public InputStatus pollNext(ReaderOutput<String> output) {
            output.createOutputForSplit(splits.get(0).splitId())
                    .collect("record of " + splits.get(0).splitId());
            return InputStatus.MORE_AVAILABLE;
        }

        @Override
        public List<Split> snapshotState(long checkpointId) {
            return splits;
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void addSplits(List<Split> added) {
            splits.addAll(added);
        }

        @Override
        public void notifyNoMoreSplits() {}

        @Override
        public void close() {}
    }

    /** Records what the reader asked of the output, in order. */
    static final class RecordingOutput implements ReaderOutput<String> {
        final List<String> calls = new ArrayList<>();

        @Override
        public void collect(String record) {
            calls.add("collect " + record);
        }

        @Override
        public void collect(String record, long timestamp) {
            collect(record);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        @Override
        public SourceOutput<String> createOutputForSplit(String splitId) {
            calls.add("output " + splitId);
            RecordingOutput self = this;
            return new SourceOutput<>() {
                @Override
                public void collect(String record) {
                    self.collect(record);
                }

                @Override
                public void collect(String record, long timestamp) {
                    self.collect(record);
                }

                @Override
                public void emitWatermark(Watermark watermark) {}

                @Override
                public void markIdle() {}

                @Override
                public void markActive() {}
            };
        }

        @Override
        public void releaseOutputForSplit(String splitId) {
            calls.add("release " + splitId);
        }
    }

    @Test
    void shouldRegisterEveryAssignedSplitBeforeTheFirstRecord() throws Exception {
        LazyReader lazy = new LazyReader();
        var reader = new SplitWatermarkSource.Reader<>(lazy);
        RecordingOutput output = new RecordingOutput();

        reader.addSplits(List.of(new Split("gps-0"), new Split("gps-2")));
        reader.pollNext(output);
        reader.pollNext(output);

        assertThat(output.calls)
                .containsExactly(
                        "output gps-0",
                        "output gps-2",
                        "output gps-0",
                        "collect record of gps-0",
                        "output gps-0",
                        "collect record of gps-0");
    }

    @Test
    void shouldRegisterSplitsAssignedLaterBeforeTheNextPoll() throws Exception {
        LazyReader lazy = new LazyReader();
        var reader = new SplitWatermarkSource.Reader<>(lazy);
        RecordingOutput output = new RecordingOutput();

        reader.addSplits(List.of(new Split("gps-0")));
        reader.pollNext(output);
        output.calls.clear();
        reader.addSplits(List.of(new Split("gps-1")));
        reader.pollNext(output);

        assertThat(output.calls).startsWith("output gps-1");
    }
}

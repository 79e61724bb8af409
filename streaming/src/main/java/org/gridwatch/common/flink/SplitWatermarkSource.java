package org.gridwatch.common.flink;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A source whose every split (Kafka partition) holds the watermark back from the moment it is
 * assigned to a reader, not from its first record.
 *
 * <p>Why: Flink's {@code SourceReaderBase} (connector-base 2.2) creates a split's watermark output
 * lazily, when the split first yields records. Until then the reader's watermark is the minimum
 * over the splits that have already produced, so a reader that fetched a batch of partition A first
 * advances past the older records partition B is about to deliver, and those on-time records turn
 * late. That happened at every start, restart without a checkpoint and backfill (35,422 valid GPS
 * events dead-lettered as late by a job catching up behind a Minhang day; a few per evaluation
 * run). This wrapper registers each split's output before the reader polls again; the reader later
 * asks for the same output and gets the one registered here, and releases it when the split ends.
 *
 * <p>An assigned partition that never delivers anything then holds event time until the idleness
 * timeout declares it idle, which is what idleness is for.
 */
public final class SplitWatermarkSource<T, SplitT extends SourceSplit, EnumChkT>
        implements Source<T, SplitT, EnumChkT>, ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    private final Source<T, SplitT, EnumChkT> delegate;
    private final TypeInformation<T> producedType;

    public SplitWatermarkSource(
            Source<T, SplitT, EnumChkT> delegate, TypeInformation<T> producedType) {
        this.delegate = delegate;
        this.producedType = producedType;
    }

    @Override
    public Boundedness getBoundedness() {
        return delegate.getBoundedness();
    }

    @Override
    public SourceReader<T, SplitT> createReader(SourceReaderContext readerContext)
            throws Exception {
        return new Reader<>(delegate.createReader(readerContext));
    }

    @Override
    public SplitEnumerator<SplitT, EnumChkT> createEnumerator(
            SplitEnumeratorContext<SplitT> enumContext) throws Exception {
        return delegate.createEnumerator(enumContext);
    }

    @Override
    public SplitEnumerator<SplitT, EnumChkT> restoreEnumerator(
            SplitEnumeratorContext<SplitT> enumContext, EnumChkT checkpoint) throws Exception {
        return delegate.restoreEnumerator(enumContext, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<SplitT> getSplitSerializer() {
        return delegate.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<EnumChkT> getEnumeratorCheckpointSerializer() {
        return delegate.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return producedType;
    }

    /** Registers the watermark output of every newly assigned split before the next poll. */
    static final class Reader<T, SplitT extends SourceSplit> implements SourceReader<T, SplitT> {
        private final SourceReader<T, SplitT> delegate;
        private final List<String> unregistered = new ArrayList<>();

        Reader(SourceReader<T, SplitT> delegate) {
            this.delegate = delegate;
        }

        @Override
        public void start() {
            delegate.start();
        }

        @Override
        public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
            if (!unregistered.isEmpty()) {
                // Both calls run in the task's mailbox thread, so nothing is polled in between.
                unregistered.forEach(output::createOutputForSplit);
                unregistered.clear();
            }
            return delegate.pollNext(output);
        }

        @Override
        public void addSplits(List<SplitT> splits) {
            splits.forEach(split -> unregistered.add(split.splitId()));
            delegate.addSplits(splits);
        }

        @Override
        public List<SplitT> snapshotState(long checkpointId) {
            return delegate.snapshotState(checkpointId);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return delegate.isAvailable();
        }

        @Override
        public void notifyNoMoreSplits() {
            delegate.notifyNoMoreSplits();
        }

        @Override
        public void handleSourceEvents(SourceEvent sourceEvent) {
            delegate.handleSourceEvents(sourceEvent);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            delegate.notifyCheckpointComplete(checkpointId);
        }

        @Override
        public void notifyCheckpointAborted(long checkpointId) throws Exception {
            delegate.notifyCheckpointAborted(checkpointId);
        }

        @Override
        public void pauseOrResumeSplits(Collection<String> toPause, Collection<String> toResume) {
            delegate.pauseOrResumeSplits(toPause, toResume);
        }

        @Override
        public void close() throws Exception {
            delegate.close();
        }
    }
}

package org.gridwatch.common.flink;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether an event is late, judged in its own partition's order: late when its time is more than the
 * tolerance (never negative) before the latest event time seen earlier in that partition. The verdict depends on the
 * partition's content alone, not on how partitions were interleaved by a reader or on restarts (the
 * latest times are part of the checkpoint), so every run over the same input dead-letters the same
 * events. With the tolerance at the watermark bound, an event judged on time is never behind any
 * watermark downstream (each partition's watermark trails its latest time by more than the bound).
 */
public final class PartitionLateness {
    /** A tolerance that declares nothing late (reference data). */
    public static final long NEVER = Long.MAX_VALUE;

    private final Map<Integer, Long> latest = new HashMap<>();

    /**
     * Judges one event and remembers its time; returns the latest earlier time it is late against, or
     * null when it is on time within {@code toleranceMs}.
     */
    public Long lateAgainst(int partition, long eventTime, long toleranceMs) {
        Long before = latest.get(partition);
        if (before == null || eventTime > before) {
            latest.put(partition, eventTime);
            return null;
        }
        if (toleranceMs != NEVER && eventTime < before - toleranceMs) {
            return before;
        }
        return null;
    }

    /** The latest time per partition, for the checkpoint. */
    public List<PartitionProgress> snapshot() {
        return latest.entrySet().stream().map(e -> new PartitionProgress(e.getKey(), e.getValue())).toList();
    }

    /** Takes over latest times from a checkpoint (from every former instance: the latest per partition wins). */
    public void restore(Iterable<PartitionProgress> progress) {
        for (PartitionProgress p : progress) {
            latest.merge(p.partition(), p.latestEventTime(), Math::max);
        }
    }

    /** The latest event time seen in one partition (operator state of the parse step). */
    public record PartitionProgress(int partition, long latestEventTime) {}
}

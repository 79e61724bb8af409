package org.gridwatch.common.flink;

import org.gridwatch.common.time.PartitionReach;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether an event is late, judged in its own partition's order: late when its time is more than
 * the tolerance (never negative) before the partition's reach from the events seen earlier in it
 * (the latest time two entities agree on, {@link PartitionReach}). The verdict depends on the
 * partition's content alone, not on how partitions were interleaved by a reader or on restarts (the
 * latest times are part of the checkpoint), so every run over the same input dead-letters the same
 * events. With the tolerance at the watermark bound, an event judged on time is never behind any
 * watermark downstream (each partition's watermark trails its latest time by more than the bound).
 */
public final class PartitionLateness {
    /** A tolerance that declares nothing late (reference data). */
    public static final long NEVER = Long.MAX_VALUE;

    private final Map<Integer, PartitionReach> reaches = new HashMap<>();

    /**
     * Judges one event and takes it into its partition's reach ({@link PartitionReach}: the latest
     * time two entities agree on, as the partition's watermark uses); returns the reach it is late
     * against, or null when it is on time within {@code toleranceMs}.
     *
     * @param key the record's Kafka key (its entity), or null
     */
    public Long lateAgainst(int partition, byte[] key, long eventTime, long toleranceMs) {
        PartitionReach reach = reaches.computeIfAbsent(partition, p -> new PartitionReach());
        long before = reach.reach();
        reach.observe(key, eventTime);
        if (before == Long.MIN_VALUE || eventTime >= before || toleranceMs == NEVER) {
            return null;
        }
        return eventTime < before - toleranceMs ? before : null;
    }

    /** The reach per partition, for the checkpoint. */
    public List<PartitionProgress> snapshot() {
        return reaches.entrySet().stream()
                .filter(e -> e.getValue().reach() != Long.MIN_VALUE)
                .map(e -> new PartitionProgress(e.getKey(), e.getValue().reach()))
                .toList();
    }

    /**
     * Takes over reaches from a checkpoint (from every former instance: the latest per partition
     * wins).
     */
    public void restore(Iterable<PartitionProgress> progress) {
        Map<Integer, Long> latest = new HashMap<>();
        for (PartitionProgress p : progress) {
            latest.merge(p.partition(), p.latestEventTime(), Math::max);
        }
        latest.forEach((partition, time) -> reaches.put(partition, PartitionReach.restored(time)));
    }

    /** The latest event time seen in one partition (operator state of the parse step). */
    public record PartitionProgress(int partition, long latestEventTime) {}
}

package org.gridwatch.common.time;

import java.io.Serializable;
import java.util.Arrays;

/**
 * How far event time has got in one Kafka partition, as two different entities agree on it: the
 * latest time of the second most advanced entity (records keyed by entity, as every GridWatch
 * producer writes them), not the latest time of any record.
 *
 * <p>Why: a partition carries many entities, and one device whose clock runs ahead (a terminal set
 * to the wrong zone, a replayed recording mixed with a live feed) would otherwise carry the
 * partition's watermark and lateness judgement with it, and every valid event of the other entities
 * behind it would be late. Seen: one location report stamped with today's time in a feed at
 * yesterday's time turned the next 6,297 events of its partition into late events.
 *
 * <p>A lone entity ahead is trusted once nobody else has moved for {@link #LONE_LEAD_EVENTS} of the
 * partition's records (a partition where only one device reports, or a quiet night with one truck
 * out); a record without a key counts as an entity of its own, so two records agree. After a real
 * gap (the whole feed resumes later), the second entity to report confirms the new time.
 */
public final class PartitionReach implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Records of the partition after which the most advanced entity is trusted alone. */
    public static final int LONE_LEAD_EVENTS = 30;

    private byte[] firstKey;
    private long first = Long.MIN_VALUE;
    private byte[] secondKey;
    private long second = Long.MIN_VALUE;
    private int sinceSecondMoved;

    /**
     * Never lower than before: watermarks do not go back, and lateness is judged against the same
     * reach.
     */
    private long reported = Long.MIN_VALUE;

    /**
     * A partition seen before a restart, known only by its reach (the first record then confirms
     * it).
     */
    public static PartitionReach restored(long reach) {
        PartitionReach r = new PartitionReach();
        r.first = reach;
        r.second = reach;
        r.reported = reach;
        return r;
    }

    /**
     * The reach: the latest event time at least two entities have got to (or one alone, see above).
     */
    public long reach() {
        return reported;
    }

    /** Takes one record's key (null when none) and event time into account. */
    public void observe(byte[] key, long eventTime) {
        if (eventTime == Long.MIN_VALUE) {
            return;
        }
        sinceSecondMoved++;
        if (same(key, firstKey)) {
            first = Math.max(first, eventTime);
        } else if (eventTime > first) {
            secondKey = firstKey;
            second = first;
            firstKey = key;
            first = eventTime;
            sinceSecondMoved = 0;
        } else if (same(key, secondKey)) {
            if (eventTime > second) {
                second = eventTime;
                sinceSecondMoved = 0;
            }
        } else if (eventTime > second) {
            secondKey = key;
            second = eventTime;
            sinceSecondMoved = 0;
        }
        long agreed =
                second == Long.MIN_VALUE || sinceSecondMoved >= LONE_LEAD_EVENTS ? first : second;
        reported = Math.max(reported, agreed);
    }

    private static boolean same(byte[] a, byte[] b) {
        return a != null && b != null && Arrays.equals(a, b);
    }
}

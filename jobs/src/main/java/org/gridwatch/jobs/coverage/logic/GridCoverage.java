package org.gridwatch.jobs.coverage.logic;

import java.util.ArrayList;
import java.util.List;

/**
 * The duty clock of one grid: when officers were inside, whether it is uncovered now, and its
 * coverage in the current hour. Plain logic, no Flink; the Flink function keeps one per grid in
 * keyed state and feeds it presences and the advancing event-time clock.
 *
 * <p>The rule (docs/alerts.md#grid_uncovered, docs/rules.md#coverage): at an instant t of a duty
 * occurrence [dutyStart, dutyEnd) the grid is uncovered when {@code t - ref >= maxGap}, where
 * {@code ref = max(last officer ping inside, dutyStart, observedSince)}. {@code observedSince} is
 * the first instant this detector had data for (before it, nothing is known, so nothing is
 * claimed). The episode begins at {@code ref + maxGap} and ends at the first officer ping inside
 * after it, or at the end of the duty occurrence, whichever comes first.
 *
 * <p>Input is applied in event-time order: presences are buffered until the clock passes them, so
 * the result does not depend on arrival order within the watermark bound.
 *
 * <p>A mutable POJO (public fields) so Flink stores it without Kryo.
 */
public final class GridCoverage {
    /** What advancing the clock produced. */
    public interface Listener {
        /**
         * The grid became uncovered at {@code at}; the last officer inside was seen at {@code
         * lastSeen} (or never: MIN_VALUE).
         */
        void opened(long at, long lastSeen);

        /**
         * The open episode ended at {@code at}: an officer arrived ({@code arrival} non-null) or
         * duty ended.
         */
        void closed(long at, Presence arrival);

        /** An hour ended. */
        void hour(HourBucket bucket);
    }

    public static final long NONE = Long.MIN_VALUE;

    public long observedSince = NONE;

    /** Largest event time of any input seen for this grid (presence, start) or of the GPS clock. */
    public long clock = NONE;

    /** Everything at or before this instant has been applied. */
    public long processedTo = NONE;

    public long lastSeen = NONE;

    /** Presences not yet applied, sorted by time. */
    public List<Presence> pending = new ArrayList<>();

    /** Start of the open uncovered episode, or NONE. */
    public long openSince = NONE;

    public HourBucket bucket;

    /** The last computed {@link #nextWake}, NONE before the first (lets clock ticks skip work). */
    public long wakeAt = NONE;

    public GridCoverage() {}

    /** Notes an input with event time {@code t} (the first one starts observation). */
    public void observe(long t) {
        if (observedSince == NONE || (t < observedSince && processedTo == NONE)) {
            observedSince = t;
        }
        clock = Math.max(clock, t);
    }

    /**
     * The data of the stream reaches {@code t} (the GPS clock of the officer side): moves the clock
     * there, without starting observation.
     */
    public void reach(long t) {
        clock = Math.max(clock, t);
    }

    public void add(Presence p) {
        observe(p.time());
        Presence q =
                p.time() <= processedTo
                        ? new Presence(
                                processedTo + 1, p.officerId(), p.entered(), p.lat(), p.lon())
                        : p;
        int i = pending.size();
        while (i > 0 && pending.get(i - 1).time() > q.time()) {
            i--;
        }
        pending.add(i, q);
    }

    public boolean isOpen() {
        return openSince != NONE;
    }

    /**
     * The next instant something happens if no other input arrives: the next thing to wake up for.
     */
    public long nextWake(GapRule rule) {
        if (observedSince == NONE) {
            return Long.MAX_VALUE;
        }
        long cur = processedTo == NONE ? observedSince : processedTo;
        long next = pending.isEmpty() ? Long.MAX_VALUE : pending.get(0).time();
        next = Math.min(next, isOpen() ? rule.occurrence(openSince)[1] : deadline(rule, cur));
        if (bucket != null) {
            next = Math.min(next, bucket.end());
        }
        return next;
    }

    /** Applies everything up to and including {@code to}, in event-time order. */
    public void advance(long to, GapRule rule, Listener listener) {
        if (observedSince == NONE
                || to < observedSince
                || (processedTo != NONE && to <= processedTo)) {
            return;
        }
        long cur = processedTo == NONE ? observedSince : processedTo;
        if (bucket == null) {
            bucket = HourBucket.at(cur);
        }
        while (true) {
            long presenceAt = pending.isEmpty() ? Long.MAX_VALUE : pending.get(0).time();
            long stateAt = isOpen() ? rule.occurrence(openSince)[1] : deadline(rule, cur);
            long hourEnd = bucket.end();
            long t = Math.min(Math.min(presenceAt, stateAt), hourEnd);
            if (t > to) {
                break;
            }
            if (t == hourEnd && hourEnd <= presenceAt && hourEnd <= stateAt) {
                markDuty(rule, cur, hourEnd);
                listener.hour(bucket);
                bucket = HourBucket.at(hourEnd);
                cur = hourEnd;
                continue;
            }
            if (presenceAt <= stateAt) {
                Presence p = pending.remove(0);
                markDuty(rule, cur, p.time());
                if (isOpen()) {
                    listener.closed(p.time(), p);
                    openSince = NONE;
                }
                lastSeen = Math.max(lastSeen, p.time());
                bucket.add(p);
                cur = p.time();
            } else if (!isOpen()) {
                markDuty(rule, cur, stateAt);
                openSince = stateAt;
                listener.opened(stateAt, lastSeen);
                cur = stateAt;
            } else {
                markDuty(rule, cur, stateAt);
                listener.closed(stateAt, null);
                openSince = NONE;
                cur = stateAt;
            }
        }
        markDuty(rule, cur, to);
        processedTo = to;
    }

    /** Sets the bucket's duty flag when any instant of [from, to] within its hour is duty time. */
    private void markDuty(GapRule rule, long from, long to) {
        if (bucket.duty) {
            return;
        }
        long a = Math.max(from, bucket.start);
        long b = Math.min(to, bucket.end() - 1);
        if (a > b) {
            return;
        }
        long[] occ = rule.occurrence(a);
        bucket.duty = occ[0] <= b;
    }

    /**
     * The earliest instant at or after {@code cur} at which the grid becomes uncovered if no
     * officer comes, or MAX_VALUE.
     */
    long deadline(GapRule rule, long cur) {
        long[] occ = rule.occurrence(cur);
        for (int i = 0; i < 3 && occ[0] != Long.MAX_VALUE; i++) {
            long ref = Math.max(Math.max(lastSeen, observedSince), occ[0]);
            long d = ref + rule.maxGapMs();
            if (d < occ[1]) {
                return Math.max(d, cur);
            }
            if (occ[1] == Long.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
            occ = rule.occurrence(occ[1]);
        }
        return Long.MAX_VALUE;
    }
}

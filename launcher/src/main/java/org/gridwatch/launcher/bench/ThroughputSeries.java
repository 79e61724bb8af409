package org.gridwatch.launcher.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Samples of a cumulative count (records the sources have read) over time. A bounded run has a
 * start-up (job deployed, nothing read yet), a steady state and a tail (the last partitions
 * draining, end-of-input timers): the rate between two fractions of the final count is the steady
 * state, free of both ends.
 */
public final class ThroughputSeries {
    private final List<long[]> samples = new ArrayList<>();

    /**
     * A sample: the count at {@code nanos} (System.nanoTime). Counts never go down; a lower one is
     * ignored.
     */
    public synchronized void add(long nanos, long count) {
        if (!samples.isEmpty() && count < samples.get(samples.size() - 1)[1]) {
            return;
        }
        samples.add(new long[] {nanos, count});
    }

    public synchronized long finalCount() {
        return samples.isEmpty() ? 0 : samples.get(samples.size() - 1)[1];
    }

    /** When the count first rose above zero, or empty when it never did. */
    public synchronized OptionalLong firstRecordNanos() {
        for (long[] s : samples) {
            if (s[1] > 0) {
                return OptionalLong.of(s[0]);
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Records per second between the first samples that reached {@code from} and {@code to} of the
     * final count (0.1 and 0.9 for the steady state); empty when fewer than two samples lie apart.
     */
    public synchronized OptionalDouble rateBetween(double from, double to) {
        long[] a = firstReaching(from);
        long[] b = firstReaching(to);
        if (a == null || b == null || b[0] <= a[0]) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((b[1] - a[1]) / ((b[0] - a[0]) / 1e9));
    }

    /**
     * Whether the sample time {@code nanos} lies inside the window {@link #rateBetween} measures.
     */
    public synchronized boolean inWindow(long nanos, double from, double to) {
        long[] a = firstReaching(from);
        long[] b = firstReaching(to);
        return a != null && b != null && nanos >= a[0] && nanos <= b[0];
    }

    private long[] firstReaching(double fraction) {
        long target = (long) Math.ceil(finalCount() * fraction);
        for (long[] s : samples) {
            if (s[1] >= target && s[1] > 0) {
                return s;
            }
        }
        return null;
    }
}

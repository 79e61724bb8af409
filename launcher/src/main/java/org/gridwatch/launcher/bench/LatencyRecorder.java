package org.gridwatch.launcher.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Latencies in milliseconds per label (an alert type), with their percentiles per label and over
 * all labels: what {@code benchmark --latency} prints. Thread-safe: a consumer thread records while
 * the main thread may read. Keeps every sample (a few per alert revision, so a few MB for hours of
 * alerts) to give exact percentiles rather than a sketch's approximations.
 */
public final class LatencyRecorder {
    private final Map<String, List<Long>> samples = new TreeMap<>();

    /**
     * Count and percentiles of one set of latencies, in ms; nearest-rank percentiles, so every
     * figure is a latency that was measured.
     */
    public record Summary(long count, long p50, long p95, long p99, long max) {
        static final Summary EMPTY = new Summary(0, 0, 0, 0, 0);

        /** {@code n=120 p50=310 ms p95=480 ms p99=620 ms max=700 ms}, or {@code n=0}. */
        public String format() {
            if (count == 0) {
                return "n=0";
            }
            return String.format(
                    "n=%d p50=%d ms p95=%d ms p99=%d ms max=%d ms", count, p50, p95, p99, max);
        }
    }

    /** One latency under a label; a negative one (clocks of one machine, so none) counts as 0. */
    public synchronized void record(String label, long latencyMs) {
        samples.computeIfAbsent(label, k -> new ArrayList<>()).add(Math.max(0, latencyMs));
    }

    /** The labels recorded so far, in alphabetical order. */
    public synchronized List<String> labels() {
        return List.copyOf(samples.keySet());
    }

    /** The latencies under one label. */
    public synchronized Summary summary(String label) {
        List<Long> of = samples.get(label);
        return of == null ? Summary.EMPTY : summarize(of.stream().mapToLong(Long::longValue));
    }

    /** The latencies under every label together. */
    public synchronized Summary overall() {
        return summarize(
                samples.values().stream().flatMap(List::stream).mapToLong(Long::longValue));
    }

    private static Summary summarize(java.util.stream.LongStream values) {
        long[] sorted = values.sorted().toArray();
        if (sorted.length == 0) {
            return Summary.EMPTY;
        }
        return new Summary(
                sorted.length,
                percentile(sorted, 50),
                percentile(sorted, 95),
                percentile(sorted, 99),
                sorted[sorted.length - 1]);
    }

    /**
     * The nearest-rank percentile of sorted values: the smallest value with at least {@code p} % of
     * the values at or below it.
     */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }
}

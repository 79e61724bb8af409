package org.gridwatch.launcher.bench;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The JVM heap after GC per <em>simulated</em> hour of a benchmark run: whether state grows without
 * bound shows as heap that keeps rising from one simulated hour to the next.
 *
 * <p>Each sample is (simulated time, heap after GC, GC count): the simulated time is the jobs'
 * event-time progress (their watermark), the heap after GC is the heap used right after the latest
 * collection (summed over the heap pools, no GC forced), the GC count is cumulative. A sample
 * belongs to the hour its simulated time falls in; an hour's heap is that of its latest sample (the
 * greatest simulated time, the later-added one on a tie), so samples may come out of order and
 * hours may be given more than once. An hour's GCs are the rise of the highest count seen in it
 * over the highest count of the hour before it with samples (the first hour: over its lowest
 * count); a count lower than one already seen is never counted as negative GCs.
 *
 * <p><b>The verdict.</b> An hour without a GC shows an earlier hour's heap, so only hours with at
 * least one GC are judged, and the first hour with samples is left out as warm-up (reference data
 * loaded, each entity's state created on first sight, code compiled). Of the judged hours, the mean
 * heap of the first {@code k} is compared with the mean of the last {@code k}, {@code k} = a
 * quarter of them rounded down, at least 1 and at most 3. The heap is <em>flat</em> when the last
 * hours are within {@link #FLAT_TOLERANCE} (20 %) of the first, <em>grows</em> above that,
 * <em>falls</em> below. Fewer than two judged hours give no verdict. A young-generation collector
 * promotes garbage into the old generation until a mixed or full collection reclaims it, so the
 * heap after GC of single hours saw-tooths by tens of percent; the tolerance and the means absorb
 * that, and a real leak over a simulated day shows as a rise well beyond it.
 */
public final class HeapPerHour {
    /** Within this share of the first hours' heap, the heap is flat. */
    public static final double FLAT_TOLERANCE = 0.20;

    private static final long HOUR_MS = 3_600_000L;
    private static final int MAX_HOURS_COMPARED = 3;
    private static final double MB = 1024.0 * 1024.0;

    /** One simulated hour: its start, the heap after GC at its latest sample, the GCs in it. */
    public record Row(Instant hour, long heapAfterGcBytes, long gcs, int samples) {
        public double heapMb() {
            return heapAfterGcBytes / MB;
        }
    }

    /** Samples of one hour, as they are folded in. */
    private static final class Hour {
        long lastSimMillis = Long.MIN_VALUE;
        long heap;
        long minGcCount = Long.MAX_VALUE;
        long maxGcCount = Long.MIN_VALUE;
        int samples;
    }

    private final TreeMap<Long, Hour> hours = new TreeMap<>();

    /** At most this many heap samples wait for a simulated time (an hour at 10 a second). */
    private static final int MAX_PENDING = 36_000;

    /** Heap samples {wall-clock nanos, heap after GC, GC count} waiting for a simulated time. */
    private final List<long[]> pending = new ArrayList<>();

    private long lastWallNanos = Long.MIN_VALUE;
    private long lastSimulatedMillis;

    /**
     * A heap sample whose simulated time is not known yet: taken at {@code wallNanos}
     * (System.nanoTime), it is placed by the next {@link #simulatedTimeAt}.
     */
    public synchronized void heapAt(long wallNanos, long heapAfterGcBytes, long gcCount) {
        if (pending.size() < MAX_PENDING) {
            pending.add(new long[] {wallNanos, heapAfterGcBytes, gcCount});
        }
    }

    /**
     * The simulated time at {@code wallNanos}: each heap sample waiting since the previous call is
     * {@link #add added} at the simulated time interpolated linearly between the two calls. Samples
     * before the first call are dropped, samples after this one's wall-clock time wait for the
     * next.
     */
    public synchronized void simulatedTimeAt(long wallNanos, long simulatedMillis) {
        List<long[]> later = new ArrayList<>();
        for (long[] p : pending) {
            if (p[0] > wallNanos) {
                later.add(p);
            } else if (lastWallNanos != Long.MIN_VALUE && p[0] >= lastWallNanos) {
                double share =
                        wallNanos == lastWallNanos
                                ? 1
                                : (double) (p[0] - lastWallNanos) / (wallNanos - lastWallNanos);
                add(
                        lastSimulatedMillis
                                + Math.round(share * (simulatedMillis - lastSimulatedMillis)),
                        p[1],
                        p[2]);
            }
        }
        pending.clear();
        pending.addAll(later);
        lastWallNanos = wallNanos;
        lastSimulatedMillis = simulatedMillis;
    }

    /**
     * One sample.
     *
     * @param simulatedMillis the jobs' event-time progress, epoch milliseconds
     * @param heapAfterGcBytes heap used right after the latest GC, bytes
     * @param gcCount GCs since the JVM started
     */
    public synchronized void add(long simulatedMillis, long heapAfterGcBytes, long gcCount) {
        Hour h = hours.computeIfAbsent(Math.floorDiv(simulatedMillis, HOUR_MS), k -> new Hour());
        if (simulatedMillis >= h.lastSimMillis) {
            h.lastSimMillis = simulatedMillis;
            h.heap = heapAfterGcBytes;
        }
        h.minGcCount = Math.min(h.minGcCount, gcCount);
        h.maxGcCount = Math.max(h.maxGcCount, gcCount);
        h.samples++;
    }

    /** One row per simulated hour with samples, in simulated time. */
    public synchronized List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        long before = Long.MIN_VALUE;
        for (var e : hours.entrySet()) {
            Hour h = e.getValue();
            long from = before == Long.MIN_VALUE ? h.minGcCount : before;
            rows.add(
                    new Row(
                            Instant.ofEpochMilli(e.getKey() * HOUR_MS),
                            h.heap,
                            Math.max(0, h.maxGcCount - from),
                            h.samples));
            before = Math.max(before, h.maxGcCount);
        }
        return rows;
    }

    /** The verdict's figures: the mean heap of the first and of the last judged hours. */
    public record Verdict(
            List<Integer> firstHours, double firstMb, List<Integer> lastHours, double lastMb) {
        /** The last hours' heap relative to the first hours', e.g. 0.03 for +3 %. */
        public double change() {
            return lastMb / firstMb - 1;
        }

        public String word() {
            return change() > FLAT_TOLERANCE
                    ? "grows"
                    : change() < -FLAT_TOLERANCE ? "falls" : "flat";
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "heap after GC: %.0f MB in %s, %.0f MB in %s: %s (%+.0f %%; flat within +/-%.0f %%)",
                    firstMb,
                    hours(firstHours),
                    lastMb,
                    hours(lastHours),
                    word(),
                    change() * 100,
                    FLAT_TOLERANCE * 100);
        }

        private static String hours(List<Integer> hours) {
            int from = hours.get(0);
            int to = hours.get(hours.size() - 1);
            if (from == to) {
                return "hour " + from;
            }
            return to - from == hours.size() - 1
                    ? "hours " + from + "-" + to
                    : "hours " + String.join(", ", hours.stream().map(String::valueOf).toList());
        }
    }

    /**
     * The verdict (see the class comment), hours numbered from 0 = the first hour with samples;
     * empty when fewer than two hours after warm-up had a GC.
     */
    public Optional<Verdict> verdict() {
        List<Row> rows = rows();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        long firstHour = rows.get(0).hour().toEpochMilli();
        List<int[]> judged = new ArrayList<>(); // {hour number, row index}
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).gcs() > 0) {
                int n = (int) ((rows.get(i).hour().toEpochMilli() - firstHour) / HOUR_MS);
                judged.add(new int[] {n, i});
            }
        }
        if (judged.size() < 2) {
            return Optional.empty();
        }
        int k = Math.max(1, Math.min(MAX_HOURS_COMPARED, judged.size() / 4));
        List<int[]> first = judged.subList(0, k);
        List<int[]> last = judged.subList(judged.size() - k, judged.size());
        return Optional.of(
                new Verdict(
                        first.stream().map(h -> h[0]).toList(),
                        meanMb(rows, first),
                        last.stream().map(h -> h[0]).toList(),
                        meanMb(rows, last)));
    }

    private static double meanMb(List<Row> rows, List<int[]> hours) {
        return hours.stream().mapToDouble(h -> rows.get(h[1]).heapMb()).average().orElse(0);
    }

    /** The table, one line per simulated hour, then the verdict. */
    public void print(PrintStream out, ZoneId cityZone) {
        List<Row> rows = rows();
        out.println();
        if (rows.isEmpty()) {
            out.println(
                    "heap after GC per simulated hour: no samples (no watermark seen before the end)");
            return;
        }
        out.printf(
                Locale.ROOT,
                "heap after GC per simulated hour (no GC forced; simulated time = the jobs' lowest watermark, city time %s):%n",
                cityZone);
        out.println("  hour  UTC               city time    heap after GC  GCs  samples");
        long firstHour = rows.get(0).hour().toEpochMilli();
        DateTimeFormatter utc = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
        DateTimeFormatter local = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT);
        for (Row r : rows) {
            out.printf(
                    Locale.ROOT,
                    "  %4d  %s  %s  %8.0f MB%s  %3d  %7d%n",
                    (r.hour().toEpochMilli() - firstHour) / HOUR_MS,
                    ZonedDateTime.ofInstant(r.hour(), ZoneId.of("UTC")).format(utc),
                    ZonedDateTime.ofInstant(r.hour(), cityZone).format(local),
                    r.heapMb(),
                    r.gcs() == 0 ? "*" : " ",
                    r.gcs(),
                    r.samples());
        }
        if (rows.stream().anyMatch(r -> r.gcs() == 0)) {
            out.println("  * no GC in that hour: the heap after an earlier hour's GC, not judged");
        }
        out.println(
                verdict()
                        .map(Verdict::toString)
                        .orElse(
                                "heap after GC: no verdict (fewer than two hours after the first had a GC)"));
    }
}

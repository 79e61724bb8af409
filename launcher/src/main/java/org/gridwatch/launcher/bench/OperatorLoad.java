package org.gridwatch.launcher.bench;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The busy and back-pressured share of each task (a chain of operators) of a job, averaged over the
 * samples of a window. A task busy near 100 % while the tasks before it are back-pressured is the
 * bottleneck; Flink's web UI shows the same two numbers.
 *
 * <p>A source that emitted nothing over the window is never named the slowest: Flink cannot tell
 * when a source that is not a FLIP-27 reader waits for data, and reports such a source as busy all
 * the time (the reference source, which waits for updates, showed as 100 % busy and was named the
 * slowest task in three benchmark runs).
 */
public final class OperatorLoad {
    /** One task's averages, in milliseconds per second (so 1000 is 100 %). */
    public record Share(
            String name,
            double busyMsPerSecond,
            double backPressuredMsPerSecond,
            int samples,
            long recordsOut) {
        /**
         * A source task that emitted no record over the window: it waited, whatever its busy time.
         */
        boolean idleSource() {
            return name.startsWith("Source:") && recordsOut == 0;
        }
    }

    private final Map<String, double[]> sums = new LinkedHashMap<>();

    /**
     * Adds one sample of one task (its slowest subtask's busy and back-pressured figures, and the
     * records all its subtasks have emitted so far).
     */
    public synchronized void add(
            String name,
            double busyMsPerSecond,
            double backPressuredMsPerSecond,
            long recordsOutSoFar) {
        double[] s =
                sums.computeIfAbsent(
                        name, k -> new double[] {0, 0, 0, recordsOutSoFar, recordsOutSoFar});
        s[0] += busyMsPerSecond;
        s[1] += backPressuredMsPerSecond;
        s[2]++;
        s[3] = Math.min(s[3], recordsOutSoFar);
        s[4] = Math.max(s[4], recordsOutSoFar);
    }

    /** Every task's averages, the busiest first. */
    public synchronized List<Share> shares() {
        return sums.entrySet().stream()
                .map(
                        e ->
                                new Share(
                                        e.getKey(),
                                        e.getValue()[0] / e.getValue()[2],
                                        e.getValue()[1] / e.getValue()[2],
                                        (int) e.getValue()[2],
                                        (long) (e.getValue()[4] - e.getValue()[3])))
                .sorted(Comparator.comparingDouble(Share::busyMsPerSecond).reversed())
                .toList();
    }

    /** The busiest task that did some work: where the job spends its time. */
    public Optional<Share> slowest() {
        return shares().stream().filter(s -> !s.idleSource()).findFirst();
    }
}

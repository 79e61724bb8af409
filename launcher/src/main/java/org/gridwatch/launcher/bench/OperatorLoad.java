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
 */
public final class OperatorLoad {
    /** One task's averages, in milliseconds per second (so 1000 is 100 %). */
    public record Share(
            String name, double busyMsPerSecond, double backPressuredMsPerSecond, int samples) {}

    private final Map<String, double[]> sums = new LinkedHashMap<>();

    /** Adds one sample of one task (its slowest subtask's figures). */
    public synchronized void add(
            String name, double busyMsPerSecond, double backPressuredMsPerSecond) {
        double[] s = sums.computeIfAbsent(name, k -> new double[3]);
        s[0] += busyMsPerSecond;
        s[1] += backPressuredMsPerSecond;
        s[2]++;
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
                                        (int) e.getValue()[2]))
                .sorted(Comparator.comparingDouble(Share::busyMsPerSecond).reversed())
                .toList();
    }

    /** The busiest task: where the job spends its time. */
    public Optional<Share> slowest() {
        return shares().stream().findFirst();
    }
}

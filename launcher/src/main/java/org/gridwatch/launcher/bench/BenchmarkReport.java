package org.gridwatch.launcher.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.OptionalDouble;

/** What {@code ./gridwatch benchmark} prints: numbers only, nothing asserted. */
public final class BenchmarkReport {
    private static final double FROM = FlinkJobSampler.FROM;
    private static final double TO = FlinkJobSampler.TO;

    /**
     * One benchmark run.
     *
     * @param events the events the measured jobs read
     * @param jobStartNanos when the job was submitted (System.nanoTime)
     * @param jobSeconds submit to finished, start-up included
     */
    public record Run(
            String scenario,
            int minutes,
            int parallelism,
            String what,
            long events,
            double produceSeconds,
            ConsumeParseFloor.Result floor,
            long jobStartNanos,
            double jobSeconds,
            ThroughputSeries read,
            OperatorLoad load) {}

    private BenchmarkReport() {}

    public static void print(PrintStream out, Run r) {
        out.println();
        out.printf(
                Locale.ROOT,
                "events                 %,d (%s, %d simulated minutes, %d cores, parallelism %d)%n",
                r.events(),
                r.scenario(),
                r.minutes(),
                Runtime.getRuntime().availableProcessors(),
                r.parallelism());
        out.printf(
                Locale.ROOT,
                "simulate + produce     %.1f s  %,.0f events/s%n",
                r.produceSeconds(),
                r.events() / r.produceSeconds());
        ConsumeParseFloor.Result f = r.floor();
        out.printf(
                Locale.ROOT,
                "consume+parse floor    %.1f s  %,.0f records/s (%s: %,d records, %,d invalid; one thread, no Flink)%n",
                f.seconds(),
                f.recordsPerSecond(),
                f.topic(),
                f.records(),
                f.invalid());
        double total = r.events() / r.jobSeconds();
        out.printf(
                Locale.ROOT,
                "%-22s %.1f s  %,.0f events/s (job start-up included)%n",
                r.what() + ", end to end",
                r.jobSeconds(),
                total);
        if (r.read().firstRecordNanos().isPresent()) {
            out.printf(
                    Locale.ROOT,
                    "  start-up             %.1f s (submitted to the first record read)%n",
                    (r.read().firstRecordNanos().getAsLong() - r.jobStartNanos()) / 1e9);
        }
        OptionalDouble steady = r.read().rateBetween(FROM, TO);
        if (steady.isPresent()) {
            out.printf(
                    Locale.ROOT,
                    "  steady state         %,.0f events/s (records read by the sources, from %.0f %% to %.0f %% of the input)%n",
                    steady.getAsDouble(),
                    FROM * 100,
                    TO * 100);
        } else {
            out.println(
                    "  steady state         not measured (the run was shorter than two metric samples)");
        }
        double endToEnd = steady.orElse(total);
        out.printf(
                Locale.ROOT,
                "end to end %,.0f events/s = %.1f %% of the consume+parse floor (%,.0f events/s)%n",
                endToEnd,
                100 * endToEnd / f.recordsPerSecond(),
                f.recordsPerSecond());
        if (!r.load().shares().isEmpty()) {
            out.println(
                    "tasks, busy / back-pressured over the steady state (Flink's busyTimeMsPerSecond and backPressuredTimeMsPerSecond, slowest subtask):");
            for (OperatorLoad.Share s : r.load().shares()) {
                out.printf(
                        Locale.ROOT,
                        "  %5.1f %%  %5.1f %%  %s%n",
                        s.busyMsPerSecond() / 10,
                        s.backPressuredMsPerSecond() / 10,
                        s.name());
            }
            r.load()
                    .slowest()
                    .ifPresent(
                            s ->
                                    out.printf(
                                            Locale.ROOT,
                                            "slowest task: %s (busy %.1f %%)%n",
                                            s.name(),
                                            s.busyMsPerSecond() / 10));
        }
    }
}

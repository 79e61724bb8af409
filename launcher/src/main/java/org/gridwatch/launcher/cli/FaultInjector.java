package org.gridwatch.launcher.cli;

import org.gridwatch.common.kafka.Topics;
import org.gridwatch.launcher.stack.ConsumerProgress;
import org.gridwatch.launcher.stack.LocalFlink;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Faults for {@code evaluate --faults N}, injected into the running detections at seeded points of
 * their progress through the input (a share of the input committed by the job's consumer group): a
 * task manager killed (the machine dies; the job restarts from its latest checkpoint on a new one),
 * the job cancelled and started again from its latest checkpoint (an operator's restart), and once
 * a stop with a savepoint and a start from it (an upgrade). Runs in its own thread beside the job.
 */
final class FaultInjector implements Runnable {
    enum Kind {
        KILL_TASK_MANAGER,
        RESTART_FROM_CHECKPOINT,
        STOP_WITH_SAVEPOINT_AND_RESUME
    }

    record Fault(double atProgress, Kind kind) {}

    private static final List<String> INPUTS =
            List.of(Topics.GPS, Topics.HOTLINE, Topics.IOT, Topics.REFERENCE);

    private final LocalFlink flink;
    private final String bootstrap;
    private final org.gridwatch.common.kafka.KafkaClientProperties kafkaClient;
    private final String group;
    private final long inputRecords;
    private final List<Fault> plan;
    private final PrintStream out;
    private final List<String> done = new ArrayList<>();
    private volatile boolean stopped;

    FaultInjector(
            LocalFlink flink,
            String bootstrap,
            org.gridwatch.common.kafka.KafkaClientProperties kafkaClient,
            String group,
            long inputRecords,
            List<Fault> plan,
            PrintStream out) {
        this.flink = flink;
        this.bootstrap = bootstrap;
        this.kafkaClient = kafkaClient;
        this.group = group;
        this.inputRecords = inputRecords;
        this.plan = plan;
        this.out = out;
    }

    /**
     * {@code n} faults spread over the run (the k-th in the k-th of n equal stretches between 5 %
     * and 90 % of the input, at a seeded point of it): one stop-with-savepoint at a seeded place,
     * the rest alternately a killed task manager and a restart from a checkpoint.
     */
    static List<Fault> plan(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed * 31 + 7);
        int savepointAt = r.nextInt(n);
        List<Fault> faults = new ArrayList<>();
        double from = 0.05;
        double stretch = 0.85 / n;
        for (int k = 0; k < n; k++) {
            Kind kind =
                    k == savepointAt
                            ? Kind.STOP_WITH_SAVEPOINT_AND_RESUME
                            : (k % 2 == 0 ? Kind.KILL_TASK_MANAGER : Kind.RESTART_FROM_CHECKPOINT);
            faults.add(new Fault(from + stretch * (k + 0.2 + 0.6 * r.nextDouble()), kind));
        }
        return faults;
    }

    @Override
    public void run() {
        try {
            for (Fault f : plan) {
                double progress;
                while ((progress = progress()) < f.atProgress()) {
                    if (stopped) {
                        return;
                    }
                    Thread.sleep(200);
                }
                String detail = inject(f.kind());
                String line =
                        String.format(
                                Locale.ROOT,
                                "fault %d of %d at %.0f %% of the input: %s%s",
                                done.size() + 1,
                                plan.size(),
                                progress * 100,
                                f.kind(),
                                detail == null ? "" : " (" + detail + ")");
                done.add(line);
                out.println(line);
                awaitRunning();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            out.println("fault injection stopped: " + e);
        }
    }

    private String inject(Kind kind) throws Exception {
        return switch (kind) {
            case KILL_TASK_MANAGER -> {
                flink.killTaskManager();
                yield null;
            }
            case RESTART_FROM_CHECKPOINT -> "from " + flink.restartDetectionsFromLatestCheckpoint();
            case STOP_WITH_SAVEPOINT_AND_RESUME ->
                    "savepoint " + flink.stopWithSavepointAndResume();
        };
    }

    /** Until the detections run again (or ended): the next fault hits a running job. */
    private void awaitRunning() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            String status = flink.jobStatus();
            if (status.equals("RUNNING") || status.equals("FINISHED")) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private double progress() throws Exception {
        return 1.0
                - (double) ConsumerProgress.lag(bootstrap, kafkaClient, group, INPUTS)
                        / Math.max(1, inputRecords);
    }

    void stop() {
        stopped = true;
    }

    List<String> injected() {
        return List.copyOf(done);
    }
}

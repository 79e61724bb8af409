package org.gridwatch.launcher.stack;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;

import java.nio.file.Path;

/**
 * The embedded cluster's configuration, as a {@code config.yaml} would give a real one. Kept apart
 * from the cluster's lifecycle because both the cluster and every job submitted to it start from a
 * fresh copy of it, and because the checkpointing defaults here are what restarts and faults rely
 * on.
 */
final class LocalFlinkConfiguration {
    private LocalFlinkConfiguration() {}

    static Configuration of(int uiPort, int prometheusPort, Path checkpointDir) {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "localhost");
        conf.set(RestOptions.PORT, uiPort);
        // The web UI and `benchmark` read task metrics through the REST API, fresh each second.
        conf.setString("metrics.fetcher.update-interval", "1000");
        conf.setString(
                "metrics.reporter.prom.factory.class",
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        conf.setString("metrics.reporter.prom.port", Integer.toString(prometheusPort));
        conf.setString("taskmanager.memory.managed.size", "128m");
        conf.setString("execution.checkpointing.dir", checkpointDir.toUri().toString());
        conf.set(
                CheckpointingOptions.CHECKPOINTING_INTERVAL,
                LocalFlink.DEFAULT_CHECKPOINT_INTERVAL);
        // A checkpoint that fails now and then (a slow disk, a busy machine) is retried at the next
        // interval instead of restarting the job; a job that fails is restarted with growing
        // delays.
        conf.setString("execution.checkpointing.tolerable-failed-checkpoints", "5");
        conf.setString("restart-strategy.type", "exponential-delay");
        // Kept when a job is cancelled, so that it can be started again from where it was.
        conf.setString(
                "execution.checkpointing.externalized-checkpoint-retention",
                "RETAIN_ON_CANCELLATION");
        return conf;
    }
}

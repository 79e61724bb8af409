package org.gridwatch.launcher.stack;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.jobs.GridWatchJob;
import org.gridwatch.jobs.Inputs;
import org.gridwatch.jobs.JobRuntime;
import org.gridwatch.jobs.ProductionOutputs;

/**
 * All GridWatch jobs on an embedded Flink mini cluster with the web UI, reading and writing the
 * given Kafka and Elasticsearch exactly as a job submitted with {@code flink run} would.
 */
public final class LocalFlink implements AutoCloseable {
    private final int uiPort;
    private final int prometheusPort;
    private JobClient job;

    public LocalFlink(int uiPort, int prometheusPort) {
        this.uiPort = uiPort;
        this.prometheusPort = prometheusPort;
    }

    public String uiUrl() {
        return "http://localhost:" + uiPort;
    }

    public LocalFlink start(JobSettings settings, int parallelism) {
        Ports.requireFree(uiPort, "The Flink web UI", "--flink-port");
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "localhost");
        conf.set(RestOptions.PORT, uiPort);
        conf.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        conf.setString("metrics.reporter.prom.port", Integer.toString(prometheusPort));
        conf.setString("taskmanager.memory.managed.size", "128m");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        env.setParallelism(parallelism);
        JobRuntime.configure(env, settings, GridWatchJob.NAME);
        GridWatchJob.defineWorkflow(env, Inputs.kafka(settings), ProductionOutputs.create(settings, GridWatchJob.NAME), settings);
        try {
            job = env.executeAsync(GridWatchJob.NAME);
        } catch (Exception e) {
            throw new StackException("the Flink jobs did not start: " + e.getMessage(), e);
        }
        return this;
    }

    public String jobStatus() {
        try {
            return job == null ? "NOT STARTED" : job.getJobStatus().get(5, TimeUnit.SECONDS).name();
        } catch (Exception e) {
            return "UNKNOWN";
        }
    }

    /** Waits for a bounded job to finish (evaluation runs). */
    public void awaitFinished(Duration timeout) throws Exception {
        job.getJobExecutionResult().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (job != null) {
            try {
                if (!job.getJobStatus().get(5, TimeUnit.SECONDS).isGloballyTerminalState()) {
                    job.cancel().get(30, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                // Already gone, or the cluster is shutting down with the JVM: nothing left to stop.
            }
            job = null;
        }
    }
}

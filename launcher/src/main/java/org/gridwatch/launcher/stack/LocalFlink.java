package org.gridwatch.launcher.stack;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.jobs.GridWatchJob;
import org.gridwatch.jobs.indexer.IndexerJob;
import org.gridwatch.jobs.wiring.Detection;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.ProductionOutputs;
import org.gridwatch.jobs.wiring.Workflows;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * GridWatch's two jobs on one embedded Flink mini cluster with the web UI, reading and writing the
 * given Kafka and Elasticsearch exactly as jobs submitted with {@code flink run} would: the
 * detections (Kafka in, Kafka out) and the indexer (documents topic into Elasticsearch). Two jobs,
 * so that an Elasticsearch outage holds back only the indexer.
 */
public final class LocalFlink implements AutoCloseable {
    /**
     * The embedded cluster's own checkpoint interval, as {@code execution.checkpointing.interval}
     * in a cluster's configuration: the jobs here checkpoint even when {@code
     * --checkpoint-interval} is not given (the flag, when given, still wins), since restarts and
     * faults resume from checkpoints.
     */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    private final int uiPort;
    private final CheckpointDirs checkpoints;
    private final EmbeddedCluster cluster;
    private final FlinkRestApi rest;
    private JobClient detections;
    private JobClient indexer;
    private JobSettings detectionSettings;
    private List<Detection> detectionList = GridWatchJob.DETECTIONS;

    /**
     * @param checkpointDir where checkpoints are kept: on disk, since the reference data in
     *     broadcast state alone outgrew the 5 MB that checkpoints held in the job manager's memory
     *     may take
     */
    public LocalFlink(int uiPort, int prometheusPort, Path checkpointDir) {
        this.uiPort = uiPort;
        Path absolute = checkpointDir.toAbsolutePath();
        this.checkpoints = new CheckpointDirs(absolute);
        this.cluster = new EmbeddedCluster(uiPort, prometheusPort, absolute, checkpoints);
        this.rest = new FlinkRestApi(uiUrl());
    }

    public String uiUrl() {
        return "http://localhost:" + uiPort;
    }

    /** Starts the cluster, the detections and the indexer (the demo). */
    public LocalFlink start(JobSettings settings, int parallelism) {
        startDetections(settings, parallelism);
        startIndexer(settings);
        return this;
    }

    /** Starts the cluster (once) and the detections job. */
    public LocalFlink startDetections(JobSettings settings, int parallelism) {
        return startDetections(settings, parallelism, (String) null);
    }

    /** Starts the cluster (once) and a detections job of only {@code only} (benchmark --job). */
    public LocalFlink startDetections(JobSettings settings, int parallelism, List<Detection> only) {
        detectionList = List.copyOf(only);
        return startDetections(settings, parallelism, (String) null);
    }

    /** The running detections job's id, for its REST API under {@link #uiUrl()}. */
    public String detectionsJobId() {
        return detections.getJobID().toHexString();
    }

    /**
     * As above, restored from a checkpoint or savepoint ({@code restoreFrom}, a path or URI; null:
     * from scratch).
     */
    public LocalFlink startDetections(JobSettings settings, int parallelism, String restoreFrom) {
        cluster.start(parallelism);
        detectionSettings = settings;
        detections = submitDetections(restoreFrom);
        return this;
    }

    /**
     * Stops the detections with a savepoint (no drain: timers stay pending for the next start);
     * returns its path.
     */
    public synchronized String stopDetectionsWithSavepoint() throws Exception {
        String path =
                detections
                        .stopWithSavepoint(
                                false,
                                checkpoints.savepoints(GridWatchJob.NAME),
                                SavepointFormatType.CANONICAL)
                        .get(5, TimeUnit.MINUTES);
        awaitTerminal(detections);
        return path;
    }

    /** The detections' newest completed checkpoint or savepoint, or null when there is none. */
    public String latestRetained() throws IOException {
        return checkpoints.latestRetained(GridWatchJob.NAME);
    }

    /** Forgets the detections' checkpoints and savepoints (see {@link CheckpointDirs#forget}). */
    public void forgetDetectionState() throws IOException {
        checkpoints.forget(GridWatchJob.NAME);
    }

    private JobClient submitDetections(String restoreFrom) {
        JobSettings settings = detectionSettings;
        List<Detection> list = detectionList;
        // Workflows.topics: with the GPS topic whenever there are alerts (their nearest officers).
        Set<String> topics = Workflows.topics(list);
        return cluster.submit(
                GridWatchJob.NAME,
                settings,
                env ->
                        Workflows.define(
                                env,
                                Inputs.kafka(settings, topics),
                                ProductionOutputs.create(settings, GridWatchJob.NAME),
                                settings,
                                list),
                restoreFrom);
    }

    // ---- faults, for evaluate --faults: each one what an operator or a machine does to a real
    // cluster

    /**
     * Kills the task manager that runs the jobs and starts a new one, as when a machine dies: the
     * running tasks fail, and the jobs restart from their latest checkpoint once the new slots are
     * there.
     */
    public synchronized void killTaskManager() throws Exception {
        cluster.replaceTaskManager();
    }

    /**
     * Cancels the detections and submits them again from their latest completed checkpoint (a
     * restart).
     */
    public synchronized String restartDetectionsFromLatestCheckpoint() throws Exception {
        String path = rest.latestCheckpointPath(detections.getJobID());
        detections.cancel().get(60, TimeUnit.SECONDS);
        awaitTerminal(detections);
        detections = submitDetections(path);
        return path;
    }

    /** Stops the detections with a savepoint and submits them again from it, as an upgrade does. */
    public synchronized String stopWithSavepointAndResume() throws Exception {
        String path =
                detections
                        .stopWithSavepoint(
                                false,
                                checkpoints.savepoints(GridWatchJob.NAME),
                                SavepointFormatType.CANONICAL)
                        .get(5, TimeUnit.MINUTES);
        awaitTerminal(detections);
        detections = submitDetections(path);
        return path;
    }

    /**
     * Stops the detections as at the end of their input: with a final savepoint, after the
     * watermark is advanced to the end of time so that every pending timer fires (and the last
     * alert transactions commit). For unbounded runs that have read all there is.
     */
    public synchronized void drainDetections() throws Exception {
        detections
                .stopWithSavepoint(
                        true,
                        checkpoints.savepoints(GridWatchJob.NAME),
                        SavepointFormatType.CANONICAL)
                .get(10, TimeUnit.MINUTES);
        awaitTerminal(detections);
    }

    private static void awaitTerminal(JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /**
     * Starts the indexer job beside the detections (in the consumer group {@code <group>-indexer}).
     */
    public LocalFlink startIndexer(JobSettings detectionSettings) {
        JobSettings settings = IndexerJob.settingsBeside(detectionSettings);
        indexer =
                cluster.submit(
                        IndexerJob.NAME,
                        settings,
                        env -> IndexerJob.defineProductionWorkflow(env, settings),
                        null);
        return this;
    }

    Configuration configuration() {
        return cluster.configuration();
    }

    /**
     * "RUNNING" when every job runs, else each job's state (waits while a fault replaces the
     * detections).
     */
    public synchronized String jobStatus() {
        String d = status(detections);
        String i = status(indexer);
        if (d.equals(i) || indexer == null) {
            return d;
        }
        return "detections " + d + ", indexer " + i;
    }

    private static String status(JobClient job) {
        try {
            return job == null ? "NOT STARTED" : job.getJobStatus().get(5, TimeUnit.SECONDS).name();
        } catch (Exception e) {
            return "UNKNOWN";
        }
    }

    /**
     * The detections' latest completed checkpoint as "size, duration", from the Flink REST API, or
     * a sentence saying why there is none.
     */
    public String lastCheckpoint() {
        if (detections == null) {
            return "no job";
        }
        return rest.lastCheckpoint(detections.getJobID());
    }

    /**
     * How often the detections and the indexer have restarted (Flink's numRestarts),
     * "detections/indexer".
     */
    public String restarts() {
        return restarts(detections) + "/" + restarts(indexer);
    }

    private long restarts(JobClient job) {
        return job == null ? 0 : rest.restarts(job.getJobID());
    }

    /** Waits for the bounded jobs started so far to finish (evaluation runs). */
    public void awaitFinished(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (JobClient job : jobs()) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            job.getJobExecutionResult().get(left, TimeUnit.MILLISECONDS);
        }
    }

    private List<JobClient> jobs() {
        List<JobClient> all = new ArrayList<>();
        if (detections != null) {
            all.add(detections);
        }
        if (indexer != null) {
            all.add(indexer);
        }
        return all;
    }

    @Override
    public void close() {
        for (JobClient job : jobs()) {
            try {
                if (!job.getJobStatus().get(5, TimeUnit.SECONDS).isGloballyTerminalState()) {
                    job.cancel().get(30, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                // Already gone, or the cluster is shutting down with the JVM: nothing left to stop.
            }
        }
        detections = null;
        indexer = null;
        cluster.close();
    }
}

package org.gridwatch.launcher.stack;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.jobs.wiring.JobRuntime;
import org.gridwatch.stack.Ports;
import org.gridwatch.stack.StackException;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Flink mini cluster under {@link LocalFlink}: starting it, submitting a job to it as {@code
 * flink run} would (each job checkpointing into its own directory), replacing its task manager, and
 * closing it. Knows nothing of which jobs run, so that {@link LocalFlink} can be about GridWatch's
 * jobs alone.
 */
final class EmbeddedCluster {
    private final int uiPort;
    private final int prometheusPort;
    private final Path checkpointDir;
    private final CheckpointDirs checkpoints;
    private MiniCluster cluster;
    private int parallelism;
    private int taskManagersStarted = 1;

    EmbeddedCluster(
            int uiPort, int prometheusPort, Path checkpointDir, CheckpointDirs checkpoints) {
        this.uiPort = uiPort;
        this.prometheusPort = prometheusPort;
        this.checkpointDir = checkpointDir;
        this.checkpoints = checkpoints;
    }

    Configuration configuration() {
        return LocalFlinkConfiguration.of(uiPort, prometheusPort, checkpointDir);
    }

    /** Starts the cluster, unless it runs already. */
    void start(int parallelism) {
        if (cluster != null) {
            return;
        }
        Ports.requireFree(uiPort, "The Flink web UI", "--flink-port");
        this.parallelism = parallelism;
        try {
            cluster =
                    new MiniCluster(
                            new MiniClusterConfiguration.Builder()
                                    .setConfiguration(configuration())
                                    .setNumTaskManagers(1)
                                    .setNumSlotsPerTaskManager(
                                            2 * parallelism) // both jobs side by side
                                    .build());
            cluster.start();
        } catch (Exception e) {
            throw new StackException("the Flink mini cluster did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Submits the job {@code workflow} defines, restored from {@code restoreFrom} (a checkpoint or
     * savepoint; null: from scratch).
     */
    JobClient submit(
            String name,
            JobSettings settings,
            Consumer<StreamExecutionEnvironment> workflow,
            String restoreFrom) {
        Configuration conf = configuration();
        conf.setString("execution.checkpointing.dir", checkpoints.of(name).toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        JobRuntime.configure(env, settings, name);
        workflow.accept(env);
        try {
            StreamGraph graph = env.getStreamGraph();
            graph.setJobName(name);
            if (restoreFrom != null) {
                graph.setSavepointRestoreSettings(
                        SavepointRestoreSettings.forPath(restoreFrom, false));
            }
            var submitted = cluster.submitJob(graph).get(60, TimeUnit.SECONDS);
            return new MiniClusterJobClient(
                    submitted.getJobID(),
                    cluster,
                    LocalFlink.class.getClassLoader(),
                    MiniClusterJobClient.JobFinalizationBehavior.NOTHING);
        } catch (Exception e) {
            throw new StackException(
                    "the Flink job " + name + " did not start: " + e.getMessage(), e);
        }
    }

    /** Kills the task manager that runs the jobs and starts a new one, as when a machine dies. */
    void replaceTaskManager() throws Exception {
        // The mini cluster keeps terminated task managers in its list: the live one is the last
        // started.
        cluster.terminateTaskManager(taskManagersStarted - 1).get(60, TimeUnit.SECONDS);
        cluster.startTaskManager();
        taskManagersStarted++;
    }

    void close() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                // shutting down anyway
            }
            cluster = null;
        }
    }
}

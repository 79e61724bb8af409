package org.gridwatch.jobs.wiring;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.gridwatch.common.config.JobSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** Environment set-up shared by every job's {@code main}: checkpointing and the start-up log. */
public final class JobRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(JobRuntime.class);

    private JobRuntime() {}

    public static StreamExecutionEnvironment environment(JobSettings settings, String jobName) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, settings, jobName);
        return env;
    }

    /**
     * Applies the settings every GridWatch job shares and logs the effective configuration.
     * Checkpointing is touched only when {@code --checkpoint-interval} was given: an interval turns
     * it on (exactly once), 0 turns it off; without the flag the cluster's {@code
     * execution.checkpointing.*} configuration stands.
     */
    public static void configure(
            StreamExecutionEnvironment env, JobSettings settings, String jobName) {
        Duration interval = settings.checkpointInterval();
        if (interval != null && interval.isZero()) {
            env.getCheckpointConfig().disableCheckpointing();
        } else if (interval != null) {
            env.enableCheckpointing(interval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        }
        LOG.info("Starting {} with {}", jobName, settings.describe());
    }

    /** Local-cluster configuration used by the demo and tests. */
    public static Configuration localConfiguration() {
        return new Configuration();
    }
}

package org.gridwatch.jobs.wiring;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.gridwatch.common.config.JobSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cluster configuration means what it says: only a given --checkpoint-interval changes
 * checkpointing.
 */
class JobRuntimeTest {
    /**
     * An environment as a cluster whose configuration sets {@code execution.checkpointing.interval}
     * gives it.
     */
    private static StreamExecutionEnvironment clusterWithInterval(Duration interval) {
        Configuration conf = new Configuration();
        if (interval != null) {
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
        }
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }

    private static StreamExecutionEnvironment configured(
            StreamExecutionEnvironment env, String... args) {
        JobRuntime.configure(env, JobSettings.fromArgs(args, "test"), "test");
        return env;
    }

    @Test
    void withoutTheFlagTheClustersIntervalStands() {
        StreamExecutionEnvironment env = configured(clusterWithInterval(Duration.ofSeconds(42)));
        assertThat(env.getCheckpointConfig().isCheckpointingEnabled()).isTrue();
        assertThat(env.getCheckpointInterval()).isEqualTo(42_000);
    }

    @Test
    void withoutTheFlagAndWithoutAClusterIntervalNothingCheckpoints() {
        StreamExecutionEnvironment env = configured(clusterWithInterval(null));
        assertThat(env.getCheckpointConfig().isCheckpointingEnabled()).isFalse();
    }

    @Test
    void theFlagWinsOverTheCluster() {
        StreamExecutionEnvironment env =
                configured(
                        clusterWithInterval(Duration.ofSeconds(42)), "--checkpoint-interval", "3s");
        assertThat(env.getCheckpointInterval()).isEqualTo(3_000);
        assertThat(
                        configured(clusterWithInterval(null), "--checkpoint-interval", "3s")
                                .getCheckpointInterval())
                .isEqualTo(3_000);
    }

    @Test
    void zeroTurnsCheckpointingOffEvenWhenTheClusterHasAnInterval() {
        StreamExecutionEnvironment env =
                configured(
                        clusterWithInterval(Duration.ofSeconds(42)), "--checkpoint-interval", "0");
        assertThat(env.getCheckpointConfig().isCheckpointingEnabled()).isFalse();
    }
}

package org.gridwatch.launcher.stack;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.jobs.wiring.JobRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded cluster checkpoints by itself (demo, restarts, fault runs rely on it); a given flag
 * still wins.
 */
class LocalFlinkConfigurationTest {
    @Test
    void embeddedJobsCheckpointWithoutTheFlag(@TempDir Path dir) {
        LocalFlink flink = new LocalFlink(0, 0, dir);
        assertThat(flink.configuration().get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEqualTo(LocalFlink.DEFAULT_CHECKPOINT_INTERVAL);

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flink.configuration());
        JobRuntime.configure(env, JobSettings.fromArgs(new String[0], "test"), "test");
        assertThat(env.getCheckpointInterval())
                .isEqualTo(LocalFlink.DEFAULT_CHECKPOINT_INTERVAL.toMillis());

        StreamExecutionEnvironment off =
                StreamExecutionEnvironment.getExecutionEnvironment(flink.configuration());
        JobRuntime.configure(
                off,
                JobSettings.fromArgs(new String[] {"--checkpoint-interval", "0"}, "test"),
                "test");
        assertThat(off.getCheckpointConfig().isCheckpointingEnabled()).isFalse();
    }
}

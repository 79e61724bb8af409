package org.gridwatch.jobs.trucks;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.RawRecord;
import org.gridwatch.common.testing.CollectingSink;
import org.gridwatch.common.testing.TestSources;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.Outputs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery: the truck job with checkpoints, failing once in the middle of its input, restores its
 * last checkpoint (trip state, timers, CEP partial matches, the event-time buffer) and gives the
 * same alerts as a run without the failure. Records emitted between that checkpoint and the failure
 * come again; their ids and revisions are the same, so a consumer (Elasticsearch by id, teams by id
 * and revision) sees each alert revision once.
 */
class TruckJobRecoveryTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    /** Fails the job once, at one record of the input, in the first attempt only. */
    private static final AtomicBoolean FAILED = new AtomicBoolean();

    @TempDir static Path cityDir;

    @BeforeAll
    static void writeCity() throws Exception {
        CityFiles.write(TruckTestCity.city(), cityDir);
    }

    @Test
    void aFailureMidwayShouldRestoreTheCheckpointAndGiveTheSameAlerts() throws Exception {
        List<String> pings = TruckJobTest.scenario().stream().map(TruckTestCity::json).toList();
        List<String> undisturbed = distinctRevisions(run(pings, -1));
        FAILED.set(false);
        List<String> recovered = distinctRevisions(run(pings, pings.size() * 2 / 3));

        assertThat(FAILED).as("the injected failure happened").isTrue();
        assertThat(undisturbed).isNotEmpty();
        assertThat(recovered).isEqualTo(undisturbed);
    }

    private static List<String> distinctRevisions(List<Alert> alerts) {
        return alerts.stream()
                .map(a -> a.alertId() + " r" + a.revision() + " " + a.status() + " " + a.severity())
                .distinct()
                .sorted()
                .toList();
    }

    private static List<Alert> run(List<String> lines, int failAt) throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.enableCheckpointing(100);
        JobSettings settings =
                JobSettings.fromArgs(
                        new String[] {
                            "--checkpoint-interval",
                            "100ms",
                            "--bounded",
                            "true",
                            "--max-out-of-order",
                            "30s",
                            "--city",
                            cityDir.toString()
                        },
                        "test");
        CollectingSink<Alert> alerts = new CollectingSink<>();
        TruckJob.defineWorkflow(
                env,
                new Inputs(
                        failingSource(lines, failAt),
                        null,
                        null,
                        TestSources.empty(Topics.REFERENCE)),
                new Outputs(
                        s -> s.sinkTo(new CollectingSink<>()),
                        s -> s.sinkTo(alerts),
                        s -> s.sinkTo(new CollectingSink<>()),
                        s -> s.sinkTo(new CollectingSink<>())),
                settings);
        env.execute("trucks-recovery");
        return alerts.values();
    }

    /**
     * The input at a pace that lets checkpoints complete along the way (the outcome does not depend
     * on where they fall: any restore must give the same alerts), failing once at {@code failAt}.
     */
    private static DataGeneratorSource<RawRecord> failingSource(List<String> lines, int failAt) {
        String[] values = lines.toArray(String[]::new);
        GeneratorFunction<Long, RawRecord> records =
                index -> {
                    if (index == failAt && FAILED.compareAndSet(false, true)) {
                        throw new IllegalStateException("injected failure at record " + index);
                    }
                    return new RawRecord(
                            Topics.GPS,
                            0,
                            index,
                            0L,
                            null,
                            values[index.intValue()].getBytes(StandardCharsets.UTF_8));
                };
        return new DataGeneratorSource<>(
                records,
                values.length,
                RateLimiterStrategy.perSecond(2_000),
                TypeInformation.of(RawRecord.class));
    }
}

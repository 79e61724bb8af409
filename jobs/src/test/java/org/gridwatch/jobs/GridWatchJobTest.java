package org.gridwatch.jobs;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.Position;
import org.gridwatch.common.testing.CollectingSink;
import org.gridwatch.common.testing.TestSources;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.Outputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole workflow on a small mini cluster with in-memory inputs and collecting outputs. */
class GridWatchJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final String T0 = "2026-11-22T01:00:00Z";

    @Test
    void shouldWriteLatestPositionsAndDeadLetterBadInputWithReasons() throws Exception {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        JobSettings settings =
                JobSettings.fromArgs(
                        new String[] {"--checkpoint-interval", "0", "--position-throttle", "0"},
                        "test");

        List<String> gps =
                List.of(
                        // In event-time order: which records are late must not depend on the
                        // machine's speed.
                        ping("officer-1", "OFFICER", "2026-11-22T01:00:00Z", 31.10),
                        ping("truck-7", "TRUCK", "2026-11-22T01:00:05Z", 31.05),
                        ping("officer-1", "OFFICER", "2026-11-22T01:00:30Z", 31.11),
                        "{not json",
                        "[1,2,3]",
                        "{\"entityId\":\"x\",\"entityType\":\"TRUCK\",\"time\":\""
                                + T0
                                + "\",\"lat\":91,\"lon\":121.4}",
                        "{\"entityType\":\"TRUCK\",\"time\":\""
                                + T0
                                + "\",\"lat\":31,\"lon\":121.4}");
        List<String> hotline =
                List.of(
                        "{\"eventId\":\"e1\",\"caseId\":\"c1\",\"kind\":\"TELEPORTED\",\"time\":\""
                                + T0
                                + "\"}");

        CollectingSink<Position> positions = new CollectingSink<>();
        CollectingSink<Alert> alerts = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        GridWatchJob.defineWorkflow(
                env,
                new Inputs(
                        TestSources.raw(Topics.GPS, gps),
                        TestSources.raw(Topics.HOTLINE, hotline),
                        TestSources.empty(Topics.IOT),
                        TestSources.empty(Topics.REFERENCE)),
                new Outputs(
                        s -> s.sinkTo(positions),
                        s -> s.sinkTo(alerts),
                        s -> s.sinkTo(new CollectingSink<>()),
                        s -> s.sinkTo(deadLetters)),
                settings);
        env.execute("gridwatch-test");

        assertThat(positions.values())
                .filteredOn(p -> p.entityId().equals("officer-1"))
                .extracting(Position::lat)
                .containsExactly(31.10, 31.11);
        assertThat(positions.values()).extracting(Position::entityId).contains("truck-7");
        assertThat(deadLetters.values())
                .extracting(DeadLetter::reasonCode)
                .containsExactlyInAnyOrder(
                        "bad_json", "not_an_object", "out_of_range", "missing_field", "bad_enum");
        DeadLetter badJson =
                deadLetters.values().stream()
                        .filter(d -> d.reasonCode().equals("bad_json"))
                        .findFirst()
                        .orElseThrow();
        assertThat(badJson.original()).isEqualTo("{not json");
        assertThat(badJson.sourceTopic()).isEqualTo(Topics.GPS);
        assertThat(badJson.offset()).isEqualTo(3);
        assertThat(alerts.values()).isEmpty();
    }

    static String ping(String id, String type, String time, double lat) {
        return "{\"entityId\":\""
                + id
                + "\",\"entityType\":\""
                + type
                + "\",\"time\":\""
                + time
                + "\",\"lat\":"
                + lat
                + ",\"lon\":121.38,\"speed\":12.5,\"heading\":90,\"source\":\"test\"}";
    }
}

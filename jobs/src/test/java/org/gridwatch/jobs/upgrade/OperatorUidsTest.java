package org.gridwatch.jobs.upgrade;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.jobs.GridWatchJob;
import org.gridwatch.jobs.indexer.IndexerJob;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.ProductionOutputs;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * A savepoint maps state to operators by uid: an operator whose uid changes (or that never had one
 * and gets a generated uid from its position in the graph) starts empty after an upgrade. The
 * production graphs are built with generated uids switched off, so an operator without one fails
 * here, and their uids are held against {@code operator-uids.txt}: a change there is a state
 * migration and must be written down in the job's README.
 */
class OperatorUidsTest {
    private static final JobSettings SETTINGS = JobSettings.fromArgs(new String[] {}, "uid-test");

    @Test
    void everyOperatorOfTheDetectionsShouldKeepItsUid() throws IOException {
        StreamExecutionEnvironment env = environment();
        GridWatchJob.defineWorkflow(
                env,
                Inputs.kafka(SETTINGS),
                ProductionOutputs.create(SETTINGS, GridWatchJob.NAME),
                SETTINGS);
        assertThat(uids(env)).isEqualTo(expected("detections"));
    }

    @Test
    void everyOperatorOfTheIndexerShouldKeepItsUid() throws IOException {
        StreamExecutionEnvironment env = environment();
        IndexerJob.defineWorkflow(
                env,
                org.gridwatch.common.flink.kafka.KafkaIO.rawSource(
                        SETTINGS, org.gridwatch.common.kafka.Topics.DOCUMENTS),
                writes ->
                        writes.sinkTo(
                                        new org.apache.flink.streaming.api.functions.sink.v2
                                                .DiscardingSink<>())
                                .uid("sink-elasticsearch"),
                dead ->
                        dead.sinkTo(
                                        new org.apache.flink.streaming.api.functions.sink.v2
                                                .DiscardingSink<>())
                                .uid("sink-deadletter-kafka"));
        assertThat(uids(env)).isEqualTo(expected("indexer"));
    }

    private static StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        return env;
    }

    /**
     * The uids of the job graph's operators, sorted; building the job graph fails for an operator
     * without one.
     */
    private static List<String> uids(StreamExecutionEnvironment env) {
        StreamGraph graph = env.getStreamGraph();
        assertThatCode(graph::getJobGraph)
                .as("every operator has an explicit uid")
                .doesNotThrowAnyException();
        return graph.getStreamNodes().stream()
                .map(StreamNode::getTransformationUID)
                .filter(Objects::nonNull)
                .distinct()
                .sorted()
                .toList();
    }

    /** The lines of operator-uids.txt under "[name]", up to the next section. */
    private static List<String> expected(String name) throws IOException {
        try (InputStream in = OperatorUidsTest.class.getResourceAsStream("/operator-uids.txt")) {
            String text =
                    new String(
                            Objects.requireNonNull(in, "operator-uids.txt").readAllBytes(),
                            StandardCharsets.UTF_8);
            List<String> uids = new ArrayList<>();
            String section = null;
            for (String line : text.split("\\R")) {
                String l = line.trim();
                if (l.startsWith("[") && l.endsWith("]")) {
                    section = l.substring(1, l.length() - 1);
                } else if (name.equals(section) && !l.isEmpty() && !l.startsWith("#")) {
                    uids.add(l);
                }
            }
            return uids.stream().sorted().toList();
        }
    }
}

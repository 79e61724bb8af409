package org.gridwatch.jobs.wiring;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamNode;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.testing.TestSources;
import org.gridwatch.jobs.GridWatchJob;
import org.gridwatch.jobs.positions.PositionsJob;
import org.gridwatch.jobs.trucks.TruckDetection;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one seam every job is built through: it reads what the detections declare, and fails early on
 * what they lack.
 */
class WorkflowsTest {
    private static final JobSettings SETTINGS =
            JobSettings.fromArgs(new String[] {}, "workflows-test");

    private static Inputs allInputs() {
        return new Inputs(
                TestSources.empty(Topics.GPS),
                TestSources.empty(Topics.HOTLINE),
                TestSources.empty(Topics.IOT),
                TestSources.empty(Topics.REFERENCE));
    }

    private static Outputs discarding() {
        return new Outputs(
                s -> s.sinkTo(new DiscardingSink<>()),
                s -> s.sinkTo(new DiscardingSink<>()),
                s -> s.sinkTo(new DiscardingSink<>()),
                s -> s.sinkTo(new DiscardingSink<>()));
    }

    private static List<String> uids(StreamExecutionEnvironment env) {
        return env.getStreamGraph().getStreamNodes().stream()
                .map(StreamNode::getTransformationUID)
                .filter(Objects::nonNull)
                .toList();
    }

    @Test
    void aDetectionWithoutOneOfItsTopicsShouldFailNamingBoth() {
        Inputs noReference = new Inputs(TestSources.empty(Topics.GPS), null, null, null);
        assertThatThrownBy(
                        () ->
                                Workflows.define(
                                        StreamExecutionEnvironment.getExecutionEnvironment(),
                                        noReference,
                                        discarding(),
                                        SETTINGS,
                                        new TruckDetection()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trucks")
                .hasMessageContaining(Topics.REFERENCE);
    }

    @Test
    void theAllInOneJobShouldRefuseInputsWithoutATopic() {
        Inputs noIot = allInputs().only(Set.of(Topics.GPS, Topics.HOTLINE, Topics.REFERENCE));
        assertThatThrownBy(
                        () ->
                                GridWatchJob.defineWorkflow(
                                        StreamExecutionEnvironment.getExecutionEnvironment(),
                                        noIot,
                                        discarding(),
                                        SETTINGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Topics.IOT);
    }

    @Test
    void aJobOfOneDetectionShouldReadOnlyItsTopics() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PositionsJob.defineWorkflow(env, allInputs(), discarding(), SETTINGS);
        assertThat(uids(env))
                .contains("source-gps", "parse-gps", "latest-position-v1")
                .doesNotContain(
                        "source-hotline", "source-iot", "source-reference", "reference-clock-all");
    }

    @Test
    void theSameDetectionTwiceShouldBeRefused() {
        assertThatThrownBy(
                        () ->
                                Workflows.define(
                                        StreamExecutionEnvironment.getExecutionEnvironment(),
                                        allInputs(),
                                        discarding(),
                                        SETTINGS,
                                        List.of(new TruckDetection(), new TruckDetection())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trucks");
    }

    @Test
    void theInputsShouldNameEveryTopicTheyRead() {
        assertThat(Workflows.topics(GridWatchJob.DETECTIONS))
                .containsExactlyInAnyOrderElementsOf(Topics.INPUTS);
    }
}

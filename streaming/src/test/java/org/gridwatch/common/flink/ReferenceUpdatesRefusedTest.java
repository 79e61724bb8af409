package org.gridwatch.common.flink;

import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.RawRecord;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.parse.ParseLimits;
import org.gridwatch.common.parse.ReferenceParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refused reference record is counted as referenceUpdatesRefused, whatever its reason;
 * accepted ones are not.
 */
class ReferenceUpdatesRefusedTest {
    private static final String TIME = Instant.parse("2026-11-22T01:00:00Z").toString();

    /**
     * The operator's metrics, kept where the test can read them (the harness's own group forgets
     * them).
     */
    private static final class OperatorMetricsOnRecord
            extends UnregisteredMetricGroups.UnregisteredTaskMetricGroup {
        final InterceptingOperatorMetricGroup operator = new InterceptingOperatorMetricGroup();

        @Override
        public InternalOperatorMetricGroup getOrAddOperator(
                OperatorID id, String name, Map<String, String> additionalVariables) {
            return operator;
        }
    }

    private static RawRecord record(long offset, String json) {
        return new RawRecord(
                Topics.REFERENCE, 0, offset, 0, null, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void countsEveryRefusedReferenceRecordAndNoAcceptedOne() throws Exception {
        OperatorMetricsOnRecord metrics = new OperatorMetricsOnRecord();
        MockEnvironment env = new MockEnvironmentBuilder().setMetricGroup(metrics).build();
        ParseFunction<ReferenceUpdate> parse =
                new ParseFunction<>(
                        new ReferenceParser(ParseLimits.DEFAULTS),
                        LateTolerance.fixed(PartitionLateness.NEVER),
                        ParseFunction.REFERENCE_UPDATES_REFUSED);
        try (var h = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(parse), env)) {
            h.open();
            h.processElement(
                    record(
                            0,
                            "{\"kind\":\"RULE\",\"id\":\"truck.corridorM\",\"time\":\""
                                    + TIME
                                    + "\",\"payload\":{\"value\":150}}"),
                    0);
            h.processElement(
                    record(
                            1,
                            "{\"kind\":\"RULE\",\"id\":\"truck.corridorM\",\"time\":\""
                                    + TIME
                                    + "\",\"payload\":{\"value\":-100}}"),
                    0);
            h.processElement(
                    record(
                            2,
                            "{\"kind\":\"NUKE\",\"id\":\"x\",\"time\":\""
                                    + TIME
                                    + "\",\"payload\":{}}"),
                    0);
            h.processElement(
                    record(
                            3,
                            "{\"kind\":\"TRUCK\",\"id\":\"T1\",\"time\":\""
                                    + TIME
                                    + "\",\"payload\":{\"truckId\":\"T2\"}}"),
                    0);
            h.processElement(record(4, "not json"), 0);

            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(h.getSideOutput(ParseFunction.DEAD_LETTERS)).hasSize(4);
            assertThat(
                            ((Counter)
                                            metrics.operator.get(
                                                    ParseFunction.REFERENCE_UPDATES_REFUSED))
                                    .getCount())
                    .isEqualTo(4);
        }
    }

    @Test
    void otherTopicsHaveNoSuchCounter() throws Exception {
        OperatorMetricsOnRecord metrics = new OperatorMetricsOnRecord();
        MockEnvironment env = new MockEnvironmentBuilder().setMetricGroup(metrics).build();
        ParseFunction<ReferenceUpdate> parse =
                new ParseFunction<>(
                        new ReferenceParser(ParseLimits.DEFAULTS),
                        LateTolerance.fixed(PartitionLateness.NEVER));
        try (var h = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(parse), env)) {
            h.open();
            h.processElement(record(0, "not json"), 0);
            assertThat(metrics.operator.get(ParseFunction.REFERENCE_UPDATES_REFUSED)).isNull();
        }
    }
}

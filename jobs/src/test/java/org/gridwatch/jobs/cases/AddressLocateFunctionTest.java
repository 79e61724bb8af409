package org.gridwatch.jobs.cases;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

import org.gridwatch.common.city.Address;
import org.gridwatch.common.city.CityCodec;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.ReferenceUpdate;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: the locate step passes every event on, placed from the address table or not, and counts
 * what it did.
 */
class AddressLocateFunctionTest {
    /**
     * Metric groups by "key=value", so counters under {@code addGroup(key, value)} can be read
     * back.
     */
    private static final class LabelledGroups extends InterceptingOperatorMetricGroup {
        final Map<String, InterceptingOperatorMetricGroup> children = new HashMap<>();

        @Override
        public MetricGroup addGroup(String key, String value) {
            return children.computeIfAbsent(
                    key + "=" + value, k -> new InterceptingOperatorMetricGroup());
        }

        long count(String label, String name) {
            InterceptingOperatorMetricGroup g = children.get(label);
            return g == null || g.get(name) == null ? -1 : ((Counter) g.get(name)).getCount();
        }
    }

    private static final class Metrics
            extends UnregisteredMetricGroups.UnregisteredTaskMetricGroup {
        final LabelledGroups operator = new LabelledGroups();

        @Override
        public InternalOperatorMetricGroup getOrAddOperator(
                OperatorID id, String name, Map<String, String> additionalVariables) {
            return operator;
        }
    }

    private static HotlineEvent complaint(String ticket, double lat, double lon, String address) {
        return new HotlineEvent(
                ticket + "-R",
                ticket,
                CaseEventKind.RECEIVED,
                "12345",
                0,
                "09006",
                lat,
                lon,
                null,
                null,
                null,
                null,
                null,
                address);
    }

    @Test
    void shouldPlaceByAddressPassEverythingOnAndCountMatchesAndMisses() throws Exception {
        Metrics metrics = new Metrics();
        MockEnvironment env = new MockEnvironmentBuilder().setMetricGroup(metrics).build();
        var operator =
                new CoBroadcastWithNonKeyedOperator<>(
                        new AddressLocateFunction(
                                new ReferenceHolder(null, ZoneId.of("Asia/Shanghai"))),
                        List.of(ReferenceHolder.STATE));
        try (var h = new AbstractStreamOperatorTestHarness<HotlineEvent>(operator, env)) {
            h.open();
            Address door = new Address("A1", "莘松路123弄4号", 31.1101, 121.384, "31011200100101");
            operator.processElement2(
                    new StreamRecord<>(
                            new ReferenceUpdate(
                                    "ADDRESS",
                                    "A1",
                                    "UPSERT",
                                    0,
                                    Json.text(CityCodec.address(door)))));

            operator.processElement1(
                    new StreamRecord<>(complaint("K1", Double.NaN, Double.NaN, "莘松路123弄4号")));
            operator.processElement1(
                    new StreamRecord<>(complaint("K2", Double.NaN, Double.NaN, "上海市闵行区莘松路１２３弄４号")));
            operator.processElement1(
                    new StreamRecord<>(complaint("K3", Double.NaN, Double.NaN, "莘松路999号")));
            operator.processElement1(new StreamRecord<>(complaint("K4", 31.2, 121.5, "莘松路999号")));

            List<HotlineEvent> out =
                    h.getOutput().stream()
                            .map(o -> (HotlineEvent) ((StreamRecord<?>) o).getValue())
                            .toList();
            assertThat(out)
                    .extracting(HotlineEvent::caseId)
                    .containsExactly("K1", "K2", "K3", "K4");
            assertThat(out.get(0).gridCode()).isEqualTo("31011200100101");
            assertThat(out.get(1).lat()).isEqualTo(31.1101);
            assertThat(out.get(2).hasCoordinates()).isFalse();
            assertThat(out.get(3).lat()).as("coordinates win over an address").isEqualTo(31.2);
            assertThat(metrics.operator.count("match=exact", "complaintsLocatedByAddress"))
                    .isEqualTo(1);
            assertThat(metrics.operator.count("match=without_prefix", "complaintsLocatedByAddress"))
                    .isEqualTo(1);
            assertThat(metrics.operator.count("match=normalised", "complaintsLocatedByAddress"))
                    .isZero();
            assertThat(metrics.operator.count("reason=not_found", "complaintsUnlocated"))
                    .isEqualTo(1);
            assertThat(metrics.operator.count("reason=ambiguous", "complaintsUnlocated")).isZero();
        }
    }
}

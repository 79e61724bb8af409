package org.gridwatch.jobs.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.cases.CaseTestEvents.MON_0900;
import static org.gridwatch.jobs.cases.CaseTestEvents.received;
import static org.gridwatch.jobs.cases.CaseTestEvents.step;

import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;
import org.junit.jupiter.api.Test;

class TicketRouteFunctionTest {
    @Test
    void shouldDedupWaitForTheComplaintFanOutToNineCellsAndForgetAfterRetention() throws Exception {
        try (var h = new KeyedOneInputStreamOperatorTestHarness<String, HotlineEvent, RoutedEvent>(
                new KeyedProcessOperator<>(new TicketRouteFunction()), HotlineEvent::caseId, Types.STRING)) {
            h.open();
            HotlineEvent dispatched = step("12345-1", CaseEventKind.DISPATCHED, MON_0900 + 60_000);
            h.processElement(new StreamRecord<>(dispatched, dispatched.eventTime())); // before its complaint
            assertThat(h.extractOutputValues()).isEmpty();
            HotlineEvent rec = received("12345-1", "12345", MON_0900, 0, 120);
            h.processElement(new StreamRecord<>(rec, rec.eventTime()));
            h.processElement(new StreamRecord<>(rec, rec.eventTime())); // duplicate delivery
            List<RoutedEvent> out = h.extractOutputValues();
            assertThat(out).hasSize(18);
            assertThat(out).filteredOn(RoutedEvent::home).extracting(r -> r.event().kind())
                    .containsExactly(CaseEventKind.RECEIVED, CaseEventKind.DISPATCHED);
            assertThat(out.stream().map(RoutedEvent::cell).distinct()).hasSize(9);
            assertThat(out).filteredOn(r -> r.event().kind() == CaseEventKind.DISPATCHED).allSatisfy(r -> assertThat(r.lat()).isEqualTo(rec.lat()));
            assertThat(h.numKeyedStateEntries()).isPositive();
            h.processWatermark(new Watermark(dispatched.eventTime() + TicketRouteFunction.RETENTION.toMillis()));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }
}

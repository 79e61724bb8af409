package org.gridwatch.jobs.cases;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.ReasonCodes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.cases.CaseTestEvents.MON_0900;
import static org.gridwatch.jobs.cases.CaseTestEvents.received;
import static org.gridwatch.jobs.cases.CaseTestEvents.step;

class TicketRouteFunctionTest {
    private static final long DAY = 86_400_000L;

    @Test
    void shouldDedupWaitForTheComplaintFanOutToNineCellsAndForgetAfterRetention() throws Exception {
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<String, HotlineEvent, RoutedEvent>(
                        new KeyedProcessOperator<>(new TicketRouteFunction()),
                        HotlineEvent::caseId,
                        Types.STRING)) {
            h.open();
            HotlineEvent dispatched = step("12345-1", CaseEventKind.DISPATCHED, MON_0900 + 60_000);
            h.processElement(
                    new StreamRecord<>(dispatched, dispatched.eventTime())); // before its complaint
            assertThat(h.extractOutputValues()).isEmpty();
            HotlineEvent rec = received("12345-1", "12345", MON_0900, 0, 120);
            h.processElement(new StreamRecord<>(rec, rec.eventTime()));
            h.processElement(new StreamRecord<>(rec, rec.eventTime())); // duplicate delivery
            List<RoutedEvent> out = h.extractOutputValues();
            assertThat(out).hasSize(18);
            assertThat(out)
                    .filteredOn(RoutedEvent::home)
                    .extracting(r -> r.event().kind())
                    .containsExactly(CaseEventKind.RECEIVED, CaseEventKind.DISPATCHED);
            assertThat(out.stream().map(RoutedEvent::cell).distinct()).hasSize(9);
            assertThat(out)
                    .filteredOn(r -> r.event().kind() == CaseEventKind.DISPATCHED)
                    .allSatisfy(r -> assertThat(r.lat()).isEqualTo(rec.lat()));
            assertThat(h.numKeyedStateEntries()).isPositive();
            h.processWatermark(
                    new Watermark(
                            dispatched.eventTime() + TicketRouteFunction.RETENTION.toMillis()));
            // Still open: only the compact record of its complaint is kept, without a timer.
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);
            assertThat(h.numEventTimeTimers()).isZero();

            // Closed 50 days after it was received: the close is still routed to the case's cells.
            HotlineEvent closed = step("12345-1", CaseEventKind.CLOSED, MON_0900 + 50 * DAY);
            h.processElement(new StreamRecord<>(closed, closed.eventTime()));
            List<RoutedEvent> late =
                    h.extractOutputValues().subList(18, h.extractOutputValues().size());
            assertThat(late).hasSize(9);
            assertThat(late)
                    .filteredOn(RoutedEvent::home)
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.event().kind()).isEqualTo(CaseEventKind.CLOSED);
                                assertThat(r.lat()).isEqualTo(rec.lat());
                                assertThat(r.category()).isEqualTo(rec.category());
                            });
            h.processWatermark(
                    new Watermark(closed.eventTime() + TicketRouteFunction.RETENTION.toMillis()));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(h.getSideOutput(TicketRouteFunction.DEAD_LETTERS)).isNull();
        }
    }

    @Test
    void shouldKeepAReopenedTicketAndForgetOnlyAfterItsLastClose() {
        assertThat(TicketRouteFunction.isOpen(null, null)).isTrue();
        assertThat(TicketRouteFunction.isOpen(10L, null)).isFalse();
        assertThat(TicketRouteFunction.isOpen(10L, 20L)).isTrue();
        assertThat(TicketRouteFunction.isOpen(30L, 20L)).isFalse();
        assertThat(TicketRouteFunction.isOpen(20L, 20L)).isTrue();
    }

    @Test
    void shouldDeadLetterStepsWhoseComplaintNeverCame() throws Exception {
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<String, HotlineEvent, RoutedEvent>(
                        new KeyedProcessOperator<>(new TicketRouteFunction()),
                        HotlineEvent::caseId,
                        Types.STRING)) {
            h.open();
            HotlineEvent closed = step("12345-2", CaseEventKind.CLOSED, MON_0900);
            h.processElement(new StreamRecord<>(closed, closed.eventTime()));
            h.processWatermark(
                    new Watermark(closed.eventTime() + TicketRouteFunction.RETENTION.toMillis()));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.getSideOutput(TicketRouteFunction.DEAD_LETTERS))
                    .singleElement()
                    .satisfies(
                            r -> {
                                assertThat(r.getValue().reasonCode())
                                        .isEqualTo(ReasonCodes.UNKNOWN_CASE);
                                assertThat(r.getValue().key()).isEqualTo("12345-2");
                            });
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    /**
     * Issue 19: a complaint without a place goes to one unlocated cell, home only, and its steps
     * follow it there.
     */
    @Test
    void shouldSendAnUnlocatedTicketAndItsStepsToItsOneUnlocatedCell() throws Exception {
        try (var h =
                new KeyedOneInputStreamOperatorTestHarness<String, HotlineEvent, RoutedEvent>(
                        new KeyedProcessOperator<>(new TicketRouteFunction()),
                        HotlineEvent::caseId,
                        Types.STRING)) {
            h.open();
            HotlineEvent rec =
                    new HotlineEvent(
                            "12345-U-R",
                            "12345-U",
                            CaseEventKind.RECEIVED,
                            "12345",
                            MON_0900,
                            "09006",
                            Double.NaN,
                            Double.NaN,
                            null,
                            null,
                            null,
                            null,
                            null,
                            "莘松路999号");
            h.processElement(new StreamRecord<>(rec, rec.eventTime()));
            HotlineEvent closed = step("12345-U", CaseEventKind.CLOSED, MON_0900 + 60_000);
            h.processElement(new StreamRecord<>(closed, closed.eventTime()));
            List<RoutedEvent> out = h.extractOutputValues();
            assertThat(out)
                    .hasSize(2)
                    .allSatisfy(
                            r -> {
                                assertThat(r.home()).isTrue();
                                assertThat(r.cell())
                                        .isEqualTo(TicketRouteFunction.unlocatedCell("12345-U"))
                                        .startsWith("unlocated-");
                            });
        }
        // Spread over the unlocated cells, not one hot key.
        assertThat(
                        java.util.stream.IntStream.range(0, 200)
                                .mapToObj(i -> TicketRouteFunction.unlocatedCell("12345-" + i))
                                .distinct()
                                .count())
                .isEqualTo(TicketRouteFunction.UNLOCATED_CELLS);
    }
}

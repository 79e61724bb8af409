package org.gridwatch.jobs.cases;

import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.jobs.testing.RestoreRoundTrip;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.cases.CaseTestEvents.MON_0900;
import static org.gridwatch.jobs.cases.CaseTestEvents.received;
import static org.gridwatch.jobs.cases.CaseTestEvents.step;

/**
 * The ticket router keeps waiting steps, seen event ids, the complaint's place and its cleanup
 * timer across a restore.
 */
class TicketRouteFunctionRestoreTest {
    @Test
    void shouldReleaseAWaitingStepDropADuplicateAndForgetOnTimeAfterARestore() throws Exception {
        HotlineEvent waiting = step("12345-1", CaseEventKind.DISPATCHED, MON_0900 + 60_000);
        HotlineEvent complaint = received("12345-1", "12345", MON_0900, 0, 120);
        HotlineEvent other = received("12345-2", "12345", MON_0900, 500, 120);
        HotlineEvent otherStep = step("12345-2", CaseEventKind.DISPATCHED, MON_0900 + 120_000);
        var result =
                RestoreRoundTrip.of(
                                () ->
                                        RestoreRoundTrip.keyed(
                                                new TicketRouteFunction(), HotlineEvent::caseId))
                        .run(
                                h -> {
                                    h.processElement(
                                            waiting,
                                            waiting.eventTime()); // before its complaint: waits in
                                    // state
                                    h.processElement(other, other.eventTime());
                                },
                                h -> {
                                    h.processElement(complaint, complaint.eventTime());
                                    h.processElement(other, other.eventTime()); // delivered again
                                    h.processElement(otherStep, otherStep.eventTime());
                                    h.processWatermark(
                                            otherStep.eventTime()
                                                    + TicketRouteFunction.RETENTION.toMillis());
                                })
                        .assertSameAsUninterrupted();

        List<RoutedEvent> home =
                result.afterRestore().values().stream()
                        .map(v -> (RoutedEvent) v)
                        .filter(RoutedEvent::home)
                        .toList();
        assertThat(home)
                .extracting(r -> r.event().eventId())
                .containsExactly(complaint.eventId(), waiting.eventId(), otherStep.eventId());
        assertThat(home.get(2).lat())
                .as("the step is placed where its complaint was, known from before the restore")
                .isEqualTo(other.lat());
        assertThat(result.restored().atSplit().eventTimeTimers()).isEqualTo(2);
        // Both tickets are still open: each keeps the compact record of its complaint, and nothing
        // else.
        assertThat(result.restored().atEnd().keyedStateEntries()).isEqualTo(2);
        assertThat(result.restored().atEnd().eventTimeTimers()).isZero();
    }
}

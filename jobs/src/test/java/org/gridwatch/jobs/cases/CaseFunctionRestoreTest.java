package org.gridwatch.jobs.cases;

import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.jobs.testing.Normalize;
import org.gridwatch.jobs.testing.RestoreRoundTrip;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.cases.CaseTestEvents.MON_0900;
import static org.gridwatch.jobs.cases.CaseTestEvents.Z;
import static org.gridwatch.jobs.cases.CaseTestEvents.at;
import static org.gridwatch.jobs.cases.CaseTestEvents.received;
import static org.gridwatch.jobs.cases.CaseTestEvents.step;

/**
 * The case function keeps its case files, buffered events, colour timers and rules across a
 * restore.
 */
class CaseFunctionRestoreTest {
    private static RestoreRoundTrip<
                    KeyedBroadcastOperatorTestHarness<String, CaseInput, ReferenceUpdate, Alert>>
            roundTrip() {
        return RestoreRoundTrip.of(
                        () ->
                                RestoreRoundTrip.keyedBroadcast(
                                        new CaseFunction(null, Z, 0),
                                        CaseInput::caseId,
                                        ReferenceHolder.STATE))
                .sideOutputs(CaseFunction.DOCUMENTS, CaseFunction.FACTS)
                .broadcastState(ReferenceHolder.STATE)
                .normalizing(
                        Normalize.outputs(
                                true)); // the case function stamps alerts with the wall clock
    }

    private static void send(
            KeyedBroadcastOperatorTestHarness<String, CaseInput, ReferenceUpdate, Alert> h,
            HotlineEvent e)
            throws Exception {
        h.processElement(new CaseInput(e.caseId(), e.caseId(), false, e), e.eventTime());
    }

    private static void join(
            KeyedBroadcastOperatorTestHarness<String, CaseInput, ReferenceUpdate, Alert> h,
            String caseId,
            HotlineEvent e)
            throws Exception {
        h.processElement(new CaseInput(caseId, e.caseId(), true, e), e.eventTime());
    }

    private static List<Alert> alerts(List<Object> values) {
        return values.stream().map(v -> (Alert) v).toList();
    }

    @Test
    void shouldKeepEscalatingAnOverdueCaseFromTimersSetBeforeTheRestore() throws Exception {
        // 120 working minutes from Monday 09:00: blue 10:00, yellow 10:36, orange 11:00, red 14:00.
        var result =
                roundTrip()
                        .run(
                                h -> {
                                    h.processBroadcastWatermark(Long.MAX_VALUE);
                                    send(h, received("12345-1", "12345", MON_0900, 0, 120));
                                    send(
                                            h,
                                            step(
                                                    "12345-1",
                                                    CaseEventKind.DISPATCHED,
                                                    at(
                                                            2026, 11, 2, 10,
                                                            20))); // buffered at the snapshot
                                    h.processWatermark(at(2026, 11, 2, 10, 10));
                                },
                                h -> {
                                    h.processBroadcastWatermark(Long.MAX_VALUE);
                                    h.processWatermark(at(2026, 11, 2, 18, 0));
                                })
                        .assertSameAsUninterrupted();

        List<Alert> before = alerts(result.restored().beforeSplit().values());
        List<Alert> after = alerts(result.afterRestore().values());
        assertThat(before).extracting(Alert::level).containsExactly("BLUE");
        assertThat(after).extracting(Alert::level).containsExactly("YELLOW", "ORANGE", "RED");
        assertThat(after).extracting(Alert::alertId).containsOnly(before.get(0).alertId());
        assertThat(after).extracting(Alert::revision).containsExactly(1, 2, 3);
        // The dispatch buffered at the snapshot is applied after the restore.
        assertThat(result.afterRestore().values(CaseFunction.DOCUMENTS))
                .extracting(EsWriteRequest::json)
                .anySatisfy(json -> assertThat(json).contains("\"status\":\"DISPATCHED\""));
    }

    @Test
    void shouldCountComplaintsFromBeforeTheRestoreTowardsTheRepeatThreshold() throws Exception {
        var result =
                roundTrip()
                        .run(
                                h -> {
                                    h.processBroadcastWatermark(Long.MAX_VALUE);
                                    send(h, received("12345-6", "12345", MON_0900, 0, 240));
                                    join(
                                            h,
                                            "12345-6",
                                            received("web-7", "web", MON_0900 + 600_000, 40, 240));
                                    h.processWatermark(MON_0900 + 900_000);
                                },
                                h -> {
                                    h.processBroadcastWatermark(Long.MAX_VALUE);
                                    send(
                                            h,
                                            step(
                                                    "12345-6",
                                                    CaseEventKind.CLOSED,
                                                    MON_0900 + 1_200_000));
                                    send(
                                            h,
                                            step(
                                                    "12345-6",
                                                    CaseEventKind.REOPENED,
                                                    MON_0900 + 1_800_000));
                                    join(
                                            h,
                                            "12345-6",
                                            received(
                                                    "app-8", "app", MON_0900 + 2_400_000, 60, 240));
                                    h.processWatermark(MON_0900 + 3_000_000);
                                })
                        .assertSameAsUninterrupted();

        List<Alert> repeats =
                alerts(result.afterRestore().values()).stream()
                        .filter(a -> a.type() == AlertType.COMPLAINT_REPEAT)
                        .toList();
        assertThat(repeats)
                .extracting(Alert::status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.UPDATED);
        assertThat(repeats.get(0).episodeStart())
                .as("the reopen was the third complaint")
                .isEqualTo(MON_0900 + 1_800_000);
        assertThat(repeats.get(1).attributes())
                .containsEntry("complaints", "4")
                .containsEntry("reopenCount", "1");
    }

    @Test
    void shouldRememberHowFarEventTimeGotWhenABoundedInputEndsAfterARestore() throws Exception {
        var result =
                roundTrip()
                        .run(
                                h -> {
                                    h.processBroadcastWatermark(Long.MAX_VALUE);
                                    send(h, received("12345-5", "12345", MON_0900, 0, 120));
                                    send(
                                            h,
                                            received(
                                                    "12345-6",
                                                    "12345",
                                                    at(2026, 11, 2, 10, 40),
                                                    0,
                                                    120)); // event time reached 10:40
                                    h.processWatermark(MON_0900);
                                },
                                h -> {
                                    h.processBroadcastWatermark(Long.MAX_VALUE);
                                    h.processWatermark(Long.MAX_VALUE); // the input ends
                                });

        assertThat(alerts(result.uninterrupted().afterSplit().values()))
                .filteredOn(a -> a.entityId().equals("12345-5"))
                .extracting(Alert::level)
                .containsExactly("BLUE", "YELLOW");
        result.assertSameAsUninterrupted();
    }
}

package org.gridwatch.jobs.cases;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.ReasonCodes;
import org.gridwatch.common.model.ReferenceUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.cases.CaseTestEvents.MON_0900;
import static org.gridwatch.jobs.cases.CaseTestEvents.Z;
import static org.gridwatch.jobs.cases.CaseTestEvents.at;
import static org.gridwatch.jobs.cases.CaseTestEvents.received;
import static org.gridwatch.jobs.cases.CaseTestEvents.step;

/** Escalation timers of the case function, driven by watermarks. */
class CaseFunctionTest {
    private KeyedTwoInputStreamOperatorTestHarness<String, CaseInput, ReferenceUpdate, Alert> h;

    @BeforeEach
    void setUp() throws Exception {
        h =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new CaseFunction(null, Z, 0), List.of(ReferenceHolder.STATE)),
                        CaseInput::caseId,
                        null,
                        Types.STRING);
        h.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
    }

    private void wm1(long t) throws Exception {
        h.processWatermark1(new Watermark(t));
    }

    private void wm2(long t) throws Exception {
        h.processWatermark2(new Watermark(t));
    }

    private void send(HotlineEvent e) throws Exception {
        h.processElement1(
                new StreamRecord<>(new CaseInput(e.caseId(), e.caseId(), false, e), e.eventTime()));
    }

    private void join(String caseId, HotlineEvent e) throws Exception {
        h.processElement1(
                new StreamRecord<>(new CaseInput(caseId, e.caseId(), true, e), e.eventTime()));
    }

    private List<Alert> alerts() {
        return h.extractOutputValues();
    }

    @Test
    void aCaseLeftOpenReachesEveryColourAtItsWorkingTimeInstantAsOneEpisode() throws Exception {
        // 120 working minutes from Monday 09:00: blue 10:00, yellow 10:36, orange 11:00, red
        // 13:00+60 = 14:00 (after lunch).
        send(received("12345-1", "12345", MON_0900, 0, 120));
        wm1(MON_0900);
        wm2(Long.MAX_VALUE);
        wm1(at(2026, 11, 2, 18, 0));
        List<Alert> out = alerts();
        assertThat(out).extracting(Alert::level).containsExactly("BLUE", "YELLOW", "ORANGE", "RED");
        assertThat(out).extracting(Alert::alertId).containsOnly(out.get(0).alertId());
        assertThat(out)
                .extracting(Alert::status)
                .containsExactly(
                        AlertStatus.OPEN,
                        AlertStatus.UPDATED,
                        AlertStatus.UPDATED,
                        AlertStatus.UPDATED);
        Map<String, Long> levels = out.get(3).levelTimes();
        assertThat(levels)
                .containsEntry("BLUE", at(2026, 11, 2, 10, 0))
                .containsEntry("YELLOW", at(2026, 11, 2, 10, 36))
                .containsEntry("ORANGE", at(2026, 11, 2, 11, 0))
                .containsEntry("RED", at(2026, 11, 2, 14, 0));
        assertThat(out.get(3).type()).isEqualTo(AlertType.CASE_OVERDUE);
        assertThat(out.get(3).entityId()).isEqualTo("12345-1");
        assertThat(h.numEventTimeTimers())
                .isZero(); // an open case has no cleanup timer: it is kept until it closes
    }

    @Test
    void aLimitCrossingTheNightAndTheWeekendWaitsForWorkingTime() throws Exception {
        long fri1700 = at(2026, 11, 6, 17, 0);
        send(received("12345-2", "12345", fri1700, 0, 120));
        wm2(Long.MAX_VALUE);
        wm1(at(2026, 11, 8, 23, 0)); // all weekend: nothing
        assertThat(alerts()).isEmpty();
        wm1(at(2026, 11, 9, 11, 59)); // red would be at 12:00 (210 minutes of Monday morning)
        // 30 working minutes on Friday, then Monday: blue at 60 min = 09:00, yellow at 96 = 09:36,
        // orange at 120 = 10:00.
        assertThat(alerts()).extracting(Alert::level).containsExactly("BLUE", "YELLOW", "ORANGE");
        assertThat(alerts().get(0).levelTimes()).containsEntry("BLUE", at(2026, 11, 9, 9, 0));
    }

    @Test
    void closingCancelsTheTimersAndClosesTheEpisode() throws Exception {
        send(received("12345-3", "12345", MON_0900, 0, 120));
        wm2(Long.MAX_VALUE);
        wm1(at(2026, 11, 2, 10, 10)); // blue reached
        send(step("12345-3", CaseEventKind.CLOSED, at(2026, 11, 2, 10, 20)));
        wm1(at(2026, 11, 3, 18, 0));
        assertThat(alerts())
                .extracting(Alert::status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.CLOSED);
        assertThat(alerts().get(1).episodeEnd()).isEqualTo(at(2026, 11, 2, 10, 20));
        assertThat(h.numEventTimeTimers()).isEqualTo(1); // cleanup only; no colour timer left
    }

    @Test
    void aCaseClosedInTimeRaisesNothing() throws Exception {
        send(received("12345-4", "12345", MON_0900, 0, 120));
        send(step("12345-4", CaseEventKind.DISPATCHED, MON_0900 + 300_000));
        send(step("12345-4", CaseEventKind.CLOSED, MON_0900 + 1_800_000));
        wm2(Long.MAX_VALUE);
        wm1(at(2026, 11, 4, 18, 0));
        assertThat(alerts()).isEmpty();
    }

    @Test
    void theEndOfABoundedInputIsNotTheDeadlinePassing() throws Exception {
        send(received("12345-5", "12345", MON_0900, 0, 120));
        wm2(Long.MAX_VALUE);
        wm1(Long.MAX_VALUE);
        assertThat(alerts()).isEmpty();
    }

    @Test
    void afterTheInputEndsAColourIsRaisedOnlyIfEventTimeWasSeenToPassIt() throws Exception {
        send(received("12345-5", "12345", MON_0900, 0, 120));
        send(
                received(
                        "12345-6",
                        "12345",
                        at(2026, 11, 2, 10, 40),
                        0,
                        120)); // another case: time reached 10:40
        wm2(Long.MAX_VALUE);
        wm1(Long.MAX_VALUE);
        assertThat(alerts())
                .filteredOn(a -> a.entityId().equals("12345-5"))
                .extracting(Alert::level)
                .containsExactly("BLUE", "YELLOW");
    }

    @Test
    void repeatsReachingTheThresholdRaiseOneRepeatAlertAndAReopenCounts() throws Exception {
        send(received("12345-6", "12345", MON_0900, 0, 240));
        join("12345-6", received("web-7", "web", MON_0900 + 600_000, 40, 240));
        send(step("12345-6", CaseEventKind.CLOSED, MON_0900 + 1_200_000));
        send(step("12345-6", CaseEventKind.REOPENED, MON_0900 + 1_800_000));
        join("12345-6", received("app-8", "app", MON_0900 + 2_400_000, 60, 240));
        wm2(Long.MAX_VALUE);
        wm1(MON_0900 + 3_000_000);
        List<Alert> repeats =
                alerts().stream().filter(a -> a.type() == AlertType.COMPLAINT_REPEAT).toList();
        assertThat(repeats)
                .extracting(Alert::status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.UPDATED);
        assertThat(repeats.get(0).episodeStart())
                .isEqualTo(MON_0900 + 1_800_000); // the reopen was the third
        assertThat(repeats.get(1).attributes())
                .containsEntry("complaints", "4")
                .containsEntry("reopenCount", "1");
    }

    @Test
    void stateIsClearedAfterTheRetention() throws Exception {
        send(received("12345-9", "12345", MON_0900, 0, 120));
        send(step("12345-9", CaseEventKind.CLOSED, MON_0900 + 1_800_000));
        wm2(Long.MAX_VALUE);
        wm1(MON_0900 + 3_600_000);
        assertThat(h.numKeyedStateEntries()).isPositive();
        wm1(MON_0900 + 1_800_000 + (7 + 1) * 86_400_000L + 1);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void aCaseClosedMonthsAfterItWasReceivedClosesItsOverdueAlert() throws Exception {
        long day = 86_400_000L;
        send(received("12345-10", "12345", MON_0900, 0, 120));
        wm2(Long.MAX_VALUE);
        wm1(MON_0900 + 90 * day); // far past every colour and past any idle time: the open
        // case stays
        assertThat(alerts())
                .extracting(Alert::level)
                .containsExactly("BLUE", "YELLOW", "ORANGE", "RED");
        assertThat(h.numKeyedStateEntries()).isPositive();
        long close = MON_0900 + 90 * day + 3_600_000L;
        send(step("12345-10", CaseEventKind.CLOSED, close));
        wm1(close);
        Alert last = alerts().get(alerts().size() - 1);
        assertThat(last.type()).isEqualTo(AlertType.CASE_OVERDUE);
        assertThat(last.status()).isEqualTo(AlertStatus.CLOSED);
        assertThat(last.episodeEnd()).isEqualTo(close);
        assertThat(last.alertId()).isEqualTo(alerts().get(0).alertId());
        assertThat(h.getSideOutput(CaseFunction.DEAD_LETTERS)).isNull();
        wm1(close + (7 + 1) * day + 1); // closed: cleared after the repeat window and the grace day
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    @Test
    void aStepForACaseNeverSeenIsDeadLetteredAsUnknownCase() throws Exception {
        send(step("12345-11", CaseEventKind.CLOSED, MON_0900));
        join(
                "12345-12",
                step(
                        "web-13",
                        CaseEventKind.CLOSED,
                        MON_0900)); // a merged ticket's step: ignored by any case
        wm2(Long.MAX_VALUE);
        wm1(MON_0900 + 60_000);
        assertThat(alerts()).isEmpty();
        List<DeadLetter> dead =
                h.getSideOutput(CaseFunction.DEAD_LETTERS).stream()
                        .map(StreamRecord::getValue)
                        .toList();
        assertThat(dead).hasSize(1);
        DeadLetter d = dead.get(0);
        assertThat(d.reasonCode()).isEqualTo(ReasonCodes.UNKNOWN_CASE);
        assertThat(d.sourceTopic()).isEqualTo("gridwatch.hotline");
        assertThat(d.key()).isEqualTo("12345-11");
        assertThat(Json.read(d.original()).get("kind").asText()).isEqualTo("CLOSED");
        assertThat(Json.read(d.original()).get("time").asText())
                .isEqualTo(java.time.Instant.ofEpochMilli(MON_0900).toString());
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    @Test
    void aReopenAfterTheClosedCaseWasClearedIsDeadLettered() throws Exception {
        send(received("12345-14", "12345", MON_0900, 0, 120));
        send(step("12345-14", CaseEventKind.CLOSED, MON_0900 + 1_800_000));
        wm2(Long.MAX_VALUE);
        wm1(MON_0900 + 10 * 86_400_000L);
        assertThat(h.numKeyedStateEntries()).isZero();
        send(step("12345-14", CaseEventKind.REOPENED, MON_0900 + 10 * 86_400_000L + 1));
        wm1(MON_0900 + 11 * 86_400_000L);
        assertThat(h.getSideOutput(CaseFunction.DEAD_LETTERS))
                .extracting(r -> r.getValue().reasonCode())
                .containsExactly(ReasonCodes.UNKNOWN_CASE);
    }
}

package org.gridwatch.jobs.dispatch;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

import org.gridwatch.common.city.CityCodec;
import org.gridwatch.common.city.Officer;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.EntityType;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.NearbyOfficer;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.model.Severity;
import org.gridwatch.common.rules.DailyWindow;
import org.gridwatch.jobs.dispatch.logic.Cells;
import org.gridwatch.jobs.dispatch.logic.DispatchRules;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The join in event time: a revision at T names the officer whose fix at T-30 s is 300 m away, not
 * one whose only fix is after T nor one whose fix is 20 min old, and the answer does not depend on
 * whether the fixes came before or after the revision.
 */
class NearestOfficerFunctionTest {
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    private static final long T = Instant.parse("2026-11-21T02:00:00Z").toEpochMilli();
    private static final double LAT = 31.1;
    private static final double LON = 121.4;
    private static final double DEG_PER_M = 1 / (Math.toRadians(1) * 6_371_008.8);
    private static final long CELL = Cells.cellOf(LAT, LON, DispatchRules.RADIUS_M);

    private KeyedBroadcastOperatorTestHarness<Long, CellInput, ReferenceUpdate, Alert> harness()
            throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new NearestOfficerFunction(new ReferenceHolder(null, SH)),
                        CellInput::cell,
                        Types.LONG,
                        ReferenceHolder.STATE);
        Officer near =
                new Officer("OF-NEAR", "王磊", "闵行区", List.of(), DailyWindow.parse("08:00", "20:00"));
        h.processBroadcastElement(
                new ReferenceUpdate(
                        "OFFICER",
                        near.officerId(),
                        "UPSERT",
                        0,
                        Json.text(CityCodec.officer(near))),
                0);
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
    }

    private static Alert alert(long eventTime, int revision) {
        return new Alert(
                "STALL_REAPPEARED:S1:" + T,
                AlertType.STALL_REAPPEARED,
                revision == 0 ? AlertStatus.OPEN : AlertStatus.UPDATED,
                revision,
                Severity.MEDIUM,
                null,
                Map.of(),
                T,
                0,
                eventTime,
                eventTime + 500,
                "SPOT",
                "S1",
                null,
                null,
                LAT,
                LON,
                "摊点复现",
                "Stall reappeared",
                Map.of(),
                List.of());
    }

    private static GpsPing ping(String officer, long time, double northM) {
        return new GpsPing(
                officer,
                EntityType.OFFICER,
                time,
                LAT + northM * DEG_PER_M,
                LON,
                3.0,
                0,
                null,
                null,
                null,
                null,
                "app");
    }

    private static void fix(
            KeyedBroadcastOperatorTestHarness<Long, CellInput, ReferenceUpdate, Alert> h, GpsPing p)
            throws Exception {
        assertThat(Cells.cellsFor(p.lat(), p.lon(), DispatchRules.RADIUS_M)).contains(CELL);
        h.processElement(new StreamRecord<>(CellInput.fix(CELL, p), p.eventTime()));
    }

    private static void revision(
            KeyedBroadcastOperatorTestHarness<Long, CellInput, ReferenceUpdate, Alert> h, Alert a)
            throws Exception {
        h.processElement(new StreamRecord<>(CellInput.alert(CELL, a), a.eventTime()));
    }

    private static final List<GpsPing> FIXES =
            List.of(
                    ping("OF-OLD", T - 20 * 60_000, 100),
                    ping("OF-NEAR", T - 90_000, 800),
                    ping("OF-NEAR", T - 30_000, 300),
                    ping("OF-LATER", T + 10_000, 50),
                    ping("OF-NEAR", T + 20_000, 10));

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new java.util.ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static int stateEntries(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> h) {
        return ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>)
                        h.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    private static void assertNamesOnlyTheNearOfficer(List<Alert> out) {
        assertThat(out).hasSize(1);
        List<NearbyOfficer> officers = out.get(0).nearestOfficers();
        assertThat(officers).extracting(NearbyOfficer::officerId).containsExactly("OF-NEAR");
        assertThat(officers.get(0).name()).isEqualTo("王磊");
        assertThat(officers.get(0).distanceM()).isCloseTo(300, within(0.5));
        assertThat(officers.get(0).fixTime()).isEqualTo(T - 30_000);
        assertThat(officers.get(0).fixAgeSeconds()).isEqualTo(30);
    }

    @Test
    void aRevisionShouldWaitForTheWatermarkAndNameTheOfficerNearAtItsTime() throws Exception {
        try (var h = harness()) {
            h.processWatermark(T - 25 * 60_000);
            for (GpsPing p : FIXES) {
                fix(h, p);
            }
            revision(h, alert(T, 0));
            h.processWatermark(T - 1);
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(T);
            assertNamesOnlyTheNearOfficer(h.extractOutputValues());
        }
    }

    @Test
    void fixesArrivingAfterTheRevisionShouldGiveTheSameAnswer() throws Exception {
        try (var h = harness()) {
            h.processWatermark(T - 25 * 60_000);
            revision(h, alert(T, 0));
            for (GpsPing p : reversed(FIXES)) {
                fix(h, p);
            }
            h.processWatermark(T + 60_000);
            assertNamesOnlyTheNearOfficer(h.extractOutputValues());
        }
    }

    @Test
    void eachRevisionShouldBeAnsweredForItsOwnEventTime() throws Exception {
        try (var h = harness()) {
            h.processWatermark(T - 25 * 60_000);
            for (GpsPing p : FIXES) {
                fix(h, p);
            }
            revision(h, alert(T + 25_000, 1));
            revision(h, alert(T, 0));
            h.processWatermark(T + 30_000);
            List<Alert> out = h.extractOutputValues();
            assertThat(out).extracting(Alert::revision).containsExactly(0, 1);
            assertThat(out.get(1).nearestOfficers())
                    .extracting(NearbyOfficer::officerId)
                    .containsExactly("OF-NEAR", "OF-LATER");
            assertThat(out.get(1).nearestOfficers().get(0).distanceM()).isCloseTo(10, within(0.5));
        }
    }

    @Test
    void aRevisionTheWatermarkHasPassedShouldLeaveAtOnce() throws Exception {
        try (var h = harness()) {
            h.processWatermark(T - 25 * 60_000);
            for (GpsPing p : FIXES) {
                fix(h, p);
            }
            h.processWatermark(T + 60_000);
            revision(h, alert(T, 0));
            assertNamesOnlyTheNearOfficer(h.extractOutputValues());
        }
    }

    @Test
    void theCellShouldForgetItsFixesAndRevisionsOnceTheyAreOld() throws Exception {
        try (var h = harness()) {
            h.processWatermark(T - 25 * 60_000);
            for (GpsPing p : FIXES) {
                fix(h, p);
            }
            revision(h, alert(T, 0));
            h.processWatermark(T + 20_000 + DispatchRules.RETENTION_MS + 60_000);
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(stateEntries(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            // A fix already beyond the retention changes nothing.
            fix(h, ping("OF-NEAR", T, 5));
            assertThat(stateEntries(h)).isZero();
        }
    }
}

package org.gridwatch.jobs.coverage;

import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.jobs.testing.Normalize;
import org.gridwatch.jobs.testing.RestoreRoundTrip;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.coverage.CoverageFunctionsTest.A;
import static org.gridwatch.jobs.coverage.CoverageFunctionsTest.B;
import static org.gridwatch.jobs.coverage.CoverageFunctionsTest.local;
import static org.gridwatch.jobs.coverage.CoverageFunctionsTest.ping;
import static org.gridwatch.jobs.coverage.CoverageFunctionsTest.upsert;

/**
 * Both coverage functions keep their state, timers and the grids (broadcast state) across a
 * restore.
 */
class CoverageFunctionsRestoreTest {
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");

    private static RestoreRoundTrip<
                    KeyedBroadcastOperatorTestHarness<String, GridSignal, GridBroadcast, Alert>>
            gridRoundTrip() {
        return RestoreRoundTrip.of(
                        () ->
                                RestoreRoundTrip.keyedBroadcast(
                                        new GridCoverageFunction(new ReferenceHolder(null, SH)),
                                        GridSignal::gridCode,
                                        ReferenceHolder.STATE,
                                        GridCoverageFunction.CLOCK_STATE))
                .sideOutputs(GridCoverageFunction.COVERAGE_DOCS)
                .broadcastState(ReferenceHolder.STATE, GridCoverageFunction.CLOCK_STATE)
                .normalizing(Normalize.outputs(false));
    }

    private static void send(
            KeyedBroadcastOperatorTestHarness<String, GridSignal, GridBroadcast, Alert> h,
            GridSignal s)
            throws Exception {
        h.processElement(s, s.time());
    }

    private static void start(
            KeyedBroadcastOperatorTestHarness<String, GridSignal, GridBroadcast, Alert> h, long t)
            throws Exception {
        send(h, GridSignal.start(A.gridCode(), t));
        send(h, GridSignal.start(B.gridCode(), t));
        clock(h, t);
    }

    private static void clock(
            KeyedBroadcastOperatorTestHarness<String, GridSignal, GridBroadcast, Alert> h, long t)
            throws Exception {
        h.processBroadcastElement(GridBroadcast.clock(t), t);
    }

    @Test
    void shouldCloseAnUncoveredEpisodeOpenedBeforeTheRestore() throws Exception {
        long t0 = local("2026-11-02T07:00");
        long split = local("2026-11-02T09:30");
        var result =
                gridRoundTrip()
                        .run(
                                h -> {
                                    h.processBroadcastElement(GridBroadcast.of(upsert(A)), 0);
                                    h.processBroadcastElement(GridBroadcast.of(upsert(B)), 0);
                                    h.processBroadcastWatermark(Long.MAX_VALUE);
                                    start(h, t0);
                                    // Officers only ever in A; B is never entered and opens an
                                    // alert at 09:00.
                                    for (long t = t0; t < split; t += 60_000) {
                                        send(
                                                h,
                                                new GridSignal(
                                                        A.gridCode(),
                                                        t + 5_000,
                                                        "GW1",
                                                        t == t0,
                                                        31.105,
                                                        121.405));
                                        clock(h, t + 60_000);
                                        h.processWatermark(t + 60_000);
                                    }
                                    send(
                                            h,
                                            new GridSignal(
                                                    A.gridCode(),
                                                    split + 5_000,
                                                    "GW1",
                                                    false,
                                                    31.105,
                                                    121.405)); // buffered at the snapshot
                                },
                                h -> {
                                    h.processBroadcastWatermark(
                                            Long.MAX_VALUE); // input watermarks are not state:
                                    // the reference side must again
                                    // hold nothing back
                                    send(
                                            h,
                                            new GridSignal(
                                                    B.gridCode(),
                                                    local("2026-11-02T09:40:10"),
                                                    "GW2",
                                                    true,
                                                    31.105,
                                                    121.415));
                                    clock(h, local("2026-11-02T10:05"));
                                    h.processWatermark(local("2026-11-02T10:05"));
                                })
                        .assertSameAsUninterrupted();

        List<Alert> before =
                result.restored().beforeSplit().values().stream().map(v -> (Alert) v).toList();
        List<Alert> after = result.afterRestore().values().stream().map(v -> (Alert) v).toList();
        assertThat(before).extracting(Alert::status).containsExactly(AlertStatus.OPEN);
        assertThat(after).extracting(Alert::status).containsExactly(AlertStatus.CLOSED);
        assertThat(after.get(0).alertId()).isEqualTo(before.get(0).alertId());
        assertThat(after.get(0).attributes()).containsEntry("closedBy", "GW2");
        assertThat(result.afterRestore().values(GridCoverageFunction.COVERAGE_DOCS))
                .as("hour 09 of both grids")
                .hasSize(2);
    }

    private static RestoreRoundTrip<
                    KeyedBroadcastOperatorTestHarness<String, GpsPing, ReferenceUpdate, GridSignal>>
            officerRoundTrip() {
        return RestoreRoundTrip.of(
                        () ->
                                RestoreRoundTrip.keyedBroadcast(
                                        new OfficerGridFunction(new ReferenceHolder(null, SH)),
                                        GpsPing::entityId,
                                        ReferenceHolder.STATE))
                .sideOutputs(OfficerGridFunction.CLOCK)
                .broadcastState(ReferenceHolder.STATE);
    }

    private static void feed(
            KeyedBroadcastOperatorTestHarness<String, GpsPing, ReferenceUpdate, GridSignal> h,
            GpsPing p)
            throws Exception {
        h.processElement(p, p.eventTime());
    }

    @Test
    void shouldKeepTheOfficersGridAndTheGridClockAcrossARestore() throws Exception {
        long t0 = local("2026-11-02T08:00:10");
        var result =
                officerRoundTrip()
                        .run(
                                h -> {
                                    h.processBroadcastElement(upsert(A), 0);
                                    h.processBroadcastElement(upsert(B), 0);
                                    h.processBroadcastWatermark(Long.MAX_VALUE);
                                    feed(h, ping("GW1", t0, 31.105, 121.405));
                                    feed(h, ping("GW1", t0 + 30_000, 31.105, 121.406));
                                },
                                h -> {
                                    h.processBroadcastWatermark(Long.MAX_VALUE);
                                    feed(
                                            h,
                                            ping(
                                                    "GW1",
                                                    t0 + 40_000,
                                                    31.105,
                                                    121.407)); // same grid, same clock tick as
                                    // before the restore
                                    feed(
                                            h,
                                            ping(
                                                    "GW1",
                                                    t0 + 60_000,
                                                    31.105,
                                                    121.415)); // enters B in the next tick
                                    h.processWatermark(t0 + 60_000 + 3_600_000 + 600_000);
                                })
                        .assertSameAsUninterrupted();

        assertThat(result.afterRestore().values())
                .map(v -> (GridSignal) v)
                .extracting(
                        s ->
                                s.isStart()
                                        ? "start " + s.gridCode() + "@" + (s.time() - t0)
                                        : s.gridCode() + " entered=" + s.entered())
                .containsExactly(
                        A.gridCode() + " entered=false",
                        "start " + A.gridCode() + "@50000",
                        "start " + B.gridCode() + "@50000",
                        B.gridCode() + " entered=true");
        assertThat(result.restored().atEnd().keyedStateEntries())
                .as("a silent officer is forgotten by the restored timer")
                .isZero();
    }
}

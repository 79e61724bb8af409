package org.gridwatch.jobs.coverage;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

import org.gridwatch.common.city.CityCodec;
import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.EntityType;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.rules.DailyWindow;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Harness tests of both coverage functions: timers on the watermark, absence alerts, state cleanup.
 */
class CoverageFunctionsTest {
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");

    static long local(String t) {
        return LocalDateTime.parse(t).atZone(SH).toInstant().toEpochMilli();
    }

    /** A square grid of about 1 km at (lat0, lon0). */
    static Grid grid(String code, double lat0, double lon0) {
        double d = 0.01;
        var poly =
                GeoJson.FACTORY.createPolygon(
                        new Coordinate[] {
                            new Coordinate(lon0, lat0),
                            new Coordinate(lon0 + d, lat0),
                            new Coordinate(lon0 + d, lat0 + d),
                            new Coordinate(lon0, lat0 + d),
                            new Coordinate(lon0, lat0)
                        });
        return new Grid(
                code,
                "310112",
                "闵行区",
                "001",
                "莘庄镇",
                "001",
                "莘庄第1社区",
                DailyWindow.parse("07:00", "22:00"),
                120,
                poly);
    }

    static ReferenceUpdate upsert(Grid g) {
        return new ReferenceUpdate("GRID", g.gridCode(), "UPSERT", 0, Json.text(CityCodec.grid(g)));
    }

    static ReferenceUpdate delete(Grid g) {
        return new ReferenceUpdate("GRID", g.gridCode(), "DELETE", 0, null);
    }

    static final Grid A = grid("31011200100101", 31.10, 121.40);
    static final Grid B = grid("31011200100102", 31.10, 121.41);

    private static KeyedBroadcastOperatorTestHarness<String, GridSignal, GridBroadcast, Alert>
            gridHarness() throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new GridCoverageFunction(new ReferenceHolder(null, SH)),
                        GridSignal::gridCode,
                        Types.STRING,
                        ReferenceHolder.STATE,
                        GridCoverageFunction.CLOCK_STATE);
        h.processBroadcastElement(GridBroadcast.of(upsert(A)), 0);
        h.processBroadcastElement(GridBroadcast.of(upsert(B)), 0);
        // As in the job: the reference side never holds event time back.
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
    }

    private static void send(
            KeyedBroadcastOperatorTestHarness<String, GridSignal, GridBroadcast, Alert> h,
            GridSignal s)
            throws Exception {
        h.processElement(new StreamRecord<>(s, s.time()));
    }

    /** What the officer side sends at its first tick: a start to every grid, and the clock. */
    private static void start(
            KeyedBroadcastOperatorTestHarness<String, GridSignal, GridBroadcast, Alert> h, long t)
            throws Exception {
        send(h, GridSignal.start(A.gridCode(), t));
        send(h, GridSignal.start(B.gridCode(), t));
        clock(h, t);
    }

    /** The GPS clock of the officer side (broadcast: once per tick, not per grid). */
    private static void clock(
            KeyedBroadcastOperatorTestHarness<String, GridSignal, GridBroadcast, Alert> h, long t)
            throws Exception {
        h.processBroadcastElement(new StreamRecord<>(GridBroadcast.clock(t), t));
    }

    private static List<Alert> alerts(
            KeyedBroadcastOperatorTestHarness<String, GridSignal, GridBroadcast, Alert> h) {
        return h.extractOutputValues();
    }

    @Test
    void shouldAlertForAGridNobodyEntersAndCloseWhenAnOfficerArrives() throws Exception {
        try (var h = gridHarness()) {
            long t0 = local("2026-11-02T07:00");
            start(h, t0);
            // Officers only ever in A; B is never entered: its start is the only signal it gets.
            for (long t = t0; t <= local("2026-11-02T09:30"); t += 60_000) {
                send(h, new GridSignal(A.gridCode(), t + 5_000, "GW1", t == t0, 31.105, 121.405));
                clock(h, t + 60_000);
                h.processWatermark(t + 60_000);
            }
            List<Alert> a = alerts(h);
            assertThat(a).hasSize(1);
            Alert open = a.get(0);
            assertThat(open.type()).isEqualTo(AlertType.GRID_UNCOVERED);
            assertThat(open.status()).isEqualTo(AlertStatus.OPEN);
            assertThat(open.entityId()).isEqualTo(B.gridCode());
            assertThat(open.episodeStart()).isEqualTo(local("2026-11-02T09:00"));
            assertThat(open.gridCode()).isEqualTo(B.gridCode());
            assertThat(open.district()).isEqualTo("闵行区");
            assertThat(open.messageZh()).contains("无人巡查");
            assertThat(open.alertId())
                    .isEqualTo("GRID_UNCOVERED:" + B.gridCode() + ":20261102T010000Z");

            send(
                    h,
                    new GridSignal(
                            B.gridCode(),
                            local("2026-11-02T09:40:10"),
                            "GW2",
                            true,
                            31.105,
                            121.415));
            clock(h, local("2026-11-02T09:41"));
            h.processWatermark(local("2026-11-02T09:41"));
            assertThat(alerts(h)).hasSize(2);
            Alert closed = alerts(h).get(1);
            assertThat(closed.status()).isEqualTo(AlertStatus.CLOSED);
            assertThat(closed.alertId()).isEqualTo(open.alertId());
            assertThat(closed.episodeEnd()).isEqualTo(local("2026-11-02T09:40:10"));
            assertThat(closed.attributes()).containsEntry("closedBy", "GW2");
            // Coverage documents: hours 07 and 08 complete for both grids.
            var docs = h.getSideOutput(GridCoverageFunction.COVERAGE_DOCS);
            assertThat(docs)
                    .extracting(r -> r.getValue().id())
                    .contains(
                            A.gridCode() + "@2026-11-01T23:00:00Z",
                            B.gridCode() + "@2026-11-02T00:00:00Z");
            String a7 =
                    docs.stream()
                            .map(StreamRecord::getValue)
                            .filter(r -> r.id().equals(A.gridCode() + "@2026-11-01T23:00:00Z"))
                            .findFirst()
                            .orElseThrow()
                            .json();
            assertThat(Json.read(a7).get("minutesCovered").asInt()).isEqualTo(60);
            assertThat(Json.read(a7).get("visits").asInt()).isEqualTo(1);
            assertThat(Json.read(a7).get("distinctOfficers").asInt()).isEqualTo(1);
        }
    }

    @Test
    void shouldNotRunPastTheDataOnTheFinalWatermark() throws Exception {
        try (var h = gridHarness()) {
            start(h, local("2026-11-02T07:00"));
            clock(h, local("2026-11-02T08:30"));
            h.processWatermark(Long.MAX_VALUE);
            // The data reaches 08:30 only: no alert at 09:00 on the final watermark.
            assertThat(alerts(h)).isEmpty();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void shouldWaitForTheClockWhenTheWatermarkPassesADeadlineFirst() throws Exception {
        try (var h = gridHarness()) {
            start(h, local("2026-11-02T07:00"));
            clock(h, local("2026-11-02T08:30"));
            h.processWatermark(local("2026-11-02T09:05"));
            // The watermark is past the deadline (09:00), the data is not.
            assertThat(alerts(h)).isEmpty();
            clock(h, local("2026-11-02T09:10"));
            assertThat(alerts(h)).isEmpty();
            // The grids look again at the next watermark.
            h.processWatermark(local("2026-11-02T09:06"));
            assertThat(alerts(h))
                    .extracting(Alert::episodeStart)
                    .containsExactly(local("2026-11-02T09:00"), local("2026-11-02T09:00"));
        }
    }

    @Test
    void shouldCloseAndClearWhenTheGridIsDeleted() throws Exception {
        try (var h = gridHarness()) {
            start(h, local("2026-11-02T07:00"));
            clock(h, local("2026-11-02T09:10"));
            h.processWatermark(local("2026-11-02T09:10"));
            assertThat(alerts(h)).hasSize(2);
            assertThat(stateEntries(h)).isEqualTo(4);
            h.processBroadcastElement(GridBroadcast.of(delete(B)), 0);
            clock(h, local("2026-11-02T10:00"));
            h.processWatermark(local("2026-11-02T10:00"));
            assertThat(alerts(h))
                    .filteredOn(x -> x.status() == AlertStatus.CLOSED)
                    .extracting(Alert::entityId)
                    .containsExactly(B.gridCode());
            // B's duty clock and episode are gone; A keeps its two.
            assertThat(stateEntries(h)).isEqualTo(2);
        }
    }

    private static KeyedBroadcastOperatorTestHarness<String, GpsPing, ReferenceUpdate, GridSignal>
            officerHarness() throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new OfficerGridFunction(new ReferenceHolder(null, SH)),
                        GpsPing::entityId,
                        Types.STRING,
                        ReferenceHolder.STATE);
        h.processBroadcastElement(upsert(A), 0);
        h.processBroadcastElement(upsert(B), 0);
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
    }

    private static List<Long> clocks(
            KeyedBroadcastOperatorTestHarness<String, GpsPing, ReferenceUpdate, GridSignal> h) {
        return h.getSideOutput(OfficerGridFunction.CLOCK).stream()
                .map(r -> r.getValue().clock())
                .toList();
    }

    @Test
    void shouldAssignOfficerPingsToGridsStartEveryGridAndForgetSilentOfficers() throws Exception {
        try (var h = officerHarness()) {
            long t0 = local("2026-11-02T08:00:10");
            h.processElement(new StreamRecord<>(ping("GW1", t0, 31.105, 121.405), t0));
            h.processElement(
                    new StreamRecord<>(ping("GW1", t0 + 30_000, 31.105, 121.406), t0 + 30_000));
            h.processElement(
                    new StreamRecord<>(ping("GW1", t0 + 60_000, 31.105, 121.415), t0 + 60_000));
            h.processElement(new StreamRecord<>(ping("TRUCK1", t0, 31.105, 121.415), t0));
            List<GridSignal> out = h.extractOutputValues();
            assertThat(
                            out.stream()
                                    .filter(GridSignal::isStart)
                                    .map(s -> s.gridCode() + "@" + s.time()))
                    .containsExactly(
                            A.gridCode() + "@" + (t0 - 10_000),
                            B.gridCode() + "@" + (t0 - 10_000),
                            A.gridCode() + "@" + (t0 + 50_000),
                            B.gridCode() + "@" + (t0 + 50_000));
            assertThat(clocks(h)).containsExactly(t0 - 10_000, t0 + 50_000);
            assertThat(
                            out.stream()
                                    .filter(s -> !s.isStart())
                                    .map(s -> s.gridCode() + ":" + s.entered()))
                    .containsExactly(
                            A.gridCode() + ":true",
                            A.gridCode() + ":false",
                            B.gridCode() + ":true");
            assertThat(stateEntries(h)).isEqualTo(1);
            h.processWatermark(t0 + 60_000 + 3_600_000 + 600_000);
            assertThat(stateEntries(h)).isZero();
        }
    }

    @Test
    void shouldSendOneClockPerTickAndStartsOnlyWhenAGridJoinsTheReference() throws Exception {
        Grid c = grid("31011200100103", 31.10, 121.42);
        try (var h = officerHarness()) {
            long t0 = local("2026-11-02T07:00:10");
            int minutes = 240;
            for (int m = 0; m < minutes; m++) {
                long t = t0 + m * 60_000L;
                if (m == 100) {
                    h.processBroadcastElement(upsert(c), t);
                }
                if (m == 150) {
                    h.processBroadcastElement(delete(B), t);
                }
                if (m == 160) {
                    h.processBroadcastElement(upsert(B), t);
                }
                h.processElement(new StreamRecord<>(ping("GW1", t, 31.105, 121.405), t));
            }
            List<GridSignal> out = h.extractOutputValues();
            assertThat(clocks(h)).hasSize(minutes);
            assertThat(out.stream().filter(s -> !s.isStart())).hasSize(minutes);
            // Not a signal per grid and tick (3 x 240), but a start on each grid's first 3 ticks:
            // A and B at 07:00, C once it joins, B again after it was deleted and added again.
            assertThat(
                            out.stream()
                                    .filter(GridSignal::isStart)
                                    .map(
                                            s ->
                                                    s.gridCode()
                                                            + "@"
                                                            + (s.time() - t0 + 10_000) / 60_000))
                    .containsExactlyInAnyOrder(
                            A.gridCode() + "@0",
                            A.gridCode() + "@1",
                            A.gridCode() + "@2",
                            B.gridCode() + "@0",
                            B.gridCode() + "@1",
                            B.gridCode() + "@2",
                            c.gridCode() + "@100",
                            c.gridCode() + "@101",
                            c.gridCode() + "@102",
                            B.gridCode() + "@160",
                            B.gridCode() + "@161",
                            B.gridCode() + "@162");
        }
    }

    @Test
    void shouldRaiseGridUncoveredForAGridNobodyEntersFromTheOfficerSidesSignalsAlone()
            throws Exception {
        // Both sides wired as in the job: an officer walks in A only, B only gets its starts.
        try (var officers = officerHarness();
                var grids = gridHarness()) {
            long t0 = local("2026-11-02T07:00:10");
            int sent = 0;
            int toB = 0;
            for (long t = t0; t <= local("2026-11-02T09:30"); t += 60_000) {
                officers.processElement(new StreamRecord<>(ping("GW1", t, 31.105, 121.405), t));
                for (GridSignal s :
                        officers.extractOutputValues()
                                .subList(sent, officers.extractOutputValues().size())) {
                    send(grids, s);
                    toB += s.gridCode().equals(B.gridCode()) ? 1 : 0;
                }
                sent = officers.extractOutputValues().size();
                List<Long> clocks = clocks(officers);
                clock(grids, clocks.get(clocks.size() - 1));
                grids.processWatermark(t - 2_000);
            }
            assertThat(toB).as("B's only keyed signals: its starts").isEqualTo(3);
            assertThat(clocks(officers)).as("one clock per tick").hasSize(150);
            assertThat(alerts(grids))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.entityId()).isEqualTo(B.gridCode());
                                assertThat(a.status()).isEqualTo(AlertStatus.OPEN);
                                assertThat(a.episodeStart()).isEqualTo(local("2026-11-02T09:00"));
                            });
        }
    }

    @Test
    void shouldStartAGridTheGridSideLearnsOfOnlyAfterItsStartTicks() throws Exception {
        // G joins the reference at 07:30 on the officer side, and reaches the grid side only 10
        // simulated minutes (10 ticks) later: its 3 starts arrive while the grid side does not know
        // it. Nobody enters G: it must still be started at its first start and become uncovered.
        Grid g = grid("31011200100103", 31.10, 121.42);
        try (var officers = officerHarness();
                var grids = gridHarness()) {
            long t0 = local("2026-11-02T07:00:10");
            int sent = 0;
            int toG = 0;
            for (long t = t0; t <= local("2026-11-02T09:45"); t += 60_000) {
                if (t == local("2026-11-02T07:30:10")) {
                    officers.processBroadcastElement(upsert(g), t);
                }
                if (t == local("2026-11-02T07:40:10")) {
                    grids.processBroadcastElement(GridBroadcast.of(upsert(g)), t);
                }
                officers.processElement(new StreamRecord<>(ping("GW1", t, 31.105, 121.405), t));
                for (GridSignal s :
                        officers.extractOutputValues()
                                .subList(sent, officers.extractOutputValues().size())) {
                    send(grids, s);
                    toG += s.gridCode().equals(g.gridCode()) ? 1 : 0;
                }
                sent = officers.extractOutputValues().size();
                List<Long> clocks = clocks(officers);
                clock(grids, clocks.get(clocks.size() - 1));
                grids.processWatermark(t - 2_000);
            }
            assertThat(toG)
                    .as("G's only keyed signals: its starts, all before its UPSERT")
                    .isEqualTo(3);
            assertThat(alerts(grids))
                    .filteredOn(a -> a.entityId().equals(g.gridCode()))
                    .singleElement()
                    .satisfies(
                            a -> {
                                assertThat(a.type()).isEqualTo(AlertType.GRID_UNCOVERED);
                                assertThat(a.status()).isEqualTo(AlertStatus.OPEN);
                                // Observed from its first start (07:30), uncovered 120 min later.
                                assertThat(a.episodeStart()).isEqualTo(local("2026-11-02T09:30"));
                            });
            assertThat(alerts(grids))
                    .extracting(Alert::entityId)
                    .containsExactlyInAnyOrder(B.gridCode(), g.gridCode());
        }
    }

    @Test
    void shouldForgetAStartForAGridThatNeverJoinsTheGridSidesReference() throws Exception {
        try (var h = gridHarness()) {
            long t0 = local("2026-11-02T07:00");
            send(h, GridSignal.start("31011200100199", t0));
            send(h, GridSignal.start("31011200100199", t0 + 60_000));
            assertThat(stateEntries(h)).as("the marker").isEqualTo(1);
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            for (long t = t0; t < t0 + 3_600_000; t += 60_000) {
                clock(h, t);
                h.processWatermark(t);
                assertThat(stateEntries(h)).isEqualTo(1);
            }
            // coverage.officerRetention (1 h) after its first start: marker and timer are gone.
            clock(h, t0 + 3_600_000);
            h.processWatermark(t0 + 3_600_000);
            assertThat(stateEntries(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(alerts(h)).isEmpty();
            h.processWatermark(Long.MAX_VALUE);
            assertThat(stateEntries(h)).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    /** Keyed state entries of all keys (the harness backend is the heap backend). */
    static int stateEntries(
            org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness<?> h) {
        return ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>)
                        h.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    static GpsPing ping(String id, long t, double lat, double lon) {
        EntityType type = id.startsWith("TRUCK") ? EntityType.TRUCK : EntityType.OFFICER;
        return new GpsPing(id, type, t, lat, lon, 5, 0, null, null, null, null, "test");
    }
}

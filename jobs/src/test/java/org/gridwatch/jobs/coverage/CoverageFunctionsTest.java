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

    private KeyedBroadcastOperatorTestHarness<String, GridSignal, ReferenceUpdate, Alert>
            gridHarness() throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new GridCoverageFunction(new ReferenceHolder(null, SH)),
                        GridSignal::gridCode,
                        Types.STRING,
                        ReferenceHolder.STATE);
        h.processBroadcastElement(upsert(A), 0);
        h.processBroadcastElement(upsert(B), 0);
        // As in the job: the reference side never holds event time back.
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
    }

    private static void send(
            KeyedBroadcastOperatorTestHarness<String, GridSignal, ReferenceUpdate, Alert> h,
            GridSignal s)
            throws Exception {
        h.processElement(new StreamRecord<>(s, s.time()));
    }

    private static void ticks(
            KeyedBroadcastOperatorTestHarness<String, GridSignal, ReferenceUpdate, Alert> h, long t)
            throws Exception {
        send(h, GridSignal.tick(A.gridCode(), t));
        send(h, GridSignal.tick(B.gridCode(), t));
    }

    private static List<Alert> alerts(
            KeyedBroadcastOperatorTestHarness<String, GridSignal, ReferenceUpdate, Alert> h) {
        return h.extractOutputValues();
    }

    @Test
    void shouldAlertForAGridNobodyEntersAndCloseWhenAnOfficerArrives() throws Exception {
        try (var h = gridHarness()) {
            long t0 = local("2026-11-02T07:00");
            ticks(h, t0);
            // Officers only ever in A; B is never entered.
            for (long t = t0; t <= local("2026-11-02T09:30"); t += 60_000) {
                send(h, new GridSignal(A.gridCode(), t + 5_000, "GW1", t == t0, 31.105, 121.405));
                ticks(h, t + 60_000);
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
            ticks(h, local("2026-11-02T09:41"));
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
            ticks(h, local("2026-11-02T07:00"));
            ticks(h, local("2026-11-02T08:30"));
            h.processWatermark(Long.MAX_VALUE);
            // The data reaches 08:30 only: no alert at 09:00 on the final watermark.
            assertThat(alerts(h)).isEmpty();
            ticks(h, local("2026-11-02T09:10"));
            assertThat(alerts(h))
                    .extracting(Alert::episodeStart)
                    .containsExactly(local("2026-11-02T09:00"), local("2026-11-02T09:00"));
        }
    }

    @Test
    void shouldCloseAndClearWhenTheGridIsDeleted() throws Exception {
        try (var h = gridHarness()) {
            ticks(h, local("2026-11-02T07:00"));
            ticks(h, local("2026-11-02T09:10"));
            h.processWatermark(local("2026-11-02T09:10"));
            assertThat(alerts(h)).hasSize(2);
            assertThat(stateEntries(h)).isEqualTo(4);
            h.processBroadcastElement(delete(B), 0);
            ticks(h, local("2026-11-02T10:00"));
            h.processWatermark(local("2026-11-02T10:00"));
            assertThat(alerts(h))
                    .filteredOn(x -> x.status() == AlertStatus.CLOSED)
                    .extracting(Alert::entityId)
                    .containsExactly(B.gridCode());
            // B's duty clock and episode are gone; A keeps its two.
            assertThat(stateEntries(h)).isEqualTo(2);
        }
    }

    @Test
    void shouldAssignOfficerPingsToGridsTickEveryGridAndForgetSilentOfficers() throws Exception {
        var f = new OfficerGridFunction(new ReferenceHolder(null, SH));
        try (var h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        f, GpsPing::entityId, Types.STRING, ReferenceHolder.STATE)) {
            h.processBroadcastElement(upsert(A), 0);
            h.processBroadcastElement(upsert(B), 0);
            h.processBroadcastWatermark(Long.MAX_VALUE);
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
                                    .filter(GridSignal::isTick)
                                    .map(s -> s.gridCode() + "@" + s.time()))
                    .containsExactly(
                            A.gridCode() + "@" + (t0 - 10_000),
                            B.gridCode() + "@" + (t0 - 10_000),
                            A.gridCode() + "@" + (t0 + 50_000),
                            B.gridCode() + "@" + (t0 + 50_000));
            assertThat(
                            out.stream()
                                    .filter(s -> !s.isTick())
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

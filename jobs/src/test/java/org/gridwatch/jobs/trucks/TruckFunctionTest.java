package org.gridwatch.jobs.trucks;

import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

import org.gridwatch.common.city.City;
import org.gridwatch.common.city.CityCodec;
import org.gridwatch.common.city.Site;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.jobs.trucks.logic.TruckState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.trucks.TruckTestCity.local;
import static org.gridwatch.jobs.trucks.TruckTestCity.ping;

class TruckFunctionTest {
    private static final long S = 1000;
    private static final long MIN = 60 * S;

    static KeyedBroadcastOperatorTestHarness<String, GpsPing, ReferenceUpdate, Alert> harness()
            throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new TruckFunction(new ReferenceHolder(null, TruckTestCity.SH)),
                        GpsPing::entityId,
                        Types.STRING,
                        ReferenceHolder.STATE);
        City c = TruckTestCity.city();
        c.sites().forEach(s -> broadcast(h, "SITE", s.siteId(), Json.text(CityCodec.site(s))));
        c.zones().forEach(z -> broadcast(h, "ZONE", z.zoneId(), Json.text(CityCodec.zone(z))));
        c.permits()
                .forEach(p -> broadcast(h, "PERMIT", p.permitId(), Json.text(CityCodec.permit(p))));
        c.trucks().forEach(t -> broadcast(h, "TRUCK", t.truckId(), Json.text(CityCodec.truck(t))));
        c.grids().forEach(g -> broadcast(h, "GRID", g.gridCode(), Json.text(CityCodec.grid(g))));
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
    }

    /** The truck's keyed state as the function left it. */
    static TruckState truckState(
            KeyedBroadcastOperatorTestHarness<String, GpsPing, ReferenceUpdate, Alert> h,
            String truck)
            throws Exception {
        @SuppressWarnings("unchecked")
        var backend =
                (org.apache.flink.runtime.state.KeyedStateBackend<Object>)
                        (Object) h.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(truck);
        return backend.getPartitionedState(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        new ValueStateDescriptor<>(TruckFunction.STATE, TruckState.class))
                .value();
    }

    static void broadcast(
            KeyedBroadcastOperatorTestHarness<String, GpsPing, ReferenceUpdate, Alert> h,
            String kind,
            String id,
            String json) {
        try {
            h.processBroadcastElement(new ReferenceUpdate(kind, id, "UPSERT", 0, json), 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * T1 leaves the site at 21:00, detours 200 m off the route for 3 min, then goes silent mid-trip
     * at x = 4000.
     */
    private static List<GpsPing> trip() {
        List<GpsPing> pings = new ArrayList<>();
        long t = local("2026-11-02T21:00:00");
        pings.add(ping("T1", t - 10 * S, 0, 0, 0));
        pings.add(ping("T1", t, 0, 0, 0));
        double x = 100;
        for (int i = 1; x <= 4000; i++) {
            boolean detour = i >= 20 && i < 38;
            pings.add(ping("T1", t + i * 10 * S, x, detour ? 200 : 0, 36));
            x += 100;
        }
        return pings;
    }

    private static long last(List<GpsPing> pings) {
        return pings.stream().mapToLong(GpsPing::eventTime).max().orElseThrow();
    }

    @Test
    void shuffledPingsGiveTheSameAlertsAsOrderedOnesAndSilenceRaisesALostSignal() throws Exception {
        List<GpsPing> pings = trip();
        List<String> inOrder = run(pings);
        List<GpsPing> shuffled = new ArrayList<>(pings);
        // Shuffle within blocks of 3 pings (30 s), the watermark trailing the newest ping by 30 s.
        for (int i = 0; i < shuffled.size(); i += 3) {
            Collections.shuffle(
                    shuffled.subList(i, Math.min(shuffled.size(), i + 3)), new Random(i));
        }
        assertThat(run(shuffled)).isEqualTo(inOrder);
        assertThat(inOrder)
                .containsExactly(
                        "TRUCK_ROUTE_DEVIATION OPEN",
                        "TRUCK_ROUTE_DEVIATION CLOSED",
                        "TRUCK_SIGNAL_LOST OPEN");
    }

    private static List<String> run(List<GpsPing> pings) throws Exception {
        try (var h = harness()) {
            long newest = Long.MIN_VALUE;
            for (GpsPing p : pings) {
                h.processElement(new StreamRecord<>(p, p.eventTime()));
                newest = Math.max(newest, p.eventTime());
                h.processWatermark(newest - 30 * S);
            }
            long lastPing = last(pings);
            h.processWatermark(lastPing + 5 * MIN - 1);
            assertThat(h.extractOutputValues())
                    .noneMatch(a -> a.type() == AlertType.TRUCK_SIGNAL_LOST);
            h.processWatermark(lastPing + 5 * MIN);
            List<Alert> alerts = h.extractOutputValues();
            Alert lost = alerts.get(alerts.size() - 1);
            assertThat(lost.type()).isEqualTo(AlertType.TRUCK_SIGNAL_LOST);
            assertThat(lost.episodeStart()).isEqualTo(lastPing);
            TruckState s = truckState(h, "T1");
            assertThat(s.lastPing).isEqualTo(lastPing);
            assertThat(s.trip.onTrip()).as("silent mid-trip").isTrue();
            assertThat(s.signalLostAlert).as("the open lost-signal episode").isNotNull();
            return alerts.stream().map(a -> a.type() + " " + a.status()).toList();
        }
    }

    @Test
    void aTruckThatNeverReportsAgainIsForgottenWithItsAlertsClosed() throws Exception {
        try (var h = harness()) {
            List<GpsPing> pings = trip();
            for (GpsPing p : pings) {
                h.processElement(new StreamRecord<>(p, p.eventTime()));
            }
            h.processWatermark(last(pings) + 6 * 60 * MIN + MIN);
            List<Alert> alerts = h.extractOutputValues();
            Alert closed = alerts.get(alerts.size() - 1);
            assertThat(closed.type()).isEqualTo(AlertType.TRUCK_SIGNAL_LOST);
            assertThat(closed.status()).isEqualTo(AlertStatus.CLOSED);
            assertThat(
                            ((HeapKeyedStateBackend<?>) h.getOperator().getKeyedStateBackend())
                                    .numKeyValueStateEntries())
                    .isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void theEndOfARecordingIsNoLostSignal() throws Exception {
        try (var h = harness()) {
            for (GpsPing p : trip()) {
                h.processElement(new StreamRecord<>(p, p.eventTime()));
            }
            h.processWatermark(Long.MAX_VALUE);
            assertThat(h.extractOutputValues())
                    .extracting(a -> a.type() + " " + a.status())
                    .containsExactly("TRUCK_ROUTE_DEVIATION OPEN", "TRUCK_ROUTE_DEVIATION CLOSED");
        }
    }

    /**
     * Issue 19: a truck that passes through a chain of sites in a row (its construction site, a
     * depot or a second construction site whose polygon touches the first, then another
     * construction site), starts its trip after the last one and then goes silent for 17.6 minutes:
     * the lost signal is raised, and closed when the truck reports again.
     */
    @Test
    void aTruckSilentOnATripThatBeganAfterAChainOfSitesRaisesALostSignal() throws Exception {
        // CS1 spans x -70..70; DP9 (a depot) touches it on x 70..210, CS9 (construction) touches
        // that on x 210..350. One ping in each site (driving through), or three.
        for (String[] chain :
                new String[][] {
                    {"1", "CS1", "DP9", "CS9"},
                    {"1", "CS1", "CS8"},
                    {"3", "CS1", "DP9", "CS9"},
                    {"3", "CS1", "CS8"}
                }) {
            int each = Integer.parseInt(chain[0]);
            chain = java.util.Arrays.copyOfRange(chain, 1, chain.length);
            try (var h = harness()) {
                if (List.of(chain).contains("DP9")) {
                    broadcast(
                            h,
                            "SITE",
                            "DP9",
                            Json.text(
                                    CityCodec.site(
                                            new Site(
                                                    "DP9",
                                                    Site.Kind.DEPOT,
                                                    "车队停车场9号",
                                                    TruckTestCity.rect(140, 0, 70)))));
                }
                if (List.of(chain).contains("CS9")) {
                    broadcast(
                            h,
                            "SITE",
                            "CS9",
                            Json.text(
                                    CityCodec.site(
                                            new Site(
                                                    "CS9",
                                                    Site.Kind.CONSTRUCTION,
                                                    "工地9号",
                                                    TruckTestCity.rect(280, 0, 70)))));
                }
                if (List.of(chain).contains("CS8")) {
                    broadcast(
                            h,
                            "SITE",
                            "CS8",
                            Json.text(
                                    CityCodec.site(
                                            new Site(
                                                    "CS8",
                                                    Site.Kind.CONSTRUCTION,
                                                    "工地8号",
                                                    TruckTestCity.rect(140, 0, 70)))));
                }
                List<GpsPing> pings = new ArrayList<>();
                long t = local("2026-11-02T21:00:00");
                for (String site : chain) {
                    double x =
                            switch (site) {
                                case "CS1" -> 0;
                                case "DP9", "CS8" -> 140;
                                default -> 280;
                            };
                    for (int i = 0; i < each; i++) {
                        // 50 km/h: the sites' centres are 140 m apart, one 10 s step
                        pings.add(ping("T1", t, x + 10 * i, 0, 50));
                        t += 10 * S;
                    }
                }
                double x = 400;
                for (; x <= 2500; x += 100) {
                    pings.add(ping("T1", t, x, 0, 36));
                    t += 10 * S;
                }
                long lastPing = t - 10 * S;
                long back = lastPing + 1056 * S;
                pings.add(ping("T1", back, x, 0, 36));
                for (GpsPing p : pings) {
                    h.processElement(new StreamRecord<>(p, p.eventTime()));
                    h.processWatermark(p.eventTime() - 30 * S);
                }
                h.processWatermark(back);
                List<Alert> lost =
                        h.extractOutputValues().stream()
                                .filter(a -> a.type() == AlertType.TRUCK_SIGNAL_LOST)
                                .toList();
                assertThat(lost)
                        .as(String.join(" > ", chain))
                        .extracting(Alert::status)
                        .containsExactly(AlertStatus.OPEN, AlertStatus.CLOSED);
                assertThat(lost.get(0).episodeStart()).isEqualTo(lastPing);
                assertThat(lost.get(1).episodeEnd()).isEqualTo(back);
                assertThat(lost.get(1).attributes()).containsEntry("silentMinutes", "17");
            }
        }
    }
}

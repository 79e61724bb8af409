package org.gridwatch.jobs.trucks;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.EntityType;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.ReferenceUpdate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.trucks.TruckTestCity.P;
import static org.gridwatch.jobs.trucks.TruckTestCity.local;
import static org.gridwatch.jobs.trucks.TruckTestCity.ping;

/**
 * The truck rules on real-data GPS artefacts (issue 19): what the fix filter changes end to end.
 */
class TruckFunctionFixesTest {
    private static final long S = 1000;

    /** A terminal that sends no speed: the record has none (the parser reads 0). */
    private static GpsPing noSpeed(String truck, long t, double x, double y) {
        return new GpsPing(
                truck,
                EntityType.TRUCK,
                t,
                P.lat(y),
                P.lon(x),
                0,
                0,
                null,
                0b11L | (3L << 8),
                null,
                "沪A" + truck,
                "test",
                true);
    }

    /** Feeds the pings in order, the watermark trailing by 30 s, then lets it pass the last one. */
    private static List<Alert> run(
            KeyedBroadcastOperatorTestHarness<String, GpsPing, ReferenceUpdate, Alert> h,
            List<GpsPing> pings)
            throws Exception {
        long last = Long.MIN_VALUE;
        for (GpsPing p : pings) {
            h.processElement(new StreamRecord<>(p, p.eventTime()));
            last = Math.max(last, p.eventTime());
            h.processWatermark(last - 30 * S);
        }
        h.processWatermark(last);
        return h.extractOutputValues();
    }

    @Test
    void aTerminalWithoutSpeedAndOneFixFarOffRaisesNoOverspeedButOneReallyFastDoes()
            throws Exception {
        // Every 30 s (a usual interval on the road) along the route. T1 at 36 km/h with one fix 1
        // km off: the speeds of the pairs into and out of that fix are 125 km/h, 30 s apart, which
        // is what opened the overspeed episodes of the recordings. T2 at 80 km/h.
        long t0 = local("2026-11-02T21:00:00");
        List<GpsPing> pings = new ArrayList<>();
        for (String truck : new String[] {"T1", "T2"}) {
            double step = truck.equals("T1") ? 300 : 667;
            pings.add(noSpeed(truck, t0 - 30 * S, 0, 0));
            pings.add(noSpeed(truck, t0, 0, 0));
            for (int i = 1; i * step < 5500; i++) {
                pings.add(
                        noSpeed(
                                truck,
                                t0 + i * 30 * S,
                                i * step,
                                truck.equals("T1") && i == 8 ? 1000 : 0));
            }
        }
        pings.sort(java.util.Comparator.comparingLong(GpsPing::eventTime));
        try (var h = TruckFunctionTest.harness()) {
            List<Alert> alerts = run(h, pings);
            assertThat(alerts).filteredOn(a -> a.entityId().equals("T1")).isEmpty();
            assertThat(TruckFunctionTest.truckState(h, "T1").track)
                    .extracting(Evidence::detail)
                    .as("the fix is kept as evidence")
                    .contains("GPS outlier (impossible_speed), ignored");
            List<Alert> fast =
                    alerts.stream()
                            .filter(
                                    a ->
                                            a.entityId().equals("T2")
                                                    && a.type() == AlertType.TRUCK_OVERSPEED)
                            .toList();
            assertThat(fast)
                    .extracting(Alert::status)
                    .as("still going when its fixes end")
                    .containsExactly(AlertStatus.OPEN);
            assertThat(Double.parseDouble(fast.get(0).attributes().get("maxSpeedKmh")))
                    .isBetween(79.0, 81.0);
        }
    }

    @Test
    void aStandingTruckDriftingThirtyMetresWithOneFourKmhReadingKeepsOneDumpingStop()
            throws Exception {
        long t = local("2026-11-02T21:00:00");
        List<GpsPing> pings = new ArrayList<>();
        pings.add(ping("T1", t - 10 * S, 0, 0, 0));
        pings.add(ping("T1", t, 0, 0, 0));
        for (double x = 100; x < 3000; x += 100) {
            t += 10 * S;
            pings.add(ping("T1", t, x, 0, 36));
        }
        // Nine minutes standing at x = 3000 (outside every site): the fixes wander up to 30 m, and
        // at minute 3 the terminal reports 4 km/h once.
        double[][] wander = {
            {0, 0},
            {10, 10},
            {20, -10},
            {30, 0},
            {15, 20},
            {-10, 25},
            {-25, 10},
            {-30, 0},
            {-15, -20}
        };
        long stopped = t + 10 * S;
        for (int i = 0; i <= 54; i++) {
            t += 10 * S;
            double[] w = wander[i % wander.length];
            pings.add(ping("T1", t, 3000 + w[0], w[1], i == 18 ? 4 : 0));
        }
        long movedOn = t + 10 * S;
        for (double x = 3100; x <= 4000; x += 100) {
            t += 10 * S;
            pings.add(ping("T1", t, x, 0, 36));
        }
        try (var h = TruckFunctionTest.harness()) {
            List<Alert> dumping =
                    run(h, pings).stream()
                            .filter(a -> a.type() == AlertType.TRUCK_SUSPECTED_DUMPING)
                            .toList();
            assertThat(dumping)
                    .extracting(Alert::status)
                    .containsExactly(AlertStatus.OPEN, AlertStatus.CLOSED);
            assertThat(dumping.get(1).alertId()).isEqualTo(dumping.get(0).alertId());
            assertThat(dumping.get(0).episodeStart())
                    .as("one stop from the first standing fix")
                    .isEqualTo(stopped);
            assertThat(dumping.get(1).episodeEnd()).isEqualTo(movedOn);
            assertThat(dumping.get(1).attributes()).containsEntry("stopMinutes", "9");
        }
    }

    @Test
    void aTruckReallyDrivingEightyInASixtyZoneRaisesOverspeed() throws Exception {
        long t = local("2026-11-02T21:00:00");
        List<GpsPing> pings = new ArrayList<>();
        pings.add(ping("T3", t - 10 * S, 0, 0, 0));
        pings.add(ping("T3", t, 0, 0, 0));
        double x = 0;
        long over = -1;
        long under = -1;
        for (int i = 1; i <= 23; i++) {
            double kmh = i > 5 && i <= 17 ? 80 : 50;
            x += kmh / 3.6 * 10;
            if (kmh == 80 && over < 0) {
                over = t + i * 10 * S;
            }
            if (kmh == 50 && over > 0 && under < 0) {
                under = t + i * 10 * S;
            }
            pings.add(ping("T3", t + i * 10 * S, x, 0, kmh));
        }
        try (var h = TruckFunctionTest.harness()) {
            TruckFunctionTest.broadcast(h, "RULE", "truck.speedLimitKmh", "{\"value\": 60}");
            List<Alert> os =
                    run(h, pings).stream()
                            .filter(a -> a.type() == AlertType.TRUCK_OVERSPEED)
                            .toList();
            assertThat(os)
                    .extracting(Alert::status)
                    .containsExactly(AlertStatus.OPEN, AlertStatus.CLOSED);
            assertThat(os.get(0).episodeStart()).isEqualTo(over);
            assertThat(os.get(0).eventTime()).isEqualTo(over + 30 * S);
            assertThat(os.get(1).episodeEnd()).isEqualTo(under);
            assertThat(os.get(1).attributes())
                    .containsEntry("limitKmh", "60")
                    .containsEntry("maxSpeedKmh", "80");
        }
    }
}

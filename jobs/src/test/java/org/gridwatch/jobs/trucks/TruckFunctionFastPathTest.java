package org.gridwatch.jobs.trucks;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.ReferenceUpdate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.trucks.TruckFunctionTest.buffered;
import static org.gridwatch.jobs.trucks.TruckFunctionTest.fast;
import static org.gridwatch.jobs.trucks.TruckFunctionTest.harness;
import static org.gridwatch.jobs.trucks.TruckFunctionTest.trip;
import static org.gridwatch.jobs.trucks.TruckFunctionTest.truckState;
import static org.gridwatch.jobs.trucks.TruckTestCity.local;
import static org.gridwatch.jobs.trucks.TruckTestCity.ping;

/**
 * Issue 20: a truck's ping that arrives in its truck's own order is applied at once (the fast
 * path), with the truck's timers due before it run first, and gives the alerts the watermark-
 * buffered path gives; a ping older than one already applied goes to the buffer and is counted.
 */
class TruckFunctionFastPathTest {
    private static final long S = 1000;
    private static final long MIN = 60 * S;

    /** The watermark of production: newest event time - 2 s bound - 1 s step. */
    private static final long LAG = 3 * S;

    private static List<String> summary(List<Alert> alerts) {
        return alerts.stream().map(a -> a.type() + " " + a.status()).toList();
    }

    @Test
    void anInOrderPingRaisesItsAlertWithoutAnyWatermark() throws Exception {
        try (var h = harness(fast())) {
            for (GpsPing p : trip()) {
                h.processElement(new StreamRecord<>(p, p.eventTime()));
            }
            assertThat(summary(h.extractOutputValues()))
                    .containsExactly("TRUCK_ROUTE_DEVIATION OPEN", "TRUCK_ROUTE_DEVIATION CLOSED");
            long lastPing = trip().get(trip().size() - 1).eventTime();
            assertThat(truckState(h, "T1").lastPing).isEqualTo(lastPing);
            // Only the silence and forget timers: no ping waits for the watermark.
            assertThat(h.numEventTimeTimers()).isEqualTo(2);
        }
    }

    @Test
    void aSilenceDueBeforeAFastPathPingRaisesTheLostSignalFirst() throws Exception {
        List<GpsPing> pings = new ArrayList<>(trip());
        long lastPing = pings.get(pings.size() - 1).eventTime();
        long back = lastPing + 17 * MIN;
        pings.add(ping("T1", back, 4100, 0, 36));

        List<Alert> fastAlerts;
        try (var h = harness(fast())) {
            for (GpsPing p : pings) {
                h.processElement(new StreamRecord<>(p, p.eventTime()));
            }
            fastAlerts = h.extractOutputValues();
            // The lost-signal timer ran (and was deleted); the ones left are the new ping's.
            assertThat(h.numEventTimeTimers()).isEqualTo(2);
        }
        assertThat(summary(fastAlerts))
                .containsExactly(
                        "TRUCK_ROUTE_DEVIATION OPEN",
                        "TRUCK_ROUTE_DEVIATION CLOSED",
                        "TRUCK_SIGNAL_LOST OPEN",
                        "TRUCK_SIGNAL_LOST CLOSED");
        Alert lost = fastAlerts.get(2);
        assertThat(lost.episodeStart()).isEqualTo(lastPing);
        assertThat(lost.eventTime()).isEqualTo(lastPing + 5 * MIN);
        assertThat(fastAlerts.get(3).episodeEnd()).isEqualTo(back);

        try (var h = harness(buffered())) {
            feed(h, pings, Map.of());
            h.processWatermark(back);
            assertThat(h.extractOutputValues()).isEqualTo(fastAlerts);
        }
    }

    @Test
    void aPingOlderThanTheLastAppliedIsBufferedAndCounted() throws Exception {
        TruckFunction f = fast();
        List<GpsPing> pings = trip();
        try (var h = harness(f)) {
            for (GpsPing p : pings.subList(0, 10)) {
                h.processElement(new StreamRecord<>(p, p.eventTime()));
            }
            long applied = pings.get(9).eventTime();
            assertThat(truckState(h, "T1").lastPing).isEqualTo(applied);
            assertThat(f.outOfOrder.getCount()).isZero();

            // A resend of an earlier ping (another place, as a clock jumping back would give).
            GpsPing old = ping("T1", pings.get(5).eventTime(), 650, 0, 36);
            h.processElement(new StreamRecord<>(old, old.eventTime()));
            assertThat(f.outOfOrder.getCount()).isEqualTo(1);
            // The next in-order ping waits behind it for the watermark.
            GpsPing next = pings.get(10);
            h.processElement(new StreamRecord<>(next, next.eventTime()));
            assertThat(f.outOfOrder.getCount()).isEqualTo(1);
            assertThat(truckState(h, "T1").lastPing).isEqualTo(applied);

            h.processWatermark(next.eventTime());
            // Released in event-time order: the old ping is what the rules make of it (ignored),
            // the next one is applied, and the fast path is open again.
            assertThat(truckState(h, "T1").lastPing).isEqualTo(next.eventTime());
            GpsPing after = pings.get(11);
            h.processElement(new StreamRecord<>(after, after.eventTime()));
            assertThat(truckState(h, "T1").lastPing).isEqualTo(after.eventTime());
        }
    }

    /**
     * A night of five trucks, each of whose pings arrive in their own order, interleaved across
     * trucks as a partition would interleave them: route deviation, lost signals closed by the next
     * ping, off-hours and no-permit driving closed by the quiet gap, suspected dumping, and a truck
     * forgotten after 7 h of silence that then reports again, and a parked truck reporting all
     * night. The fast path's alerts are the buffered path's, per truck in the same order (the order
     * across trucks may differ: the fast path emits a truck's alert on its ping, the buffered one
     * when the watermark passes it).
     */
    @Test
    void theSameInputGivesTheSameAlertsAsBuffering() throws Exception {
        List<GpsPing> pings = night();
        // Arrival = event time + a per-truck delay (under the watermark's lag: none is late).
        Map<String, Long> delay =
                Map.of("T1", 0L, "T2", 1_500L, "N1", 700L, "T3", 2_000L, "T5", 1_000L);

        List<Alert> reference;
        try (var h = harness(buffered())) {
            feed(h, pings, delay);
            h.processWatermark(Long.MAX_VALUE);
            reference = h.extractOutputValues();
        }
        assertThat(reference.stream().map(Alert::type).distinct())
                .contains(
                        AlertType.TRUCK_ROUTE_DEVIATION,
                        AlertType.TRUCK_SIGNAL_LOST,
                        AlertType.TRUCK_OFF_HOURS,
                        AlertType.TRUCK_NO_PERMIT,
                        AlertType.TRUCK_SUSPECTED_DUMPING);

        // Any watermark lag at least the arrival delays (so that no ping is late) gives the
        // buffered path these alerts; the fast path must give them whatever the lag.
        for (long lag : new long[] {LAG, MIN, 10 * MIN}) {
            TruckFunction f = fast();
            try (var h = harness(f)) {
                feed(h, pings, delay, lag);
                h.processWatermark(Long.MAX_VALUE);
                List<Alert> alerts = h.extractOutputValues();
                assertThat(lines(alerts))
                        .as("watermark lag %d ms", lag)
                        .isEqualTo(lines(reference));
                assertThat(byTruck(alerts)).isEqualTo(byTruck(reference));
                assertThat(f.outOfOrder.getCount()).isZero();
            }
        }
    }

    /** Per truck, one line per alert revision: what a reader sees first when they differ. */
    private static Map<String, List<String>> lines(List<Alert> alerts) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        byTruck(alerts)
                .forEach(
                        (truck, list) ->
                                out.put(
                                        truck,
                                        list.stream()
                                                .map(
                                                        a ->
                                                                a.type()
                                                                        + " "
                                                                        + a.status()
                                                                        + " r"
                                                                        + a.revision()
                                                                        + " at "
                                                                        + a.eventTime())
                                                .toList()));
        return new java.util.TreeMap<>(out);
    }

    private static Map<String, List<Alert>> byTruck(List<Alert> alerts) {
        return alerts.stream()
                .collect(
                        Collectors.groupingBy(
                                Alert::entityId, LinkedHashMap::new, Collectors.toList()));
    }

    private static void feed(
            KeyedBroadcastOperatorTestHarness<String, GpsPing, ReferenceUpdate, Alert> h,
            List<GpsPing> pings,
            Map<String, Long> delay)
            throws Exception {
        feed(h, pings, delay, LAG);
    }

    /** Each ping in arrival order, the watermark {@code lag} behind the newest event time. */
    private static void feed(
            KeyedBroadcastOperatorTestHarness<String, GpsPing, ReferenceUpdate, Alert> h,
            List<GpsPing> pings,
            Map<String, Long> delay,
            long lag)
            throws Exception {
        long newest = Long.MIN_VALUE;
        for (GpsPing p : arrivalOrder(pings, delay)) {
            h.processElement(new StreamRecord<>(p, p.eventTime()));
            newest = Math.max(newest, p.eventTime());
            h.processWatermark(newest - lag);
        }
    }

    private static List<GpsPing> arrivalOrder(List<GpsPing> pings, Map<String, Long> delay) {
        List<GpsPing> arrival = new ArrayList<>(pings);
        arrival.sort(
                Comparator.comparingLong(
                        p -> p.eventTime() + delay.getOrDefault(p.entityId(), 0L)));
        return arrival;
    }

    /** Pings of one truck, every 10 s, at the place it is driven to. */
    private static final class Track {
        final List<GpsPing> out;
        final String truck;
        long t;
        double x;

        Track(List<GpsPing> out, String truck, long t0) {
            this.out = out;
            this.truck = truck;
            this.t = t0;
        }

        Track at(double y, double kmh) {
            out.add(ping(truck, t, x, y, kmh));
            t += 10 * S;
            return this;
        }

        /** Leaves construction site CS1. */
        Track leave() {
            x = 0;
            return at(0, 0).at(0, 0);
        }

        /** East at 36 km/h (100 m a ping) to {@code toX}, {@code y} off the route. */
        Track drive(double toX, double y) {
            while (x < toX) {
                x += 100;
                at(y, 36);
            }
            return this;
        }

        /** Stands for {@code seconds} (GPS drift of 2 m either side). */
        Track stand(long seconds) {
            double at = x;
            for (long i = 0; i * 10 <= seconds; i++) {
                x = at + (i % 2 == 0 ? 2 : -2);
                at(0, 0);
            }
            x = at;
            return this;
        }

        Track silent(long ms) {
            t += ms - 10 * S;
            return this;
        }
    }

    private static List<GpsPing> night() {
        List<GpsPing> pings = new ArrayList<>();
        long nine = local("2026-11-02T21:00:00");
        // Route deviation; a lost signal closed by the next ping; forgotten, then back.
        new Track(pings, "T1", nine)
                .leave()
                .drive(1900, 0)
                .drive(3700, 200)
                .drive(4000, 0)
                .silent(17 * MIN)
                .drive(5000, 0)
                .silent(7 * 60 * MIN)
                .drive(5500, 0);
        // Off hours (the permit's are 20:00-06:00); quiet for 20 min, then off hours again.
        new Track(pings, "T2", local("2026-11-02T19:00:00"))
                .leave()
                .drive(2000, 0)
                .silent(20 * MIN)
                .drive(3000, 0);
        // No permit at all; quiet for 20 min.
        new Track(pings, "N1", nine + 5 * S).leave().drive(1500, 0).silent(20 * MIN).drive(2500, 0);
        // Suspected dumping: 6 min standing outside every site.
        new Track(pings, "T3", nine + 3 * S).leave().drive(2000, 0).stand(360).drive(4000, 0);
        // A truck parked at the depot all night, reporting every minute: the other trucks'
        // watermark moves on through T1's 7 h of silence, as a city's does, so both paths forget
        // T1 before it reports again. (Without it the watermark would jump from T1's last ping to
        // its next one in one step, and the buffered path, which forgets no truck whose next ping
        // is already buffered, would keep T1.)
        for (long t = local("2026-11-02T18:55:00"); t < nine + 8 * 60 * MIN; t += MIN) {
            pings.add(ping("T5", t, 0, -3000, 0));
        }
        return pings;
    }
}

package org.gridwatch.jobs.trucks.logic;

import org.gridwatch.common.city.CityCodec;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.model.Severity;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.jobs.trucks.TruckTestCity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.trucks.TruckTestCity.local;
import static org.gridwatch.jobs.trucks.TruckTestCity.ping;

class TruckComplianceTest {
    private static final long S = 1000;
    private static final long MIN = 60 * S;

    private final CityReference ref = CityReference.of(TruckTestCity.city());
    private final Map<String, RouteCorridor> corridors = new HashMap<>();
    private final TruckState state = new TruckState();
    private final List<Alert> alerts = new ArrayList<>();
    private final List<TruckObservation> observations = new ArrayList<>();
    private long t;

    private TruckCompliance compliance() {
        return new TruckCompliance(ref, TruckRules.from(ref.rules()), corridors);
    }

    private void at(String truck, double x, double y, double kmh) {
        var o = compliance().observe(state, ping(truck, t, x, y, kmh), 0);
        alerts.addAll(o.alerts());
        if (!o.duplicate() && o.outlier() == null) {
            observations.add(state.lastObservation);
        }
        t += 10 * S;
    }

    /** Pings every 10 s from (x0, y) towards x1 at 36 km/h (100 m per ping). */
    private void drive(String truck, double x0, double x1, double y) {
        double step = x1 >= x0 ? 100 : -100;
        for (double x = x0; step > 0 ? x <= x1 : x >= x1; x += step) {
            at(truck, x, y, 36);
        }
    }

    private void leaveSite(String truck) {
        at(truck, 0, 0, 0);
        at(truck, 0, 0, 0);
    }

    private List<Alert> of(AlertType type) {
        return alerts.stream().filter(a -> a.type() == type).toList();
    }

    @Test
    void aLawfulTripRaisesNothingAndIsTrackedFromSiteToSite() {
        t = local("2026-11-02T20:10:00");
        leaveSite("T1");
        long departure = t;
        drive("T1", 0, 6000, 5);
        assertThat(alerts).isEmpty();
        TruckObservation first =
                observations.stream().filter(TruckObservation::onTrip).findFirst().orElseThrow();
        // 100 m is inside the 70 m site plus its 50 m margin; 200 m is out.
        assertThat(first.time()).isEqualTo(departure + 20 * S);
        assertThat(first.tripId()).startsWith("T1:");
        assertThat(first.permitId()).isEqualTo("ZY-T1");
        assertThat(observations.get(observations.size() - 1).onTrip()).isFalse();
        assertThat(state.trip.endSiteId).isEqualTo("DS1");
    }

    @Test
    void aSustainedDetourIsOneEpisodeAndASingleNoisyPingIsNothing() {
        t = local("2026-11-02T21:00:00");
        leaveSite("T1");
        drive("T1", 200, 1500, 0);
        at("T1", 1600, 300, 36); // one wild fix
        drive("T1", 1700, 2000, 0);
        assertThat(alerts).isEmpty();
        at(
                "T1", 2000, 90,
                36); // turning off: 200 m sideways in one 10 s step at 36 km/h would be a GPS jump
        long offFrom = t;
        for (int i = 0; i < 18; i++) {
            at("T1", 2000 + i * 10, 200, 20);
        }
        at("T1", 2190, 90, 36);
        long back = t;
        drive("T1", 2200, 3000, 0);
        List<Alert> dev = of(AlertType.TRUCK_ROUTE_DEVIATION);
        assertThat(dev)
                .extracting(Alert::status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.CLOSED);
        assertThat(dev.get(0).episodeStart()).isEqualTo(offFrom);
        assertThat(dev.get(0).eventTime()).isEqualTo(offFrom + 120 * S);
        assertThat(dev.get(0).attributes())
                .containsEntry("permitId", "ZY-T1")
                .containsKey("tripId")
                .containsEntry("distanceM", "200");
        assertThat(dev.get(1).episodeEnd()).isEqualTo(back);
        assertThat(dev.get(0).district()).isEqualTo("闵行区");
        assertThat(dev.get(0).messageZh()).contains("偏离核准路线");
    }

    @Test
    void overspeedNeedsThirtySecondsOverTheLimit() {
        t = local("2026-11-02T21:00:00");
        leaveSite("T1");
        drive("T1", 200, 1000, 0);
        for (int i = 0; i < 3; i++) {
            at("T1", 1100 + i * 170, 0, 60); // 20 s over: a near miss
        }
        drive("T1", 1700, 2000, 0);
        assertThat(of(AlertType.TRUCK_OVERSPEED)).isEmpty();
        long over = t;
        for (int i = 0; i < 6; i++) {
            at("T1", 2100 + i * 170, 0, i == 3 ? 72 : 61);
        }
        long under = t;
        drive("T1", 3200, 3600, 0);
        List<Alert> os = of(AlertType.TRUCK_OVERSPEED);
        assertThat(os)
                .extracting(Alert::status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.CLOSED);
        assertThat(os.get(0).episodeStart()).isEqualTo(over);
        assertThat(os.get(0).eventTime()).isEqualTo(over + 30 * S);
        assertThat(os.get(1).episodeEnd()).isEqualTo(under);
        assertThat(os.get(1).attributes())
                .containsEntry("maxSpeedKmh", "72")
                .containsEntry("limitKmh", "50");
    }

    @Test
    void drivingBeforeThePermitHoursIsOffHoursUntilTheyBegin() {
        t = local("2026-11-02T19:55:00");
        leaveSite("T2");
        long moving = t;
        drive("T2", 100, 3000, 0);
        List<Alert> oh = of(AlertType.TRUCK_OFF_HOURS);
        assertThat(oh)
                .extracting(Alert::status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.CLOSED);
        assertThat(oh.get(0).episodeStart()).isEqualTo(moving);
        assertThat(oh.get(0).attributes())
                .containsEntry("permitId", "ZY-T2")
                .containsEntry("permitHours", "20:00-06:00");
        assertThat(oh.get(1).episodeEnd()).isEqualTo(local("2026-11-02T20:00:00"));
        assertThat(of(AlertType.TRUCK_NO_PERMIT)).isEmpty();
    }

    @Test
    void aRegisteredTruckWithoutPermitAlertsUntilItHasStoodForTheQuietGap() {
        t = local("2026-11-02T23:00:00");
        long moving = t;
        drive("N1", 0, 2000, -3000);
        long stopped = t;
        for (int i = 0; i < 100; i++) {
            at("N1", 2000, -3000, 0);
        }
        List<Alert> np = of(AlertType.TRUCK_NO_PERMIT);
        assertThat(np)
                .extracting(Alert::status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.CLOSED);
        assertThat(np.get(0).episodeStart()).isEqualTo(moving);
        assertThat(np.get(1).episodeEnd()).isEqualTo(stopped);
        assertThat(np.get(1).eventTime()).isEqualTo(stopped);

        // A truck nobody registered is not a muck truck GridWatch knows: no permit alert for it.
        alerts.clear();
        drive("X9", 0, 2000, -3000);
        assertThat(of(AlertType.TRUCK_NO_PERMIT)).isEmpty();
    }

    @Test
    void aPermitIssuedWhileTheTruckDrivesEndsTheEpisode() {
        t = local("2026-11-02T23:00:00");
        drive("N1", 0, 1000, -3000);
        assertThat(of(AlertType.TRUCK_NO_PERMIT)).hasSize(1);
        Permit p = ref.permits().get("ZY-T1");
        Permit issued =
                new Permit(
                        "ZY-N1",
                        "N1",
                        "沪AN1",
                        p.validFrom(),
                        p.validTo(),
                        p.hours(),
                        "CS1",
                        "DS1",
                        p.route(),
                        null);
        ref.apply(
                new ReferenceUpdate(
                        "PERMIT", "ZY-N1", "UPSERT", t, Json.text(CityCodec.permit(issued))));
        long after = t;
        drive("N1", 1100, 1500, -3000);
        assertThat(of(AlertType.TRUCK_NO_PERMIT))
                .extracting(Alert::status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.CLOSED);
        assertThat(of(AlertType.TRUCK_NO_PERMIT).get(1).episodeEnd()).isEqualTo(after);
    }

    @Test
    void aClosedZoneNeedsTwoPingsInsideAndAnOpenZoneIsNoViolation() {
        t = local("2026-11-02T23:00:00");
        // Along PZ1's southern edge (y 1250), 50 m outside it, with one fix inside; then through
        // it.
        at("T3", 2800, 1200, 36);
        at("T3", 2900, 1300, 36); // one fix inside PZ1
        at("T3", 3000, 1200, 36);
        assertThat(alerts).isEmpty();
        long in = t;
        for (int y = 1300; y <= 1700; y += 100) {
            at("T3", 3000, y, 36);
        }
        long out = t;
        at("T3", 3000, 1800, 36);
        at("T3", 3000, 1900, 36);
        List<Alert> z = of(AlertType.TRUCK_PROHIBITED_ZONE);
        assertThat(z)
                .extracting(Alert::status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.CLOSED);
        assertThat(z.get(0).episodeStart()).isEqualTo(in);
        assertThat(z.get(0).severity()).isEqualTo(Severity.HIGH);
        assertThat(z.get(0).attributes()).containsEntry("zoneId", "PZ1");
        assertThat(z.get(1).episodeEnd()).isEqualTo(out);
        // PZ2 is closed 06:00-22:00 only: at 23:00 it is open.
        alerts.clear();
        t += 10 * MIN;
        for (int i = 0; i < 5; i++) {
            at("T3", 3000, -1500 + i * 50, 20);
        }
        assertThat(alerts).isEmpty();
    }

    @Test
    void silenceOnATripIsALostSignalFromTheLastPingUntilTheNextOne() {
        t = local("2026-11-02T21:00:00");
        leaveSite("T4");
        drive("T4", 200, 1000, 0);
        long last = t - 10 * S;
        assertThat(compliance().onSilence(state, last + 4 * MIN, false, 0)).isEmpty();
        assertThat(compliance().onSilence(state, last + 5 * MIN, true, 0))
                .as("the end of a recording is no lost signal")
                .isEmpty();
        List<Alert> lost = compliance().onSilence(state, last + 5 * MIN, false, 0);
        assertThat(lost)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.type()).isEqualTo(AlertType.TRUCK_SIGNAL_LOST);
                            assertThat(a.episodeStart()).isEqualTo(last);
                            assertThat(a.attributes())
                                    .containsKey("tripId")
                                    .containsEntry("permitId", "ZY-T4");
                        });
        assertThat(compliance().onSilence(state, last + 6 * MIN, false, 0))
                .as("raised once")
                .isEmpty();
        t = last + 17 * MIN;
        at("T4", 4000, 0, 36);
        assertThat(of(AlertType.TRUCK_SIGNAL_LOST))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.status()).isEqualTo(AlertStatus.CLOSED);
                            assertThat(a.episodeEnd()).isEqualTo(last + 17 * MIN);
                            assertThat(a.revision()).isEqualTo(1);
                        });
        // Parked at the site, not on a trip: silence is not a lost signal.
        drive("T4", 4100, 6000, 0);
        assertThat(compliance().onSilence(state, t + 30 * MIN, false, 0)).isEmpty();
    }

    @Test
    void thresholdsChangeAtRuntime() {
        ref.apply(
                new ReferenceUpdate(
                        "RULE",
                        "truck",
                        "UPSERT",
                        0,
                        "{\"corridorM\": 300, \"speedLimitKmh\": 80}"));
        t = local("2026-11-02T21:00:00");
        leaveSite("T5");
        drive("T5", 200, 1000, 0);
        for (int i = 0; i < 30; i++) {
            at("T5", 1000 + i * 10, 200, 65);
        }
        assertThat(alerts).isEmpty();
    }

    @Test
    void aStopOutsideSitesIsACandidateButAStopInsideTheDisposalSiteIsNot() {
        t = local("2026-11-02T21:00:00");
        leaveSite("T1");
        drive("T1", 200, 3000, 0);
        at("T1", 3000, 0, 0);
        assertThat(observations.get(observations.size() - 1).stopCandidate()).isTrue();
        drive("T1", 3100, 6000, 0);
        at("T1", 6000, 0, 0);
        assertThat(observations.get(observations.size() - 1).stopCandidate()).isFalse();
    }

    @Test
    void aPingWithoutAFixKeepsTheTruckAliveButIsNotPlaced() {
        t = local("2026-11-02T21:00:00");
        var o = compliance().observe(state, ping("T1", t, 0, 0, 0, 0L), 0);
        assertThat(o.outlier()).isEqualTo(FixFilter.Reason.NOT_POSITIONED);
        assertThat(state.lastPing).isEqualTo(t);
        assertThat(compliance().observe(state, ping("T1", t, 0, 0, 0), 0).duplicate()).isTrue();
    }

    /** Stands at (x, 0) for {@code minutes}, a fix every 10 s reporting 0 km/h. */
    private void stand(String truck, double x, int minutes) {
        for (int i = 0; i < minutes * 6; i++) {
            at(truck, x, 0, 0);
        }
    }

    private void assertOneDumpingEpisodeOpenedThenClosed() {
        assertThat(of(AlertType.TRUCK_SUSPECTED_DUMPING))
                .extracting(Alert::status)
                .containsExactly(AlertStatus.OPEN, AlertStatus.CLOSED);
        assertThat(of(AlertType.TRUCK_SUSPECTED_DUMPING))
                .extracting(Alert::episodeStart)
                .containsOnly(of(AlertType.TRUCK_SUSPECTED_DUMPING).get(0).episodeStart());
    }

    @Test
    void
            aTruckWhoseFirstStandingFixFellJustOutsideTheSiteIsSeenLoadingInsideItAndItsTripFollowed() {
        // Real shape (issue 19, the noisy day's missed dumping): the truck pulls into its site and
        // its first standing fix lands 6 m outside the fence, every later one inside. Placed at its
        // first fix, it never was inside the site, so no trip began and its stop on the way went
        // unseen.
        t = local("2026-11-02T21:00:00");
        for (double x = -400; x < -76; x += 100) {
            at("T2", x, 0, 36);
        }
        at("T2", -76, 0, 0);
        stand("T2", -60, 1);
        drive("T2", 0, 3000, 0);
        assertThat(state.trip.onTrip()).as("a trip from CS1").isTrue();
        stand("T2", 3000, 7);
        drive("T2", 3100, 6000, 0);
        assertOneDumpingEpisodeOpenedThenClosed();
    }

    @Test
    void aStandingTruckWhoseDriftSettlesAwayFromItsFirstStopFixStaysOneStop() {
        // The first stop fix is 38 m from where the rest settle: more than the 30 m stop radius,
        // within the drift radius. The truck is placed at the median of its fixes, which moves
        // there; that is still the same stop.
        t = local("2026-11-02T21:00:00");
        leaveSite("T3");
        drive("T3", 200, 2900, 0);
        at("T3", 3000, 0, 0);
        stand("T3", 3038, 7);
        drive("T3", 3100, 6000, 0);
        assertOneDumpingEpisodeOpenedThenClosed();
        assertThat(of(AlertType.TRUCK_SUSPECTED_DUMPING).get(1).attributes())
                .containsEntry("stopMinutes", "7");
    }
}

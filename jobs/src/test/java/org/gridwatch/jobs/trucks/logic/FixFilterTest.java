package org.gridwatch.jobs.trucks.logic;

import org.assertj.core.data.Offset;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.model.EntityType;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.jobs.trucks.logic.FixFilter.Reason;
import org.gridwatch.jobs.trucks.logic.FixFilter.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.trucks.TruckTestCity.P;
import static org.gridwatch.jobs.trucks.TruckTestCity.local;

/** The GPS fix filter on its own: the artefacts of real recordings (issue 19), one by one. */
class FixFilterTest {
    private static final long S = 1000;
    private static final long T0 = local("2026-11-02T21:00:00");
    private static final TruckRules RULES = TruckRules.DEFAULTS;

    private final FixFilter filter = new FixFilter();

    private static GpsPing fix(long t, double x, double y, double kmh) {
        return new GpsPing(
                "T1",
                EntityType.TRUCK,
                t,
                P.lat(y),
                P.lon(x),
                kmh,
                90,
                null,
                0b11L,
                null,
                null,
                "test");
    }

    /** A terminal that sends no speed (the record has none; the parser reads 0). */
    private static GpsPing noSpeed(long t, double x, double y) {
        return new GpsPing(
                "T1",
                EntityType.TRUCK,
                t,
                P.lat(y),
                P.lon(x),
                0,
                0,
                null,
                0b11L,
                null,
                null,
                "test",
                true);
    }

    /** A parked terminal: positioned, ignition (ACC) off, reporting {@code kmh}. */
    private static GpsPing parked(long t, double x, double y, double kmh) {
        return new GpsPing(
                "T1",
                EntityType.TRUCK,
                t,
                P.lat(y),
                P.lon(x),
                kmh,
                0,
                null,
                0b10L,
                null,
                null,
                "test");
    }

    /** A parked terminal that sends no speed. */
    private static GpsPing parkedNoSpeed(long t, double x, double y) {
        return new GpsPing(
                "T1",
                EntityType.TRUCK,
                t,
                P.lat(y),
                P.lon(x),
                0,
                0,
                null,
                0b10L,
                null,
                null,
                "test",
                true);
    }

    private Verdict at(GpsPing p) {
        return filter.classify(p, RULES);
    }

    private static double metresFrom(Verdict v, double x, double y) {
        return LocalProjection.haversineMetres(v.lat(), v.lon(), P.lat(y), P.lon(x));
    }

    @ParameterizedTest(name = "{0} m off")
    @ValueSource(ints = {100, 300, 1000})
    void aSingleMultipathFixOffAStandingTruckIsAnOutlierAndChangesNothing(int off) {
        for (int i = 0; i < 6; i++) {
            assertThat(at(fix(T0 + i * 10 * S, 0, 0, 0)).accepted()).isTrue();
        }
        Verdict jump = at(fix(T0 + 60 * S, 0, off, 0));
        assertThat(jump.outlier())
                .isIn(
                        Reason.DISAGREES_WITH_SPEED,
                        Reason.IMPOSSIBLE_ACCELERATION,
                        Reason.IMPOSSIBLE_SPEED);
        Verdict next = at(fix(T0 + 70 * S, 0, 0, 0));
        assertThat(next.accepted()).isTrue();
        assertThat(next.drift()).as("still standing where it stopped").isTrue();
    }

    @ParameterizedTest(name = "{0} m off")
    @ValueSource(ints = {300, 600, 1000})
    void aSingleMultipathFixOffADrivingTruckIsAnOutlier(int off) {
        for (int i = 0; i < 6; i++) {
            at(fix(T0 + i * 10 * S, i * 100, 0, 36));
        }
        assertThat(at(fix(T0 + 60 * S, 600, off, 36)).accepted()).isFalse();
        assertThat(at(fix(T0 + 70 * S, 700, 0, 36)).accepted())
                .as("back on the road: plausible from the last accepted fix")
                .isTrue();
    }

    @Test
    void aMultipathFixOfATerminalWithoutSpeedIsJudgedByImpliedSpeedAndAcceleration() {
        for (int i = 0; i < 6; i++) {
            at(noSpeed(T0 + i * 10 * S, i * 100, 0));
        }
        // 300 m sideways in 10 s: 99 km/h after the noise allowance, but from 22 km/h: an
        // acceleration no truck has.
        assertThat(at(noSpeed(T0 + 60 * S, 600, 300)).outlier())
                .isEqualTo(Reason.IMPOSSIBLE_ACCELERATION);
        // 1000 m: faster than any truck.
        assertThat(at(noSpeed(T0 + 70 * S, 700, 1000)).outlier())
                .isEqualTo(Reason.IMPOSSIBLE_SPEED);
        Verdict back = at(noSpeed(T0 + 80 * S, 800, 0));
        assertThat(back.accepted()).isTrue();
        assertThat(back.speedKmh())
                .as("estimated over the window, the outliers left out")
                .isCloseTo(36, Offset.offset(0.5));
    }

    @Test
    void aBiasRunIsRefusedUntilItHasLastedTruckFixConfirmFixesThenFollowed() {
        for (int i = 0; i < 6; i++) {
            at(fix(T0 + i * 10 * S, i * 100, 0, 36));
        }
        // From 60 s on, every fix 400 m north of the road (multipath off a building), moving on
        // with the truck.
        int refused = 0;
        for (int i = 6; i < 12; i++) {
            Verdict v = at(fix(T0 + i * 10 * S, i * 100, 400, 36));
            if (!v.accepted()) {
                refused++;
                assertThat(v.outlier()).isIn(Reason.IMPOSSIBLE_SPEED, Reason.DISAGREES_WITH_SPEED);
            } else {
                assertThat(refused)
                        .as("accepted only once the run has lasted")
                        .isEqualTo(RULES.fixConfirm() - 1);
            }
        }
        assertThat(refused).isEqualTo(RULES.fixConfirm() - 1);
        // The jump back is judged the same way: refused, then followed.
        assertThat(at(fix(T0 + 120 * S, 1200, 0, 36)).accepted()).isFalse();
    }

    @Test
    void aStandingTrucksDriftAndOneFastReadingStayWhereItStopped() {
        assertThat(at(fix(T0, 0, 0, 0)).drift())
                .as("the first stopped fix is where it stopped")
                .isFalse();
        double[][] wander = {
            {10, 5, 0}, {25, 10, 4}, {30, 0, 1}, {-20, 15, 0}, {5, -30, 7}, {0, 10, 2}
        };
        // The median, axis by axis, of the fixes so far (the first one included).
        double[][] median = {{5, 2.5}, {10, 5}, {17.5, 2.5}, {10, 5}, {7.5, 2.5}, {5, 5}};
        for (int i = 0; i < wander.length; i++) {
            Verdict v = at(fix(T0 + (i + 1) * 10 * S, wander[i][0], wander[i][1], wander[i][2]));
            assertThat(v.accepted()).isTrue();
            assertThat(v.drift()).as("fix %d", i).isTrue();
            assertThat(v.speedKmh()).isZero();
            assertThat(metresFrom(v, median[i][0], median[i][1])).as("fix %d", i).isLessThan(0.05);
        }
        // Two readings of 5 km/h or more in a row: pulling away, even still inside the drift
        // radius.
        assertThat(at(fix(T0 + 70 * S, 10, 0, 12)).drift()).isTrue();
        Verdict away = at(fix(T0 + 80 * S, 35, 0, 15));
        assertThat(away.drift()).isFalse();
        assertThat(away.speedKmh()).isEqualTo(15);
        assertThat(metresFrom(away, 35, 0)).isLessThan(0.01);
    }

    @Test
    void aFixBeyondTheDriftRadiusIsAMoveWhenTheTerminalReportsMoving() {
        at(fix(T0, 0, 0, 0));
        Verdict v = at(fix(T0 + 10 * S, 50, 0, 6));
        assertThat(v.accepted()).isTrue();
        assertThat(v.drift()).isFalse();
        assertThat(metresFrom(v, 50, 0)).isLessThan(0.01);
    }

    @Test
    void
            aFixBeyondTheDriftRadiusButWithinTheNoiseAllowanceIsDriftWhileTheTerminalReportsStanding() {
        at(fix(T0, 0, 0, 0));
        Verdict v = at(fix(T0 + 120 * S, 70, 0, 0));
        assertThat(v.accepted()).isTrue();
        assertThat(v.drift()).isTrue();
        assertThat(metresFrom(v, 35, 0))
                .as("kept where it stands: the median of its two fixes")
                .isLessThan(0.05);
    }

    @Test
    void aRepeatedTimestampAtAnotherPlaceIsAnOutlierAndTheNextFixIsJudgedAgainstTheFirst() {
        at(fix(T0, 0, 0, 36));
        GpsPing same = fix(T0, 80, 0, 36);
        assertThat(filter.repeats(fix(T0, 0, 0, 36))).as("the same record again").isTrue();
        assertThat(filter.repeats(same)).isFalse();
        assertThat(at(same).outlier()).isEqualTo(Reason.DUPLICATE_TIME);
        assertThat(filter.accepted.lon).isEqualTo(P.lon(0));
        assertThat(at(fix(T0 + 10 * S, 100, 0, 36)).accepted()).isTrue();
    }

    @Test
    void aFixWithoutPositionIsAnOutlierAndChangesNothing() {
        at(fix(T0, 0, 0, 36));
        GpsPing stale =
                new GpsPing(
                        "T1",
                        EntityType.TRUCK,
                        T0 + 10 * S,
                        P.lat(5000),
                        P.lon(5000),
                        0,
                        0,
                        null,
                        0b01L,
                        null,
                        null,
                        "test");
        assertThat(at(stale).outlier()).isEqualTo(Reason.NOT_POSITIONED);
        assertThat(filter.accepted.time).isEqualTo(T0);
        assertThat(filter.candidate).isNull();
    }

    @Test
    void aMissingSpeedIsEstimatedOnceTheFixesSpanHalfTheWindow() {
        for (int i = 0; i < 3; i++) {
            Verdict v = at(noSpeed(T0 + i * 10 * S, i * 200, 0));
            assertThat(v.speedKnown()).as("fix %d: %d s of fixes", i, i * 10).isFalse();
            assertThat(v.speedKmh()).as("unknown is not a speed the rules judge").isZero();
        }
        for (int i = 3; i < 10; i++) {
            Verdict v = at(noSpeed(T0 + i * 10 * S, i * 200, 0));
            assertThat(v.speedKnown()).isTrue();
            assertThat(v.speedKmh()).isCloseTo(72, Offset.offset(0.5));
        }
    }

    @Test
    void anImpossibleReportedSpeedIsReplacedByTheEstimate() {
        for (int i = 0; i < 6; i++) {
            at(fix(T0 + i * 10 * S, i * 100, 0, 36));
        }
        Verdict v = at(fix(T0 + 60 * S, 600, 0, 248));
        assertThat(v.accepted()).as("the place is right").isTrue();
        assertThat(v.speedKmh()).isCloseTo(36, Offset.offset(0.5));
    }

    @Test
    void aRelocationAfterALongGapIsAcceptedAtOnceWhenATruckCouldHaveDrivenIt() {
        at(fix(T0, 0, 0, 0));
        Verdict v = at(fix(T0 + 20 * 60 * S, 5000, 3000, 30));
        assertThat(v.accepted()).isTrue();
        assertThat(metresFrom(v, 5000, 3000)).isLessThan(0.01);
    }

    @Test
    void aRelocationNoTruckCouldHaveDrivenIsAcceptedOnceConfirmed() {
        // The last fix before a 10-minute gap was 40 km off (or the terminal went onto another
        // truck): the new place is refused at first, then accepted and followed for good.
        at(fix(T0, 0, 0, 30));
        long t = T0 + 10 * 60 * S;
        for (int i = 0; i < RULES.fixConfirm() - 1; i++) {
            assertThat(at(fix(t + i * 10 * S, 40_000 + i * 80, 0, 30)).outlier())
                    .isEqualTo(Reason.IMPOSSIBLE_SPEED);
        }
        for (int i = RULES.fixConfirm() - 1; i < 10; i++) {
            assertThat(at(fix(t + i * 10 * S, 40_000 + i * 80, 0, 30)).accepted())
                    .as("fix %d", i)
                    .isTrue();
        }
    }

    @Test
    void aBiasRunOfAParkedTerminalIsRefusedWhateverTheInterval() {
        // Parked, engine off, a ping every 120 s reporting 0 km/h; then 2 fixes 150 m off, still at
        // 0 km/h (the simulator's noisy day raised route deviations from exactly this before).
        for (int i = 0; i < 4; i++) {
            assertThat(at(fix(T0 + i * 120 * S, 0, 0, 0)).accepted()).isTrue();
        }
        assertThat(at(fix(T0 + 480 * S, 150, 0, 0)).outlier())
                .isEqualTo(Reason.DISAGREES_WITH_SPEED);
        assertThat(at(fix(T0 + 600 * S, 150, 10, 0)).outlier())
                .isEqualTo(Reason.DISAGREES_WITH_SPEED);
        Verdict back = at(fix(T0 + 720 * S, 0, 0, 0));
        assertThat(back.accepted()).isTrue();
        assertThat(back.drift()).isTrue();
    }

    @Test
    void aParkedTruckThatDrivesOffReportingSpeedIsFollowedAndOneRepositionedIsConfirmed() {
        at(fix(T0, 0, 0, 0));
        at(fix(T0 + 120 * S, 0, 0, 0));
        assertThat(at(fix(T0 + 240 * S, 300, 0, 25)).accepted())
                .as("it reports speed: a move")
                .isTrue();
        FixFilter other = new FixFilter();
        other.classify(fix(T0, 0, 0, 0), RULES);
        other.classify(fix(T0 + 120 * S, 0, 0, 0), RULES);
        // Moved 200 m between two pings and parked again: refused until fixConfirm fixes agree
        // there.
        for (int i = 1; i < RULES.fixConfirm(); i++) {
            assertThat(other.classify(fix(T0 + (120 + 120 * i) * S, 200, 0, 0), RULES).accepted())
                    .isFalse();
        }
        assertThat(
                        other.classify(
                                        fix(T0 + (120 + 120 * RULES.fixConfirm()) * S, 200, 0, 0),
                                        RULES)
                                .accepted())
                .isTrue();
    }

    @Test
    void aParkedTerminalWithoutSpeedOnTwoMinuteReportsStands() {
        // Engine off, no speed in the record, one fix every 120 s: the speed window never holds two
        // fixes, so no speed can be estimated; a truck whose engine is off stands all the same.
        Verdict first = at(parkedNoSpeed(T0, 0, 0));
        assertThat(first.speedKnown()).isTrue();
        assertThat(first.speedKmh()).isZero();
        assertThat(filter.anchor).as("it stands where it is").isNotNull();
        Verdict next = at(parkedNoSpeed(T0 + 120 * S, 20, 10));
        assertThat(next.drift()).isTrue();
        // 135 m off with a 50 m accuracy each: within the drift radius plus the noise allowance.
        GpsPing off =
                new GpsPing(
                        "T1",
                        EntityType.TRUCK,
                        T0 + 240 * S,
                        P.lat(0),
                        P.lon(135),
                        0,
                        0,
                        50.0,
                        0b10L,
                        null,
                        null,
                        "test",
                        true);
        Verdict v = at(off);
        assertThat(v.accepted()).isTrue();
        assertThat(v.drift()).isTrue();
        assertThat(v.speedKmh()).isZero();
    }

    @Test
    void aParkedTrucksClusteredBiasRunStaysRefusedPastFixConfirmUntilItOutlastsASignalLoss() {
        for (int i = 0; i < 4; i++) {
            assertThat(at(parked(T0 + i * 60 * S, 0, 0, 0)).accepted()).isTrue();
        }
        // Engine off, 0 km/h, fixes 250 m north, one a minute: a bias run, not a truck that drove
        // there.
        long t = T0 + 4 * 60 * S;
        int i = 0;
        for (; t + i * 60 * S - t < RULES.signalLostMs(); i++) {
            assertThat(at(parked(t + i * 60 * S, 5 * (i % 2), 250, 0)).outlier())
                    .as("fix %d of the run", i)
                    .isEqualTo(Reason.DISAGREES_WITH_SPEED);
        }
        assertThat(i).as("longer than fixConfirm").isGreaterThan(RULES.fixConfirm());
        // Still there, still together, after truck.signalLostAfter: the terminal is there (its
        // ignition bit may be wrong), so it is followed.
        Verdict v = at(parked(t + i * 60 * S, 0, 250, 0));
        assertThat(v.accepted()).isTrue();
        assertThat(metresFrom(v, 0, 250)).isLessThan(0.01);
    }

    @Test
    void aSpreadingRunOfAnIgnitionOffTerminalIsFollowedAfterFixConfirm() {
        at(parked(T0, 0, 0, 0));
        at(parked(T0 + 60 * S, 0, 0, 0));
        // It reports ignition off and 0 km/h, yet its fixes move on along a road, 250 m a minute:
        // the ignition bit or the speed is wrong; the places agree with each other: it is moving.
        long t = T0 + 120 * S;
        for (int i = 0; i < RULES.fixConfirm() - 1; i++) {
            assertThat(at(parked(t + i * 60 * S, 250 + i * 250, 0, 0)).accepted())
                    .as("fix %d", i)
                    .isFalse();
        }
        assertThat(
                        at(parked(
                                        t + (RULES.fixConfirm() - 1) * 60 * S,
                                        250 * RULES.fixConfirm(),
                                        0,
                                        0))
                                .accepted())
                .isTrue();
    }

    @Test
    void aStandingTruckIsPlacedAtTheMedianOfItsFixesSoOneFirstFixOutsideAFenceDoesNotHoldIt() {
        at(fix(T0, -6, 0, 0));
        for (int i = 1; i <= 6; i++) {
            at(fix(T0 + i * 10 * S, 11, 0, 0));
        }
        Verdict v = at(fix(T0 + 70 * S, 12, 0, 0));
        assertThat(v.drift()).isTrue();
        assertThat(metresFrom(v, 11, 0)).as("the median, not the first fix").isLessThan(0.05);
    }
}

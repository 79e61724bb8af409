package org.gridwatch.jobs.cases.logic;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatMergerTest {
    private static final CaseRules RULES = CaseRules.defaults(ZoneId.of("Asia/Shanghai"));
    private static final double LAT = 31.11;
    private static final double LON = 121.38;
    private static final long T0 = 1_795_000_000_000L;
    private static final long DAY = Duration.ofDays(1).toMillis();

    /** Degrees of latitude per metre. */
    private static final double DEG_PER_M = 1 / 111_320.0;

    private static TicketFact kase(String id, double northM, long receivedAt, long closedAt) {
        return new TicketFact(id, id, "09006", LAT + northM * DEG_PER_M, LON, receivedAt, closedAt);
    }

    @Test
    void aComplaintJustInsideTheRadiusJoinsAndJustOutsideDoesNot() {
        assertThat(
                        RepeatMerger.choose(
                                List.of(kase("A", 249.9, T0, 0)),
                                "new",
                                "09006",
                                LAT,
                                LON,
                                T0 + 60_000,
                                RULES))
                .isNotNull();
        assertThat(
                        RepeatMerger.choose(
                                List.of(kase("A", 249.999, T0, 0)),
                                "new",
                                "09006",
                                LAT,
                                LON,
                                T0 + 60_000,
                                RULES))
                .isNotNull();
        assertThat(
                        RepeatMerger.choose(
                                List.of(kase("A", 250.2, T0, 0)),
                                "new",
                                "09006",
                                LAT,
                                LON,
                                T0 + 60_000,
                                RULES))
                .isNull();
    }

    @Test
    void aClosedCaseTakesRepeatsUntilTheWindowEndsInclusive() {
        long closed = T0 + DAY;
        List<TicketFact> facts = List.of(kase("A", 100, T0, closed));
        assertThat(RepeatMerger.choose(facts, "new", "09006", LAT, LON, closed + 7 * DAY, RULES))
                .isNotNull();
        assertThat(
                        RepeatMerger.choose(
                                facts, "new", "09006", LAT, LON, closed + 7 * DAY + 1, RULES))
                .isNull();
        assertThat(RepeatMerger.expired(facts.get(0), closed + 7 * DAY + 1, RULES.windowMs()))
                .isTrue();
    }

    @Test
    void anOpenCaseTakesRepeatsHoweverOld() {
        assertThat(
                        RepeatMerger.choose(
                                List.of(kase("A", 100, T0, 0)),
                                "new",
                                "09006",
                                LAT,
                                LON,
                                T0 + 30 * DAY,
                                RULES))
                .isNotNull();
    }

    @Test
    void onlyTheSameCategoryAndOnlyCasesNotTheirRepeatsAreCandidates() {
        TicketFact other = new TicketFact("B", "B", "07001", LAT, LON, T0, 0);
        TicketFact joined = new TicketFact("C", "Z", "09006", LAT, LON, T0, 0);
        assertThat(
                        RepeatMerger.choose(
                                List.of(other, joined), "new", "09006", LAT, LON, T0 + 1, RULES))
                .isNull();
    }

    @Test
    void theNearestCaseWinsThenTheEarliest() {
        List<TicketFact> facts =
                List.of(
                        kase("far", 200, T0, 0),
                        kase("near", 50, T0 + 10, 0),
                        kase("nearLater", 50, T0 + 20, 0));
        assertThat(
                        RepeatMerger.choose(facts, "new", "09006", LAT, LON, T0 + 60_000, RULES)
                                .ticketId())
                .isEqualTo("near");
    }

    @Test
    void aComplaintNeverJoinsACaseReceivedAfterIt() {
        assertThat(
                        RepeatMerger.choose(
                                List.of(kase("A", 10, T0 + 5, 0)),
                                "new",
                                "09006",
                                LAT,
                                LON,
                                T0,
                                RULES))
                .isNull();
    }

    @Test
    void theRadiusIsCappedByWhatTheCellNeighbourhoodCovers() {
        assertThat(RULES.effectiveRadiusM(LAT)).isEqualTo(250);
        assertThat(CaseGeo.maxRadiusM(LAT)).isGreaterThan(400);
    }

    /**
     * Issue 19: a complaint whose address the table does not know has no place; it joins nothing
     * and nothing joins it.
     */
    @Test
    void anUnlocatedComplaintNeitherJoinsNorIsJoined() {
        List<TicketFact> facts = List.of(kase("A", 0, T0, 0));
        assertThat(
                        RepeatMerger.choose(
                                facts, "new", "09006", Double.NaN, Double.NaN, T0 + 60_000, RULES))
                .isNull();
        TicketFact unlocated = new TicketFact("U", "U", "09006", Double.NaN, Double.NaN, T0, 0);
        assertThat(
                        RepeatMerger.choose(
                                List.of(unlocated), "new", "09006", LAT, LON, T0 + 60_000, RULES))
                .isNull();
    }
}

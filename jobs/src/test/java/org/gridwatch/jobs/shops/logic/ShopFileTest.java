package org.gridwatch.jobs.shops.logic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.common.model.ShopViolation.CROSS_DOOR;
import static org.gridwatch.common.model.ShopViolation.OUTSIDE_BUSINESS;
import static org.gridwatch.jobs.shops.logic.ShopFixtures.DAY;
import static org.gridwatch.jobs.shops.logic.ShopFixtures.MIN;
import static org.gridwatch.jobs.shops.logic.ShopFixtures.T0;
import static org.gridwatch.jobs.shops.logic.ShopFixtures.detection;
import static org.gridwatch.jobs.shops.logic.ShopFixtures.inspection;

class ShopFileTest {
    private static final ShopRules R = ShopRules.DEFAULTS;

    @Test
    void shouldMakeOneRecordOfAnOccurrenceAndSplitItAfterGoneAfter() {
        ShopFile f = ShopFile.of("S1");
        assertThat(f.apply(detection("C1", T0, OUTSIDE_BUSINESS), R))
                .isEqualTo(ShopFile.Applied.NEW_RECORD);
        // Reports every 4 min for an hour: one occurrence.
        for (long t = T0 + 4 * MIN; t <= T0 + 60 * MIN; t += 4 * MIN) {
            assertThat(f.apply(detection("C1", t, OUTSIDE_BUSINESS), R))
                    .isEqualTo(ShopFile.Applied.JOINED);
        }
        // Another type at the same time is a record of its own.
        assertThat(f.apply(detection("C1", T0 + 61 * MIN, CROSS_DOOR), R))
                .isEqualTo(ShopFile.Applied.NEW_RECORD);
        // Exactly 30 min after the last report: still the same occurrence; 30 min + 1 ms later:
        // new.
        assertThat(f.apply(detection("C1", T0 + 90 * MIN, OUTSIDE_BUSINESS), R))
                .isEqualTo(ShopFile.Applied.JOINED);
        assertThat(f.apply(detection("C1", T0 + 120 * MIN + 1, OUTSIDE_BUSINESS), R))
                .isEqualTo(ShopFile.Applied.NEW_RECORD);
        assertThat(f.records).hasSize(3);
        assertThat(f.records.get(0).reports).isEqualTo(17);
        assertThat(f.records.get(0).lastReport).isEqualTo(T0 + 90 * MIN);
        assertThat(f.totalRecords).isEqualTo(3);
        assertThat(f.counts(T0 + 3 * 60 * MIN, 7).get(OUTSIDE_BUSINESS)).isEqualTo(2);
        assertThat(f.counts(T0 + 3 * 60 * MIN, 7).get(CROSS_DOOR)).isEqualTo(1);
    }

    @Test
    void shouldAbsorbDuplicatesOfARecord() {
        ShopFile f = ShopFile.of("S1");
        f.apply(inspection("O1", T0, CROSS_DOOR), R);
        assertThat(f.apply(inspection("O1", T0, CROSS_DOOR), R))
                .isEqualTo(ShopFile.Applied.DUPLICATE);
        f.apply(detection("C1", T0 + MIN, OUTSIDE_BUSINESS), R);
        assertThat(f.apply(detection("C1", T0 + MIN, OUTSIDE_BUSINESS), R))
                .isEqualTo(ShopFile.Applied.DUPLICATE);
        assertThat(f.records).hasSize(2);
        assertThat(f.records.get(1).reports).isEqualTo(1);
    }

    @Test
    void shouldLetAnInspectionConfirmAnOngoingOccurrenceAndOtherwiseStartItsOwnRecord() {
        ShopFile f = ShopFile.of("S1");
        f.apply(detection("C1", T0, OUTSIDE_BUSINESS), R);
        f.apply(detection("C1", T0 + 5 * MIN, OUTSIDE_BUSINESS), R);
        // 20 min after the last report: the occurrence is still going, the inspection joins it.
        assertThat(f.apply(inspection("O1", T0 + 25 * MIN, OUTSIDE_BUSINESS), R))
                .isEqualTo(ShopFile.Applied.JOINED);
        assertThat(f.records).hasSize(1);
        assertThat(f.records.get(0).confirmedBy).isEqualTo("O1");
        // Another type: a record of its own; after the occurrence ended: a record of its own.
        assertThat(f.apply(inspection("O1", T0 + 26 * MIN, CROSS_DOOR), R))
                .isEqualTo(ShopFile.Applied.NEW_RECORD);
        assertThat(f.apply(inspection("O2", T0 + 40 * MIN, OUTSIDE_BUSINESS), R))
                .isEqualTo(ShopFile.Applied.NEW_RECORD);
        // An inspection finding the shop in order is the latest inspection, not a record.
        assertThat(f.apply(inspection("O3", T0 + 50 * MIN, null), R))
                .isEqualTo(ShopFile.Applied.NOTED);
        assertThat(f.records).hasSize(3);
        assertThat(f.lastInspection.officer).isEqualTo("O3");
        assertThat(f.lastInspection.result()).isEqualTo("IN_ORDER");
    }

    @Test
    void shouldKeepCasesAndComplaintsWithoutCountingThemAsViolations() {
        ShopFile f = ShopFile.of("S1");
        f.apply(hotline(ShopEvent.COMPLAINT, "K1", T0, null), R);
        f.apply(hotline(ShopEvent.COMPLAINT, "K2", T0 + MIN, null), R);
        f.apply(hotline(ShopEvent.CASE_CLOSED, "K1", T0 + 60 * MIN, "WARNED"), R);
        assertThat(f.records).isEmpty();
        assertThat(f.openCases()).extracting(c -> c.caseId).containsExactly("K2");
        assertThat(f.cases.get("K1").outcome).isEqualTo("WARNED");
        assertThat(f.complaints).hasSize(2);
    }

    @Test
    void shouldForgetRecordsAfterAYear() {
        ShopFile f = ShopFile.of("S1");
        f.apply(detection("C1", T0, OUTSIDE_BUSINESS), R);
        assertThat(f.prune(T0 + 364 * DAY, R)).isFalse();
        assertThat(f.counts(T0 + 364 * DAY, 365).get(OUTSIDE_BUSINESS)).isEqualTo(1);
        assertThat(f.counts(T0 + 364 * DAY, 30).get(OUTSIDE_BUSINESS)).isZero();
        assertThat(f.prune(T0 + 365 * DAY, R)).isTrue();
        assertThat(f.records).isEmpty();
        assertThat(f.seen).isEmpty();
        assertThat(f.totalRecords).isEqualTo(1);
    }

    static ShopEvent hotline(String kind, String caseId, long t, String outcome) {
        return new ShopEvent(
                "S1",
                kind,
                t,
                null,
                null,
                Double.NaN,
                null,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                caseId,
                "09005",
                outcome);
    }
}

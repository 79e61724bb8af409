package org.gridwatch.jobs.shops.logic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.common.model.ShopViolation.OUTSIDE_BUSINESS;
import static org.gridwatch.common.model.ShopViolation.WALL_BREAKING;
import static org.gridwatch.jobs.shops.logic.ShopFixtures.DAY;
import static org.gridwatch.jobs.shops.logic.ShopFixtures.T0;
import static org.gridwatch.jobs.shops.logic.ShopFixtures.detection;
import static org.gridwatch.jobs.shops.logic.ShopFixtures.inspection;

class ShopRiskTest {
    private static final ShopRules R = ShopRules.DEFAULTS;

    @Test
    void shouldGradeByRecordsInThirtyDays() {
        ShopFile f = ShopFile.of("S1");
        assertThat(ShopRisk.assess(f, T0).grade()).isEqualTo("A");
        assertThat(ShopRisk.assess(f, T0).score()).isZero();
        f.apply(detection("C1", T0, OUTSIDE_BUSINESS), R);
        assertThat(ShopRisk.assess(f, T0).grade()).isEqualTo("B");
        f.apply(detection("C1", T0 + DAY, OUTSIDE_BUSINESS), R);
        assertThat(ShopRisk.assess(f, T0 + DAY).grade()).isEqualTo("B");
        f.apply(detection("C1", T0 + 2 * DAY, WALL_BREAKING), R);
        ShopRisk.Assessment c = ShopRisk.assess(f, T0 + 2 * DAY);
        assertThat(c.grade()).isEqualTo("C");
        // 3 records × 10 + 1 wall breaking × 10.
        assertThat(c.score()).isEqualTo(40);
        assertThat(c.reasons()).contains("+30: 3 × violation records in 30 d");
        // 40 days on, the records are older than 30 d: A, and each weighs 2.
        ShopRisk.Assessment later = ShopRisk.assess(f, T0 + 40 * DAY);
        assertThat(later.grade()).isEqualTo("A");
        assertThat(later.score()).isEqualTo(16);
    }

    @Test
    void shouldLowerTheRiskAfterAnInspectionFindsTheShopInOrder() {
        ShopFile f = ShopFile.of("S1");
        f.apply(detection("C1", T0, OUTSIDE_BUSINESS), R);
        f.apply(inspection("O1", T0 + DAY, null), R);
        ShopRisk.Assessment a = ShopRisk.assess(f, T0 + DAY);
        assertThat(a.score()).isZero();
        assertThat(a.reasons()).anyMatch(r -> r.startsWith("-10"));
        f.apply(inspection("O1", T0 + 2 * DAY, OUTSIDE_BUSINESS), R);
        assertThat(ShopRisk.assess(f, T0 + 2 * DAY).score()).isEqualTo(28);
    }
}

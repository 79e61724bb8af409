package org.gridwatch.jobs.shops.logic;

import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.common.model.ShopViolation.CROSS_DOOR;
import static org.gridwatch.common.model.ShopViolation.OUTSIDE_BUSINESS;
import static org.gridwatch.jobs.shops.logic.ShopFixtures.DAY;
import static org.gridwatch.jobs.shops.logic.ShopFixtures.T0;
import static org.gridwatch.jobs.shops.logic.ShopFixtures.detection;
import static org.gridwatch.jobs.shops.logic.ShopFixtures.shop;

class RepeatRuleTest {
    private static final ShopRules R = ShopRules.DEFAULTS;

    private static Alert record(ShopFile f, long t) {
        ShopEvent e = detection("C1", t, t % 2 == 0 ? OUTSIDE_BUSINESS : CROSS_DOOR);
        assertThat(f.apply(e, R)).isEqualTo(ShopFile.Applied.NEW_RECORD);
        return RepeatRule.onRecord(f, f.startedBy(e), shop("S1", 0), "闵行区", R, 0);
    }

    @Test
    void shouldOpenAtTheNthRecordInTheWindowUpdateWhileOpenAndCloseWhenTheCountDrops() {
        ShopFile f = ShopFile.of("S1");
        assertThat(record(f, T0)).isNull();
        assertThat(record(f, T0 + 10 * DAY)).isNull();
        Alert open = record(f, T0 + 20 * DAY);
        assertThat(open.type()).isEqualTo(AlertType.SHOP_REPEAT_VIOLATION);
        assertThat(open.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(open.entityType()).isEqualTo("SHOP");
        assertThat(open.entityId()).isEqualTo("S1");
        assertThat(open.episodeStart()).isEqualTo(T0 + 20 * DAY);
        assertThat(open.alertId()).isEqualTo("SHOP_REPEAT_VIOLATION:S1:20261122T020000Z");
        assertThat(open.attributes())
                .containsEntry("count", "3")
                .containsEntry("shopName", "店S1")
                .containsEntry("window", "PT720H")
                .containsKey("licence");
        assertThat(open.evidence()).hasSize(3);
        assertThat(open.messageZh()).contains("店S1").contains("第3次");
        // T0 leaves the window at T0 + 30 d, but a 4th record came at 25 d: still 3, so the close
        // time moves to the 10 d record + 30 d.
        Alert update = record(f, T0 + 25 * DAY);
        assertThat(update.status()).isEqualTo(AlertStatus.UPDATED);
        assertThat(update.revision()).isEqualTo(1);
        assertThat(update.attributes()).containsEntry("count", "4");
        assertThat(RepeatRule.closeAt(f, T0 + 25 * DAY, R)).isEqualTo(T0 + 40 * DAY);
        assertThat(RepeatRule.closeIfDue(f, T0 + 30 * DAY, R, 0)).isNull();
        Alert closed = RepeatRule.closeIfDue(f, T0 + 40 * DAY, R, 0);
        assertThat(closed.status()).isEqualTo(AlertStatus.CLOSED);
        assertThat(closed.episodeEnd()).isEqualTo(T0 + 40 * DAY);
        assertThat(closed.alertId()).isEqualTo(open.alertId());
        assertThat(f.episode).isNull();
        // The next record makes 3 again (20 d, 25 d, 45 d): a new episode, a new id.
        Alert again = record(f, T0 + 45 * DAY);
        assertThat(again.status()).isEqualTo(AlertStatus.OPEN);
        assertThat(again.alertId()).isNotEqualTo(open.alertId());
    }

    @Test
    void shouldNotOpenWhenTheRecordsSpreadBeyondTheWindow() {
        ShopFile f = ShopFile.of("S1");
        assertThat(record(f, T0)).isNull();
        assertThat(record(f, T0 + 15 * DAY)).isNull();
        // Exactly 30 d after the first: the first has left the window (the window is (t-30d, t]).
        assertThat(record(f, T0 + 30 * DAY)).isNull();
        assertThat(f.episode).isNull();
    }
}

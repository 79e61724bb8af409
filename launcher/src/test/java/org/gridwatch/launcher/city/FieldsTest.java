package org.gridwatch.launcher.city;

import org.gridwatch.common.city.Site;
import org.gridwatch.common.rules.DailyWindow;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldsTest {
    private static final Map<Site.Kind, List<String>> SITE_WORDS =
            Map.of(Site.Kind.CONSTRUCTION, List.of("工地"), Site.Kind.DISPOSAL, List.of("消纳"));

    @Test
    void timesAsPlatformsWriteThem() {
        assertThat(Fields.time("t", "8:00")).isEqualTo(LocalTime.of(8, 0));
        assertThat(Fields.time("t", "20：30")).isEqualTo(LocalTime.of(20, 30));
        assertThat(Fields.time("t", "06:00:00")).isEqualTo(LocalTime.of(6, 0));
        assertThat(Fields.time("t", "24:00")).isEqualTo(LocalTime.MIDNIGHT);
        assertThatThrownBy(() -> Fields.time("hoursFrom", "晚8点"))
                .hasMessage("hoursFrom '晚8点' is not a time of day like 08:00");
        assertThatThrownBy(() -> Fields.time("t", "25:00"))
                .hasMessageContaining("not a time of day");
    }

    @Test
    void rangesAsPlatformsWriteThem() {
        DailyWindow night = DailyWindow.parse("20:00", "06:00");
        assertThat(Fields.range("h", "20:00-06:00")).isEqualTo(night);
        assertThat(Fields.range("h", "20:00～次日06:00")).isEqualTo(night);
        assertThat(Fields.range("h", "20:00至06:00")).isEqualTo(night);
        assertThat(Fields.range("h", "20:00:00-06:00:00")).isEqualTo(night);
        assertThat(Fields.range("h", "全天")).isEqualTo(DailyWindow.ALL_DAY);
        assertThat(Fields.range("h", "00:00-24:00")).isEqualTo(DailyWindow.ALL_DAY);
        assertThatThrownBy(() -> Fields.range("准运时段", "夜间"))
                .hasMessage("准运时段 '夜间' is not a time range like 20:00-06:00");
    }

    @Test
    void datesAsPlatformsWriteThem() {
        LocalDate d = LocalDate.of(2026, 10, 2);
        for (String text :
                List.of(
                        "2026-10-02",
                        "2026/10/2",
                        "2026.10.02",
                        "20261002",
                        "2026年10月2日",
                        "2026/10/2 0:00:00")) {
            assertThat(Fields.date("validFrom", text)).as(text).isEqualTo(d);
        }
        assertThatThrownBy(() -> Fields.date("validTo", "2026-02-30"))
                .hasMessageContaining("validTo '2026-02-30' is not a date");
        assertThatThrownBy(() -> Fields.date("validTo", "明年"))
                .hasMessage("validTo '明年' is not a date like 2026-10-02");
    }

    @Test
    void kindsByNameOrChineseWord() {
        assertThat(Fields.kind("kind", "disposal", Site.Kind.class, SITE_WORDS))
                .isEqualTo(Site.Kind.DISPOSAL);
        assertThat(Fields.kind("kind", "建筑工地", Site.Kind.class, SITE_WORDS))
                .isEqualTo(Site.Kind.CONSTRUCTION);
        assertThat(Fields.kind("kind", "消纳场", Site.Kind.class, SITE_WORDS))
                .isEqualTo(Site.Kind.DISPOSAL);
        assertThatThrownBy(() -> Fields.kind("kind", "仓库", Site.Kind.class, SITE_WORDS))
                .hasMessageStartingWith("kind '仓库' is not one of");
    }

    @Test
    void listsInOneCell() {
        assertThat(Fields.list("31011200100101、31011200100102"))
                .containsExactly("31011200100101", "31011200100102");
        assertThat(Fields.list("a; b,c | d")).containsExactly("a", "b", "c", "d");
    }
}

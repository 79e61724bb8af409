package org.gridwatch.common.rules;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class DailyWindowTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void aWindowWithinOneDayShouldIncludeItsStartAndExcludeItsEnd() {
        DailyWindow duty = DailyWindow.parse("07:00", "22:00");
        assertThat(duty.contains(LocalTime.of(7, 0))).isTrue();
        assertThat(duty.contains(LocalTime.of(21, 59, 59))).isTrue();
        assertThat(duty.contains(LocalTime.of(22, 0))).isFalse();
        assertThat(duty.contains(LocalTime.of(6, 59))).isFalse();
    }

    @Test
    void aWindowPastMidnightShouldWrap() {
        DailyWindow trucks = DailyWindow.parse("20:00", "06:00");
        assertThat(trucks.wrapsMidnight()).isTrue();
        assertThat(trucks.contains(LocalTime.of(23, 0))).isTrue();
        assertThat(trucks.contains(LocalTime.of(0, 30))).isTrue();
        assertThat(trucks.contains(LocalTime.of(6, 0))).isFalse();
        assertThat(trucks.contains(LocalTime.of(12, 0))).isFalse();
    }

    @Test
    void shouldEvaluateUtcInstantsInTheCityTimeZone() {
        // 2026-11-22T13:30Z is 21:30 in Shanghai: inside the truck window, outside duty hours.
        long t = Instant.parse("2026-11-22T13:30:00Z").toEpochMilli();
        assertThat(DailyWindow.parse("20:00", "06:00").contains(t, SHANGHAI)).isTrue();
        assertThat(DailyWindow.parse("07:00", "22:00").contains(t, SHANGHAI)).isTrue();
        assertThat(DailyWindow.parse("07:00", "21:00").contains(t, SHANGHAI)).isFalse();
    }

    @Test
    void shouldFindTheNextBoundary() {
        long t = Instant.parse("2026-11-22T13:30:00Z").toEpochMilli(); // 21:30 local
        DailyWindow duty = DailyWindow.parse("07:00", "22:00");
        assertThat(Instant.ofEpochMilli(duty.nextBoundary(t, SHANGHAI)))
                .isEqualTo(Instant.parse("2026-11-22T14:00:00Z"));
        long after = Instant.parse("2026-11-22T14:30:00Z").toEpochMilli(); // 22:30 local
        assertThat(Instant.ofEpochMilli(duty.nextBoundary(after, SHANGHAI)))
                .isEqualTo(Instant.parse("2026-11-22T23:00:00Z"));
        assertThat(DailyWindow.ALL_DAY.nextBoundary(t, SHANGHAI)).isEqualTo(Long.MAX_VALUE);
    }
}

package org.gridwatch.jobs.cases.logic;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WorkingCalendarTest {
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    private final WorkingCalendar cal = WorkingCalendar.defaults(SH);

    private static long at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SH).toInstant().toEpochMilli();
    }

    private static String local(long ms) {
        return Instant.ofEpochMilli(ms).atZone(SH).toLocalDateTime().toString();
    }

    @Test
    void aLimitWithinOneMorningShouldEndTheSameMorning() {
        // 2026-11-23 is a Monday.
        assertThat(local(cal.addWorkingMinutes(at("2026-11-23T09:00"), 120)))
                .isEqualTo("2026-11-23T11:00");
    }

    @Test
    void aLimitShouldSkipTheLunchBreakAndTheNight() {
        assertThat(local(cal.addWorkingMinutes(at("2026-11-23T11:00"), 120)))
                .isEqualTo("2026-11-23T14:00");
        assertThat(local(cal.addWorkingMinutes(at("2026-11-23T16:30"), 240)))
                .isEqualTo("2026-11-24T11:30");
    }

    @Test
    void aLimitShouldSkipTheWeekend() {
        // Friday 16:30 + 4 working hours: one hour on Friday, three on Monday morning
        // (08:30-11:30).
        assertThat(local(cal.addWorkingMinutes(at("2026-11-27T16:30"), 240)))
                .isEqualTo("2026-11-30T11:30");
        // A complaint received on Saturday starts counting on Monday morning.
        assertThat(local(cal.addWorkingMinutes(at("2026-11-28T10:00"), 60)))
                .isEqualTo("2026-11-30T09:30");
    }

    @Test
    void workingDaysShouldBeWholeWorkingDays() {
        assertThat(cal.minutesPerDay()).isEqualTo(480);
        assertThat(local(cal.addWorkingMinutes(at("2026-11-23T08:30"), 2 * cal.minutesPerDay())))
                .isEqualTo("2026-11-24T17:30");
    }

    @Test
    void holidaysAndMakeUpDaysShouldBeHonoured() {
        WorkingCalendar holidays =
                new WorkingCalendar(
                        SH,
                        WorkingCalendar.defaults(SH).periods(),
                        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                        Set.of(LocalDate.parse("2026-11-30")),
                        Set.of(LocalDate.parse("2026-11-29")));
        // Friday 16:30 + 4 h: Sunday 29th is a make-up working day, Monday 30th a holiday.
        assertThat(local(holidays.addWorkingMinutes(at("2026-11-27T16:30"), 240)))
                .isEqualTo("2026-11-29T11:30");
    }

    @Test
    void shouldMeasureWorkingMinutesBetweenInstants() {
        assertThat(cal.workingMinutesBetween(at("2026-11-27T16:30"), at("2026-11-30T11:30")))
                .isEqualTo(240);
        assertThat(cal.workingMinutesBetween(at("2026-11-28T00:00"), at("2026-11-29T23:59")))
                .isZero();
        assertThat(cal.workingMinutesBetween(at("2026-11-23T12:00"), at("2026-11-23T10:00")))
                .isZero();
    }
}

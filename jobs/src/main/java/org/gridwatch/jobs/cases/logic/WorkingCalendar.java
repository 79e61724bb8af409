package org.gridwatch.jobs.cases.logic;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Working time for case time limits (工作时 / 工作日): which days are working days (weekdays, minus
 * public holidays, plus the weekend make-up days China's holiday schedule adds) and which periods
 * of such a day count. A limit in working days is that many full working days of minutes.
 *
 * <p>Defaults: Monday to Friday, 08:30-12:00 and 13:00-17:30 (8 working hours a day),
 * Asia/Shanghai.
 */
public final class WorkingCalendar implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One working period of a day, [start, end). */
    public record Period(LocalTime start, LocalTime end) implements Serializable {
        public Period {
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException(
                        "working period must end after it starts: " + start + "-" + end);
            }
        }

        long minutes() {
            return java.time.Duration.between(start, end).toMinutes();
        }
    }

    private final ZoneId zone;
    private final List<Period> periods;
    private final Set<DayOfWeek> workingWeekdays;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> extraWorkdays;
    private final long minutesPerDay;

    public WorkingCalendar(
            ZoneId zone,
            List<Period> periods,
            Set<DayOfWeek> workingWeekdays,
            Set<LocalDate> holidays,
            Set<LocalDate> extraWorkdays) {
        if (periods.isEmpty()) {
            throw new IllegalArgumentException(
                    "a working calendar needs at least one working period a day");
        }
        List<Period> sorted = new ArrayList<>(periods);
        sorted.sort((a, b) -> a.start().compareTo(b.start()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).start().isBefore(sorted.get(i - 1).end())) {
                throw new IllegalArgumentException(
                        "working periods overlap: " + sorted.get(i - 1) + " and " + sorted.get(i));
            }
        }
        this.zone = zone;
        this.periods = List.copyOf(sorted);
        this.workingWeekdays = Set.copyOf(workingWeekdays);
        this.holidays = Set.copyOf(holidays);
        this.extraWorkdays = Set.copyOf(extraWorkdays);
        this.minutesPerDay = sorted.stream().mapToLong(Period::minutes).sum();
    }

    public static WorkingCalendar defaults(ZoneId zone) {
        return new WorkingCalendar(
                zone,
                List.of(
                        new Period(LocalTime.of(8, 30), LocalTime.of(12, 0)),
                        new Period(LocalTime.of(13, 0), LocalTime.of(17, 30))),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                Set.of(),
                Set.of());
    }

    public List<Period> periods() {
        return periods;
    }

    public long minutesPerDay() {
        return minutesPerDay;
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isWorkingDay(LocalDate d) {
        if (extraWorkdays.contains(d)) {
            return true;
        }
        return workingWeekdays.contains(d.getDayOfWeek()) && !holidays.contains(d);
    }

    /**
     * The instant at which {@code workingMinutes} of working time have passed since {@code start}.
     */
    public long addWorkingMinutes(long startMs, long workingMinutes) {
        if (workingMinutes < 0) {
            throw new IllegalArgumentException("working minutes must not be negative");
        }
        long remainingMs = workingMinutes * 60_000L;
        ZonedDateTime t = Instant.ofEpochMilli(startMs).atZone(zone);
        LocalDate day = t.toLocalDate();
        for (int guard = 0; guard < 3660; guard++, day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            for (Period p : periods) {
                long pStart = day.atTime(p.start()).atZone(zone).toInstant().toEpochMilli();
                long pEnd = day.atTime(p.end()).atZone(zone).toInstant().toEpochMilli();
                long from = Math.max(pStart, startMs);
                if (from >= pEnd) {
                    continue;
                }
                if (remainingMs == 0) {
                    return from;
                }
                long available = pEnd - from;
                if (remainingMs <= available) {
                    return from + remainingMs;
                }
                remainingMs -= available;
            }
        }
        throw new IllegalStateException("no working time in ten years: check the working calendar");
    }

    /** Working minutes between two instants (0 when {@code to} is not after {@code from}). */
    public long workingMinutesBetween(long fromMs, long toMs) {
        if (toMs <= fromMs) {
            return 0;
        }
        long total = 0;
        LocalDate day = Instant.ofEpochMilli(fromMs).atZone(zone).toLocalDate();
        LocalDate last = Instant.ofEpochMilli(toMs).atZone(zone).toLocalDate();
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            for (Period p : periods) {
                long pStart = day.atTime(p.start()).atZone(zone).toInstant().toEpochMilli();
                long pEnd = day.atTime(p.end()).atZone(zone).toInstant().toEpochMilli();
                long a = Math.max(pStart, fromMs);
                long b = Math.min(pEnd, toMs);
                if (b > a) {
                    total += b - a;
                }
            }
        }
        return total / 60_000L;
    }
}

package org.gridwatch.sim.engine;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The simulator's own working calendar for case time limits (docs/rules.md#working-time): Monday to
 * Friday, 08:30-12:00 and 13:00-17:30 local, no holidays. Written apart from the job's {@code
 * WorkingCalendar} on purpose (the simulator does not depend on the jobs), so the ground truth
 * checks the job's arithmetic instead of repeating it.
 */
final class CaseWorkingTime {
    private static final LocalTime[][] PERIODS = {
        {LocalTime.of(8, 30), LocalTime.of(12, 0)}, {LocalTime.of(13, 0), LocalTime.of(17, 30)}
    };

    private final ZoneId zone;

    CaseWorkingTime(ZoneId zone) {
        this.zone = zone;
    }

    /** The instant {@code minutes} working minutes after {@code start}. */
    long plus(long start, long minutes) {
        long left = minutes * 60_000L;
        LocalDate day = Instant.ofEpochMilli(start).atZone(zone).toLocalDate();
        while (true) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY
                    && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                for (LocalTime[] p : PERIODS) {
                    long a =
                            Math.max(
                                    start,
                                    day.atTime(p[0]).atZone(zone).toInstant().toEpochMilli());
                    long b = day.atTime(p[1]).atZone(zone).toInstant().toEpochMilli();
                    if (a >= b) {
                        continue;
                    }
                    if (left <= b - a) {
                        return a + left;
                    }
                    left -= b - a;
                }
            }
            day = day.plusDays(1);
        }
    }

    /**
     * The colour instants of a clock started at {@code start} with a limit, at fractions 0.5, 0.8,
     * 1.0, 2.0.
     */
    long[] levels(long start, int limitMinutes) {
        double[] fractions = {0.5, 0.8, 1.0, 2.0};
        long[] out = new long[4];
        for (int i = 0; i < 4; i++) {
            out[i] = plus(start, Math.max(1, Math.round(limitMinutes * fractions[i])));
        }
        return out;
    }
}

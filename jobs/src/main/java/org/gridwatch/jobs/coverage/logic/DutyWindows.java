package org.gridwatch.jobs.coverage.logic;

import org.gridwatch.common.rules.DailyWindow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Occurrences of a daily duty window as absolute instants, in the city's local time: the occurrence
 * that contains an instant, or the next one that starts after it. An all-day window is one endless
 * occurrence.
 */
public final class DutyWindows {
    private DutyWindows() {}

    /**
     * {start, end} (epoch ms, end exclusive) of the occurrence containing {@code t}, or of the next
     * one after it.
     */
    public static long[] occurrence(DailyWindow w, ZoneId zone, long t) {
        if (w.start().equals(w.end())) {
            return new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
        }
        if (w.contains(t, zone)) {
            ZonedDateTime local = Instant.ofEpochMilli(t).atZone(zone);
            LocalDate day = local.toLocalDate();
            long start = day.atTime(w.start()).atZone(zone).toInstant().toEpochMilli();
            if (start > t) {
                start = day.minusDays(1).atTime(w.start()).atZone(zone).toInstant().toEpochMilli();
            }
            return new long[] {start, w.nextBoundary(t, zone)};
        }
        long start = w.nextBoundary(t, zone);
        return new long[] {start, w.nextBoundary(start, zone)};
    }
}

package org.gridwatch.common.rules;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A window of local time that repeats every day, such as permitted truck hours (20:00-06:00),
 * patrol duty (07:00-22:00) or the GB 3096 night (22:00-06:00). A window whose end is not after its
 * start wraps past midnight; start equal to end means all day. Start is inclusive, end exclusive.
 */
public record DailyWindow(LocalTime start, LocalTime end) implements Serializable {
    public static final DailyWindow ALL_DAY =
            new DailyWindow(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public static DailyWindow parse(String start, String end) {
        return new DailyWindow(LocalTime.parse(start), LocalTime.parse(end));
    }

    public boolean wrapsMidnight() {
        return !end.isAfter(start) && !start.equals(end);
    }

    public boolean contains(LocalTime t) {
        if (start.equals(end)) {
            return true;
        }
        if (end.isAfter(start)) {
            return !t.isBefore(start) && t.isBefore(end);
        }
        return !t.isBefore(start) || t.isBefore(end);
    }

    public boolean contains(long epochMs, ZoneId zone) {
        return contains(LocalTime.ofInstant(Instant.ofEpochMilli(epochMs), zone));
    }

    /**
     * The first instant at or after {@code epochMs} at which the window's state (inside / outside)
     * changes.
     */
    public long nextBoundary(long epochMs, ZoneId zone) {
        if (start.equals(end)) {
            return Long.MAX_VALUE;
        }
        ZonedDateTime t = Instant.ofEpochMilli(epochMs).atZone(zone);
        ZonedDateTime best = null;
        for (int day = 0; day <= 1; day++) {
            for (LocalTime b : new LocalTime[] {start, end}) {
                ZonedDateTime c = t.toLocalDate().plusDays(day).atTime(b).atZone(zone);
                if (c.toInstant().toEpochMilli() > epochMs && (best == null || c.isBefore(best))) {
                    best = c;
                }
            }
        }
        return best.toInstant().toEpochMilli();
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}

package org.gridwatch.jobs.coverage.logic;

import org.gridwatch.common.rules.DailyWindow;

import java.time.ZoneId;

/**
 * The patrol norm of one grid: during {@code duty} (local time in {@code zone}) no stretch without
 * an officer inside may last longer than {@code maxGapMs}.
 */
public record GapRule(DailyWindow duty, ZoneId zone, long maxGapMs) {
    public GapRule {
        if (maxGapMs <= 0) {
            throw new IllegalArgumentException("the allowed gap must be positive");
        }
    }

    public long[] occurrence(long t) {
        return DutyWindows.occurrence(duty, zone, t);
    }

    public boolean onDuty(long t) {
        return duty.contains(t, zone);
    }
}

package org.gridwatch.jobs.stalls.logic;

import java.util.ArrayList;
import java.util.List;

/**
 * Reappearances of one spot: a stall that keeps coming back is chronic (docs/rules.md#stalls: 3 or
 * more reappearances within 7 days) and needs a fixed post (蹲点固守), not another clearance. A mutable
 * POJO kept in keyed state; holds only the reappearances inside the window.
 */
public final class ChronicSpot {
    public long windowMs = 7 * 24 * 3_600_000L;
    public int chronicCount = 3;
    public List<Long> reappearances = new ArrayList<>();

    public ChronicSpot() {}

    public ChronicSpot(long windowMs, int chronicCount) {
        this.windowMs = windowMs;
        this.chronicCount = chronicCount;
    }

    /**
     * Records a reappearance at {@code t} (in event-time order); returns how many fall in the
     * window ending at t.
     */
    public int record(long t) {
        reappearances.removeIf(x -> x <= t - windowMs);
        reappearances.add(t);
        return reappearances.size();
    }

    public boolean isChronic(int count) {
        return count >= chronicCount;
    }

    /**
     * When the oldest remembered reappearance leaves the window (state can be cleared then if
     * nothing else is open).
     */
    public long forgetAt() {
        return reappearances.isEmpty()
                ? -1
                : reappearances.get(reappearances.size() - 1) + windowMs;
    }
}

package org.gridwatch.jobs.dispatch.logic;

import java.time.Duration;

/**
 * The nearest-officer rule's constants, in one place (the package README lists them). They are not
 * runtime rule keys: the cell side depends on {@link #RADIUS_M}, and the cells are the operator's
 * state keys, so changing the radius is a state migration, not a reference update.
 */
public final class DispatchRules {
    private DispatchRules() {}

    /** At most this many officers per alert revision, nearest first. */
    public static final int MAX_OFFICERS = 3;

    /** Search radius around the alert's location, metres (straight line). */
    public static final double RADIUS_M = 2_000;

    /** An officer's last fix at or before the alert's event time may be at most this old. */
    public static final long FRESHNESS_MS = Duration.ofMinutes(10).toMillis();

    /**
     * How far behind the watermark an alert may arrive and still find every fix it needs. Alerts
     * normally arrive ahead of the watermark (they wait for it); one a detection emits for an event
     * time the watermark has already passed is answered at once from the fixes kept.
     */
    public static final long LATE_ALERT_SLACK_MS = Duration.ofMinutes(20).toMillis();

    /** Fixes older than this behind the watermark are dropped: freshness plus the slack. */
    public static final long RETENTION_MS = FRESHNESS_MS + LATE_ALERT_SLACK_MS;

    /** Clean-up timers are rounded up to this, so a busy cell has one per minute at most. */
    public static final long CLEANUP_ROUNDING_MS = Duration.ofMinutes(1).toMillis();
}

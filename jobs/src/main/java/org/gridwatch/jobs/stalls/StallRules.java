package org.gridwatch.jobs.stalls;

import org.gridwatch.common.reference.CityReference;

import java.time.Duration;

/**
 * Rule keys of the stall detection and their defaults (docs/rules.md#stalls). The look-back window,
 * presence gap and packing-up margin shape the CEP pattern and the timeline, so they are read when
 * the job is built (constants of the job, documented in the README); the chronic rule is read at
 * runtime:
 *
 * <ul>
 *   <li>{@code stall.chronicWindow} (7d) and {@code stall.chronicCount} (3): chronic when this many
 *       reappearances fall in the window.
 * </ul>
 */
public final class StallRules {
    /**
     * A detection within this long after a clearance is a reappearance (docs/rules.md#stalls: 72
     * h).
     */
    public static final Duration LOOK_BACK = Duration.ofHours(72);

    /** A stall with no report for this long has left. */
    public static final Duration GONE_AFTER = Duration.ofMinutes(30);

    /** Detections this soon after a clearance are the vendor packing up, not a return. */
    public static final Duration MIN_ABSENCE = Duration.ofMinutes(10);

    private StallRules() {}

    public static long chronicWindowMs(CityReference ref) {
        return ref.rules().duration("stall.chronicWindow", Duration.ofDays(7)).toMillis();
    }

    public static int chronicCount(CityReference ref) {
        return (int) ref.rules().number("stall.chronicCount", 3);
    }
}

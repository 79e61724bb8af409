package org.gridwatch.jobs.stalls.logic;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the raw reports of one spot (a camera repeats its detection every few seconds while a stall
 * is there; a clearance may be filed twice) into a clean timeline: APPEARED once per stall
 * presence, CLEARED once per clearance of a stall that was seen, GONE when a stall leaves without
 * clearance. Input must come in event-time order (the Flink function buffers until the watermark
 * passes).
 *
 * <ul>
 *   <li>a detection starts a new presence (APPEARED) unless the stall is already present (the last
 *       report is less than {@code goneAfterMs} old, 30 min) — duplicates are absorbed here;
 *   <li>detections within {@code minAbsenceMs} (10 min) after a clearance are the vendor packing
 *       up, not a return, and are ignored;
 *   <li>a clearance counts (CLEARED) only after a presence was seen and not yet cleared;
 *   <li>a presence with no report for {@code goneAfterMs} ends (GONE, at its last report).
 * </ul>
 *
 * A mutable POJO kept in keyed state.
 */
public final class SpotTimeline {
    public long goneAfterMs = 30 * 60_000L;
    public long minAbsenceMs = 10 * 60_000L;

    /** APPEARED (a stall is there), CLEARED, GONE, or null (nothing seen yet). */
    public String state;

    public long lastDetection = -1;
    public long clearedAt = -1;
    public String lastCamera;

    public SpotTimeline() {}

    public SpotTimeline(long goneAfterMs, long minAbsenceMs) {
        this.goneAfterMs = goneAfterMs;
        this.minAbsenceMs = minAbsenceMs;
    }

    /**
     * Applies one raw event (DETECTED or CLEARED); returns the timeline events it produced (zero,
     * one or two).
     */
    public List<TimelineEvent> apply(TimelineEvent e) {
        List<TimelineEvent> out = new ArrayList<>(2);
        expire(e.time(), out);
        if (TimelineEvent.DETECTED.equals(e.kind())) {
            if (TimelineEvent.CLEARED.equals(state) && e.time() - clearedAt < minAbsenceMs) {
                return out;
            }
            if (!TimelineEvent.APPEARED.equals(state)) {
                state = TimelineEvent.APPEARED;
                out.add(new TimelineEvent(TimelineEvent.APPEARED, e.time(), e.ref()));
            }
            lastDetection = e.time();
            lastCamera = e.ref();
        } else if (TimelineEvent.CLEARED.equals(e.kind())) {
            if (TimelineEvent.APPEARED.equals(state) || TimelineEvent.GONE.equals(state)) {
                state = TimelineEvent.CLEARED;
                clearedAt = e.time();
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Ends a presence whose last report is {@code goneAfterMs} before {@code now}: the stall left
     * on its own (GONE at its last report, by the camera that made it).
     */
    public void expire(long now, List<TimelineEvent> out) {
        if (TimelineEvent.APPEARED.equals(state) && now - lastDetection >= goneAfterMs) {
            state = TimelineEvent.GONE;
            out.add(new TimelineEvent(TimelineEvent.GONE, lastDetection, lastCamera));
        }
    }

    /** When the current presence ends if no report comes, or -1. */
    public long goneAt() {
        return TimelineEvent.APPEARED.equals(state) ? lastDetection + goneAfterMs : -1;
    }

    /** The newest instant this timeline depends on. */
    public long lastActivity() {
        return Math.max(lastDetection, clearedAt);
    }
}

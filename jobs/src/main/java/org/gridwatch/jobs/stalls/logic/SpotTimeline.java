package org.gridwatch.jobs.stalls.logic;

import java.util.ArrayList;
import java.util.List;
import org.gridwatch.jobs.stalls.SpotEvent;

/**
 * Turns the raw reports of one spot (a camera repeats its detection every few seconds while a stall
 * is there; a clearance may be filed twice) into a clean timeline: APPEARED once per stall presence,
 * CLEARED once per clearance of a stall that was seen, GONE when a stall leaves without clearance.
 * Input must come in event-time order (the Flink function buffers until the watermark passes).
 *
 * <ul>
 *   <li>a detection starts a new presence (APPEARED) unless the stall is already present (the last
 *       report is less than {@code goneAfterMs} old, 30 min) — duplicates are absorbed here;
 *   <li>detections within {@code minAbsenceMs} (10 min) after a clearance are the vendor packing up,
 *       not a return, and are ignored;
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

    /** Applies one raw event; returns the timeline events it produced (zero, one or two). */
    public List<SpotEvent> apply(SpotEvent e) {
        List<SpotEvent> out = new ArrayList<>(2);
        expire(e.time(), e, out);
        if (SpotEvent.DETECTED.equals(e.kind())) {
            if (SpotEvent.CLEARED.equals(state) && e.time() - clearedAt < minAbsenceMs) {
                return out;
            }
            if (!SpotEvent.APPEARED.equals(state)) {
                state = SpotEvent.APPEARED;
                out.add(e.as(SpotEvent.APPEARED, e.time()));
            }
            lastDetection = e.time();
            lastCamera = e.ref();
        } else if (SpotEvent.CLEARED.equals(e.kind())) {
            if (SpotEvent.APPEARED.equals(state) || SpotEvent.GONE.equals(state)) {
                state = SpotEvent.CLEARED;
                clearedAt = e.time();
                out.add(e);
            }
        }
        return out;
    }

    /** Ends a presence whose last report is {@code goneAfterMs} before {@code now}: the stall left on its own. */
    public void expire(long now, SpotEvent template, List<SpotEvent> out) {
        if (SpotEvent.APPEARED.equals(state) && now - lastDetection >= goneAfterMs) {
            state = SpotEvent.GONE;
            out.add(new SpotEvent(template.spotId(), SpotEvent.GONE, lastDetection, lastCamera, template.lat(), template.lon(), -1));
        }
    }

    /** When the current presence ends if no report comes, or -1. */
    public long goneAt() {
        return SpotEvent.APPEARED.equals(state) ? lastDetection + goneAfterMs : -1;
    }

    /** The newest instant this timeline depends on. */
    public long lastActivity() {
        return Math.max(lastDetection, clearedAt);
    }
}

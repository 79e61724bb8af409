package org.gridwatch.jobs.stalls;

import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.jobs.stalls.logic.TimelineEvent;

/**
 * Something that happened at a stall spot, in one shape for the whole stall pipeline.
 *
 * @param kind raw input: {@code DETECTED} (a camera report), {@code CLEARED} (an officer cleared
 *     the spot); after the timeline: {@code APPEARED} (a stall's first report), {@code CLEARED},
 *     {@code GONE} (left without clearance, at its last report); from CEP: {@code REAPPEARED}
 * @param ref camera id (detections) or case id (clearances)
 * @param since for REAPPEARED: when the spot was cleared before; otherwise -1
 */
public record SpotEvent(
        String spotId, String kind, long time, String ref, double lat, double lon, long since) {
    // DETECTED to GONE are the kinds of the timeline logic (logic/TimelineEvent); REAPPEARED is the
    // CEP stage's.
    public static final String DETECTED = TimelineEvent.DETECTED;
    public static final String APPEARED = TimelineEvent.APPEARED;
    public static final String CLEARED = TimelineEvent.CLEARED;
    public static final String GONE = TimelineEvent.GONE;
    public static final String REAPPEARED = "REAPPEARED";

    public static SpotEvent detected(IotEvent e) {
        return new SpotEvent(
                e.spotId(), DETECTED, e.eventTime(), e.deviceId(), e.lat(), e.lon(), -1);
    }

    public static SpotEvent cleared(HotlineEvent e) {
        return new SpotEvent(e.spotId(), CLEARED, e.eventTime(), e.caseId(), e.lat(), e.lon(), -1);
    }
}

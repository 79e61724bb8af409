package org.gridwatch.common.model;

import java.util.List;
import java.util.Map;

/**
 * One update of one alert episode. All updates of an episode share {@code alertId}, which is
 * derived from the inputs only (type, entity, episode start), so a replay overwrites instead of
 * duplicating; {@code revision} increases with each update and is the Elasticsearch external
 * version, so a stale update never overwrites a newer one.
 *
 * @param alertId deterministic episode id
 * @param type catalogue entry
 * @param status OPEN on the first emission, UPDATED while it lasts or escalates, CLOSED at the end
 * @param revision 0 for OPEN, then 1, 2, ...
 * @param severity current severity
 * @param level escalation level for laddered alerts (BLUE..RED, CHRONIC), or null
 * @param levelTimes when each level was reached (level name to epoch ms); empty if not laddered
 * @param episodeStart event time the condition began (epoch ms)
 * @param episodeEnd event time it ended, or 0 while open
 * @param eventTime event time of the input that produced this update
 * @param detectedAt wall-clock time this update was produced (epoch ms); not part of the id
 * @param entityType TRUCK, OFFICER, GRID, SPOT, CASE, SENSOR
 * @param entityId the entity's id
 * @param gridCode unit grid code, or null
 * @param district district name, or null
 * @param lat where, NaN if unknown
 * @param lon where, NaN if unknown
 * @param messageZh message for operators in Chinese
 * @param messageEn the same in English
 * @param attributes type-specific facts: plate, permitId, tripId, distanceM, speedKmh, ...
 * @param evidence the events that made it, oldest first, bounded
 * @param nearestOfficers the on-duty officers nearest to {@code lat}/{@code lon} at {@code
 *     eventTime}, nearest first; empty when none (or not located), never null. Detections emit an
 *     empty list; the workflow's dispatch stage fills it for each revision.
 */
public record Alert(
        String alertId,
        AlertType type,
        AlertStatus status,
        int revision,
        Severity severity,
        String level,
        Map<String, Long> levelTimes,
        long episodeStart,
        long episodeEnd,
        long eventTime,
        long detectedAt,
        String entityType,
        String entityId,
        String gridCode,
        String district,
        double lat,
        double lon,
        String messageZh,
        String messageEn,
        Map<String, String> attributes,
        List<Evidence> evidence,
        List<NearbyOfficer> nearestOfficers) {

    public Alert {
        nearestOfficers = nearestOfficers == null ? List.of() : List.copyOf(nearestOfficers);
    }

    /** An alert as a detection makes it: no officers attached yet. */
    public Alert(
            String alertId,
            AlertType type,
            AlertStatus status,
            int revision,
            Severity severity,
            String level,
            Map<String, Long> levelTimes,
            long episodeStart,
            long episodeEnd,
            long eventTime,
            long detectedAt,
            String entityType,
            String entityId,
            String gridCode,
            String district,
            double lat,
            double lon,
            String messageZh,
            String messageEn,
            Map<String, String> attributes,
            List<Evidence> evidence) {
        this(
                alertId,
                type,
                status,
                revision,
                severity,
                level,
                levelTimes,
                episodeStart,
                episodeEnd,
                eventTime,
                detectedAt,
                entityType,
                entityId,
                gridCode,
                district,
                lat,
                lon,
                messageZh,
                messageEn,
                attributes,
                evidence,
                List.of());
    }

    /** This revision with {@code officers} as its nearest officers. */
    public Alert withNearestOfficers(List<NearbyOfficer> officers) {
        return new Alert(
                alertId,
                type,
                status,
                revision,
                severity,
                level,
                levelTimes,
                episodeStart,
                episodeEnd,
                eventTime,
                detectedAt,
                entityType,
                entityId,
                gridCode,
                district,
                lat,
                lon,
                messageZh,
                messageEn,
                attributes,
                evidence,
                officers);
    }
}

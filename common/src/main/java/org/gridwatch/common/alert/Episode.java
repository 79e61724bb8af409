package org.gridwatch.common.alert;

import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.model.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open episode of one alert on one entity, as detectors keep it in keyed state: each call that
 * changes it yields the next revision of the same alert (OPEN, then UPDATED, finally CLOSED), so an
 * operator sees one alert that evolves, not a new alert per event. Evidence is bounded: the first
 * events (how it began) and the latest ones are kept.
 *
 * <p>A plain mutable record-like POJO (public fields, no-arg constructor) so Flink stores it as a
 * POJO.
 */
public final class Episode {
    /**
     * Evidence kept per alert: enough to draw the track around a stop, small enough for a document.
     */
    public static final int MAX_EVIDENCE = 40;

    public String alertId;
    public AlertType type;
    public String entityType;
    public String entityId;
    public long episodeStart;
    public int revision = -1;
    public Severity severity;
    public String level;
    public Map<String, Long> levelTimes = new LinkedHashMap<>();
    public String gridCode;
    public String district;
    public double lat = Double.NaN;
    public double lon = Double.NaN;
    public Map<String, String> attributes = new LinkedHashMap<>();
    public List<Evidence> evidence = new ArrayList<>();

    public Episode() {}

    public static Episode open(
            AlertType type,
            String entityType,
            String entityId,
            long episodeStart,
            Severity severity) {
        Episode e = new Episode();
        e.alertId = AlertIds.episode(type, entityId, episodeStart);
        e.type = type;
        e.entityType = entityType;
        e.entityId = entityId;
        e.episodeStart = episodeStart;
        e.severity = severity;
        return e;
    }

    public Episode at(double lat, double lon, String gridCode, String district) {
        this.lat = lat;
        this.lon = lon;
        if (gridCode != null) {
            this.gridCode = gridCode;
        }
        if (district != null) {
            this.district = district;
        }
        return this;
    }

    public Episode attribute(String key, String value) {
        if (value != null) {
            attributes.put(key, value);
        }
        return this;
    }

    /** Records that a level was reached (first time only) and makes it the current one. */
    public Episode level(String newLevel, long at) {
        level = newLevel;
        levelTimes.putIfAbsent(newLevel, at);
        return this;
    }

    public Episode evidence(Evidence e) {
        if (evidence.size() >= MAX_EVIDENCE) {
            // Keep how it began (first half) and slide the rest.
            evidence.remove(MAX_EVIDENCE / 2);
        }
        evidence.add(e);
        return this;
    }

    /** The next revision: OPEN the first time, UPDATED afterwards. */
    public Alert emit(long eventTime, long detectedAt, String messageZh, String messageEn) {
        revision++;
        return toAlert(
                revision == 0 ? AlertStatus.OPEN : AlertStatus.UPDATED,
                0,
                eventTime,
                detectedAt,
                messageZh,
                messageEn);
    }

    /** The final revision: CLOSED, with the event time the condition ended. */
    public Alert close(long episodeEnd, long detectedAt, String messageZh, String messageEn) {
        revision++;
        return toAlert(
                AlertStatus.CLOSED, episodeEnd, episodeEnd, detectedAt, messageZh, messageEn);
    }

    public boolean isOpen() {
        return revision >= 0;
    }

    private Alert toAlert(
            AlertStatus status, long end, long eventTime, long detectedAt, String zh, String en) {
        return new Alert(
                alertId,
                type,
                status,
                revision,
                severity,
                level,
                Map.copyOf(levelTimes),
                episodeStart,
                end,
                eventTime,
                detectedAt,
                entityType,
                entityId,
                gridCode,
                district,
                lat,
                lon,
                zh,
                en,
                Map.copyOf(attributes),
                List.copyOf(evidence));
    }
}

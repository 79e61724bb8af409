package org.gridwatch.jobs.noise.logic;

import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.json.Json;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The only place noise documents are built, one method per index; ids are deterministic so a replay
 * overwrites the same document instead of adding one.
 *
 * <ul>
 *   <li>{@value #INDEX}: one per sensor and clock hour, id {@code sensor@hourStartUTC};
 *   <li>{@value #WINDOWS_INDEX}: one per sensor and closed averaging window (5 min), every window
 *       that received a reading whether or not it exceeded, id {@code sensor@windowStartUTC}.
 * </ul>
 */
public final class NoiseDocuments {
    public static final String INDEX = "gridwatch-noise";
    public static final String WINDOWS_INDEX = "gridwatch-noise-windows";

    /**
     * Local times as the city reads them, with the offset so the text alone says which instant it
     * is.
     */
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private NoiseDocuments() {}

    public static EsWriteRequest hour(NoiseSensor s, NoiseHour h) {
        var n = Json.MAPPER.createObjectNode();
        n.put("sensorId", s.id());
        if (s.gridCode() != null) {
            n.put("gridCode", s.gridCode());
        }
        if (s.district() != null) {
            n.put("district", s.district());
        }
        n.put("zoneClass", s.zoneClass());
        n.put("bucketStart", Json.iso(h.start));
        n.put("laeq", Math.round(h.acc.level() * 10) / 10.0);
        n.put("lmax", Math.round(h.acc.lmax * 10) / 10.0);
        n.put("limit", h.limit);
        n.put("windowsOver", h.windowsOver);
        n.put("windows", h.acc.readings);
        if (!Double.isNaN(s.lat())) {
            Json.putLocation(n, "location", s.lat(), s.lon());
        }
        return new EsWriteRequest(
                INDEX, s.id() + "@" + Json.iso(h.start), Json.text(n), EsWriteRequest.NO_VERSION);
    }

    /**
     * One closed window of sensor {@code s}: its LAeq ({@code level}, the energy average of its
     * readings), the limit that applied at its start, day or night, and how much of the window the
     * readings covered. LAeq is kept to 0.01 dB (not 0.1 as the hourly document) so a reader
     * recomputing it from the readings can check the arithmetic.
     */
    public static EsWriteRequest window(
            NoiseSensor s,
            NoiseWindow w,
            long windowMs,
            double level,
            double limit,
            boolean night,
            boolean burst,
            ZoneId zone) {
        long end = w.start + windowMs;
        var n = Json.MAPPER.createObjectNode();
        n.put("sensorId", s.id());
        if (s.gridCode() != null) {
            n.put("gridCode", s.gridCode());
        }
        if (s.district() != null) {
            n.put("district", s.district());
        }
        if (s.zoneId() != null) {
            n.put("zoneId", s.zoneId());
        }
        n.put("zoneClass", s.zoneClass());
        n.put("period", night ? "night" : "day");
        n.put("limit", limit);
        n.put("windowStart", Json.iso(w.start));
        n.put("windowEnd", Json.iso(end));
        ZonedDateTime localStart = Instant.ofEpochMilli(w.start).atZone(zone);
        n.put("windowStartLocal", LOCAL.format(localStart));
        n.put("windowEndLocal", LOCAL.format(Instant.ofEpochMilli(end).atZone(zone)));
        n.put("localDate", localStart.toLocalDate().toString());
        n.put("laeq", Math.round(level * 100) / 100.0);
        n.put("lmax", Math.round(w.acc.lmax * 10) / 10.0);
        n.put("readings", w.acc.readings);
        n.put("coveredSeconds", w.acc.seconds);
        // Readings may overlap or run past the window's edges (their interval is what the sensor
        // says), so the share is capped: 1 means "no gap", never "more than complete".
        n.put(
                "coverage",
                Math.round(Math.min(1.0, w.acc.seconds * 1000.0 / windowMs) * 1000) / 1000.0);
        n.put("exceeded", level > limit);
        n.put("nightBurst", burst);
        if (!Double.isNaN(s.lat())) {
            Json.putLocation(n, "location", s.lat(), s.lon());
        }
        return new EsWriteRequest(
                WINDOWS_INDEX,
                s.id() + "@" + Json.iso(w.start),
                Json.text(n),
                EsWriteRequest.NO_VERSION);
    }
}

package org.gridwatch.common.model;

/**
 * One input event behind an alert, compact enough to show on a map.
 *
 * @param kind {@code gps}, {@code detection}, {@code complaint}, {@code reading}, {@code case}
 * @param ref id of the event or object (entity id, event id, case id)
 * @param eventTime when (epoch ms)
 * @param lat latitude, NaN when not located
 * @param lon longitude, NaN when not located
 * @param detail short human detail, e.g. "12.0 km/h" or "LAeq 72.4 dB(A)"
 */
public record Evidence(
        String kind, String ref, long eventTime, double lat, double lon, String detail) {}

package org.gridwatch.common.city;

import org.gridwatch.common.rules.DailyWindow;
import org.locationtech.jts.geom.Geometry;

/**
 * An area with rules: closed to muck trucks at some hours (schools, hospitals, the centre), or a GB
 * 3096 noise zone class.
 *
 * @param closedHours for PROHIBITED_TRUCK zones, when trucks may not enter; null otherwise
 * @param noiseClass for NOISE_CLASS zones: 0, 1, 2, 3, 4a, 4b or construction; null otherwise
 */
public record Zone(
        String zoneId,
        Kind kind,
        String name,
        DailyWindow closedHours,
        String noiseClass,
        Geometry polygon) {
    public enum Kind {
        PROHIBITED_TRUCK,
        NOISE_CLASS
    }
}

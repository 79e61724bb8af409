package org.gridwatch.common.city;

import org.gridwatch.common.rules.DailyWindow;
import org.locationtech.jts.geom.LineString;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A muck-transport permit (准运证, one truck one permit): which truck may carry from which site to
 * which disposal site, along which route, on which days and at which hours.
 *
 * @param speedLimitKmh a permit-specific limit, or null for the rule default
 */
public record Permit(
        String permitId,
        String truckId,
        String plate,
        LocalDate validFrom,
        LocalDate validTo,
        DailyWindow hours,
        String sourceSiteId,
        String disposalSiteId,
        LineString route,
        Double speedLimitKmh) {

    /** True on the local dates from {@code validFrom} to {@code validTo}, both included. */
    public boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && !day.isAfter(validTo);
    }

    /**
     * True when the permit is valid for the permit day that the instant belongs to: a night window
     * that began before midnight belongs to the day it began (02:00 under hours 20:00-06:00 is the
     * previous day's night).
     */
    public boolean validAt(long epochMs, ZoneId zone) {
        ZonedDateTime local = Instant.ofEpochMilli(epochMs).atZone(zone);
        boolean earlyPartOfNightWindow =
                hours.wrapsMidnight() && local.toLocalTime().isBefore(hours.end());
        return validOn(
                earlyPartOfNightWindow ? local.toLocalDate().minusDays(1) : local.toLocalDate());
    }
}

package org.gridwatch.common.city;

import java.time.LocalDate;
import org.gridwatch.common.rules.DailyWindow;
import org.locationtech.jts.geom.LineString;

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
}

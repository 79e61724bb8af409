package org.gridwatch.jobs.trucks.logic;

import org.gridwatch.common.city.Permit;

import java.time.ZoneId;
import java.util.List;

/**
 * Where a truck stands with its permits at one instant: a permit valid today whose hours contain
 * the instant ({@code ACTIVE}), permits valid today but not at this hour ({@code OFF_HOURS}), or no
 * permit valid today ({@code NONE}). Validity by date comes first, so a truck with a valid permit
 * moving at the wrong hour is off-hours, not unpermitted.
 *
 * @param permit the permit that applies (the active one, or the one whose hours were missed), null
 *     for NONE
 */
public record PermitStanding(Kind kind, Permit permit) {
    public enum Kind {
        ACTIVE,
        OFF_HOURS,
        NONE
    }

    private static final PermitStanding NONE = new PermitStanding(Kind.NONE, null);

    /**
     * Prefers permits whose source site is {@code preferredSourceSite} (the site the trip left), if
     * any.
     */
    public static PermitStanding at(
            List<Permit> permits, long epochMs, ZoneId zone, String preferredSourceSite) {
        Permit offHours = null;
        Permit active = null;
        for (Permit p : permits) {
            if (!p.validAt(epochMs, zone)) {
                continue;
            }
            boolean preferred =
                    preferredSourceSite != null && preferredSourceSite.equals(p.sourceSiteId());
            if (p.hours().contains(epochMs, zone)) {
                if (active == null || preferred) {
                    active = p;
                }
            } else if (offHours == null || preferred) {
                offHours = p;
            }
        }
        if (active != null) {
            return new PermitStanding(Kind.ACTIVE, active);
        }
        return offHours != null ? new PermitStanding(Kind.OFF_HOURS, offHours) : NONE;
    }
}

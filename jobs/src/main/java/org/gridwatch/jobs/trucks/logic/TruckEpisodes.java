package org.gridwatch.jobs.trucks.logic;

import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Truck;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.model.Severity;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.common.rules.SustainedCondition;
import org.gridwatch.common.rules.SustainedCondition.Change;

import java.util.List;

/**
 * The episode bookkeeping {@link TruckCompliance}'s rules share ({@link PermitRules}, {@link
 * RouteZoneSpeedRules} and the lost signal): hysteresis set-up, opening and closing, the trip
 * attributes, labels. One place, so that every truck alert is opened and described alike.
 */
final class TruckEpisodes {
    private TruckEpisodes() {}

    /**
     * Applies a hysteresis change to a one-revision-per-phase episode (opened, closed), returning
     * the open episode or null.
     */
    static Episode simpleEpisode(
            SustainedCondition c,
            Change change,
            Episode e,
            Evidence ev,
            String entityId,
            List<Alert> out,
            long now,
            java.util.function.Supplier<Episode> opener,
            TruckState s,
            String endZh,
            String endEn) {
        switch (change) {
            case OPENED -> {
                return opener.get();
            }
            case CONTINUED -> {
                if (e != null) {
                    e.evidence(ev);
                }
                return e;
            }
            case CLOSED -> {
                closeEpisode(
                        e,
                        c.episodeEnd,
                        out,
                        now,
                        label(s, entityId) + endZh,
                        label(s, entityId) + ": " + endEn);
                return null;
            }
            default -> {
                return e;
            }
        }
    }

    static void quietClose(
            SustainedCondition c,
            Episode e,
            long lastPing,
            List<Alert> out,
            long now,
            String zh,
            String en) {
        if (c.active && c.forceClose(c.clearStart >= 0 ? c.clearStart : lastPing)) {
            closeEpisode(
                    e,
                    c.episodeEnd,
                    out,
                    now,
                    (e == null ? "" : e.entityId + " ") + zh,
                    (e == null ? "" : e.entityId + ": ") + en);
        }
    }

    static void closeEpisode(Episode e, long end, List<Alert> out, long now, String zh, String en) {
        if (e != null) {
            out.add(e.close(Math.max(end, e.episodeStart), now, zh, en));
        }
    }

    static SustainedCondition configure(
            SustainedCondition c, long openMs, int openCount, long closeMs, int closeCount) {
        c.openAfterMs = openMs;
        c.openAfterCount = Math.max(1, openCount);
        c.closeAfterMs = closeMs;
        c.closeAfterCount = Math.max(1, closeCount);
        return c;
    }

    static String label(TruckState s, String truckId) {
        return s.plate != null ? s.plate : truckId;
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.0f", v);
    }

    /**
     * Opens an episode of {@code type} for the truck at {@code lat, lon}: its grid and district,
     * plate, company and trip, and the recent track since a minute before {@code start} as
     * evidence.
     */
    static Episode open(
            CityReference ref,
            AlertType type,
            TruckState s,
            String tripId,
            long start,
            Severity severity,
            double lat,
            double lon) {
        Grid g = ref.gridAt(lat, lon);
        Episode e =
                Episode.open(type, "TRUCK", s.truckId, start, severity)
                        .at(
                                lat,
                                lon,
                                g == null ? null : g.gridCode(),
                                g == null ? null : g.districtName());
        e.attribute("plate", s.plate).attribute("tripId", tripId);
        Truck truck = ref.trucks().get(e.entityId);
        if (truck != null) {
            e.attribute("company", truck.company());
            e.attribute("plate", s.plate == null ? truck.plate() : s.plate);
        }
        for (Evidence ev : s.track) {
            if (ev.eventTime() >= start - 60_000) {
                e.evidence(ev);
            }
        }
        return e;
    }

    /** The trip and permit attributes every trip-related alert carries. */
    static void describeTrip(Episode e, TripTracker trip, Permit permit) {
        if (permit != null) {
            e.attribute("permitId", permit.permitId())
                    .attribute("sourceSiteId", permit.sourceSiteId())
                    .attribute("disposalSiteId", permit.disposalSiteId());
        }
        if (trip.onTrip()) {
            e.attribute("tripId", trip.tripId)
                    .attribute("tripStart", org.gridwatch.common.json.Json.iso(trip.tripStart));
        }
    }
}

package org.gridwatch.jobs.dispatch.logic;

import org.gridwatch.common.city.Officer;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.model.NearbyOfficer;
import org.gridwatch.common.reference.CityReference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Picks the officers to name on an alert revision: for each officer, the last fix at or before the
 * alert's event time; the officer counts when that fix is at most {@link
 * DispatchRules#FRESHNESS_MS} old, within {@link DispatchRules#RADIUS_M} (great circle), and the
 * officer is on duty then: their shift in the reference covers the event time in the city's zone,
 * or, for an officer not on file (or on file without a shift), the fresh fix is taken as being on
 * duty. Nearest first; equal distances by officer id, so the answer never depends on the order
 * state is iterated in.
 */
public final class NearestOfficers {
    private NearestOfficers() {}

    private static final Comparator<NearbyOfficer> NEAREST =
            Comparator.comparingDouble(NearbyOfficer::distanceM)
                    .thenComparing(NearbyOfficer::officerId);

    /**
     * @param trails officer id to that officer's fixes in the alert's cell
     * @param reference the reference in force, for names and shifts; null means no officer is on
     *     file
     */
    public static List<NearbyOfficer> select(
            double lat,
            double lon,
            long eventTime,
            Iterable<Map.Entry<String, List<Fix>>> trails,
            CityReference reference) {
        if (!Double.isFinite(lat) || !Double.isFinite(lon)) {
            return List.of();
        }
        List<NearbyOfficer> found = new ArrayList<>();
        for (Map.Entry<String, List<Fix>> e : trails) {
            Fix fix = FixTrail.latestAtOrBefore(e.getValue(), eventTime);
            if (fix == null || eventTime - fix.time() > DispatchRules.FRESHNESS_MS) {
                continue;
            }
            double d = LocalProjection.haversineMetres(lat, lon, fix.lat(), fix.lon());
            if (d > DispatchRules.RADIUS_M) {
                continue;
            }
            Officer officer = reference == null ? null : reference.officers().get(e.getKey());
            if (officer != null
                    && officer.shift() != null
                    && !officer.shift().contains(eventTime, reference.zone())) {
                continue;
            }
            found.add(
                    new NearbyOfficer(
                            e.getKey(),
                            officer == null ? null : officer.name(),
                            d,
                            fix.time(),
                            (eventTime - fix.time()) / 1000,
                            fix.lat(),
                            fix.lon()));
        }
        found.sort(NEAREST);
        return found.size() <= DispatchRules.MAX_OFFICERS
                ? found
                : new ArrayList<>(found.subList(0, DispatchRules.MAX_OFFICERS));
    }
}

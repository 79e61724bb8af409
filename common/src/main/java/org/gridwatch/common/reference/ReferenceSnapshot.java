package org.gridwatch.common.reference;

import org.gridwatch.common.city.check.CityBounds;
import org.gridwatch.common.model.ReferenceUpdate;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * {@code gridwatch.reference} as it stood when a job started: the latest usable update of every
 * object (a compacted topic read to its end, tombstones and superseded versions dropped), in topic
 * order. A job without {@code --city} starts its detectors from this base, so that no event is
 * judged against a reference that has not been read yet, and starts reading the topic where the
 * snapshot ends.
 *
 * @param city the {@code CITY} record's city; null when the topic holds none
 * @param updates the usable updates in the order they were published (the CITY record included)
 * @param endOffsets partition to the offset just after the last record read (where the job's
 *     reference source starts)
 * @param refused records the jobs would refuse (their dead letters come from the job's own read of
 *     the topic)
 */
public record ReferenceSnapshot(
        CityInfo city, List<ReferenceUpdate> updates, Map<Integer, Long> endOffsets, int refused)
        implements Serializable {

    public ReferenceSnapshot {
        updates = List.copyOf(updates);
        endOffsets = Map.copyOf(endOffsets);
    }

    public ZoneId zone() {
        return city == null ? null : city.zone();
    }

    public CityBounds bounds() {
        return city == null ? null : city.bounds();
    }

    /**
     * A reference built from the snapshot alone: the city's zone and bounds, every update applied
     * in order.
     */
    public CityReference toReference() {
        if (city == null) {
            throw new IllegalStateException("the reference snapshot has no CITY record");
        }
        CityReference r = new CityReference(city.zone(), city.bounds());
        for (ReferenceUpdate u : updates) {
            try {
                r.apply(u);
            } catch (RuntimeException e) {
                // Refused at the snapshot's reading already; an update refused only in this order
                // is skipped, as the stream would.
            }
        }
        return r;
    }

    /** One line for the start-up log. */
    public String describe() {
        return String.format(
                "%d objects of %s (%s)%s, reading on from offsets %s",
                updates.size(),
                city == null ? "no city" : "'" + city.name() + "'",
                city == null ? "-" : city.zone(),
                refused == 0 ? "" : ", " + refused + " refused",
                endOffsets);
    }
}

package org.gridwatch.jobs.trucks.logic;

import org.gridwatch.common.city.Site;
import org.gridwatch.common.json.Json;

/**
 * The trip model (闭环): a trip starts at the first ping outside every site (plus margin) after the
 * truck was last seen inside a construction site, and ends at the first ping inside a disposal site
 * (the normal end) or inside another construction site or a depot (aborted). The way back from the
 * disposal site is not a trip. "Inside a site" takes two consecutive pings inside sites (the second
 * one's site counts): a truck passing a site's fence gets one noisy fix inside now and then, and
 * that must not end a trip. A POJO kept in keyed state.
 */
public final class TripTracker {
    public enum Change {
        NONE,
        STARTED,
        ENDED
    }

    /**
     * The construction site the truck was last seen inside, while not on a trip; null otherwise.
     */
    public String lastConstructionSite;

    public String tripId;
    public long tripStart = -1;
    public String sourceSiteId;
    public String permitId;

    /** How the last trip ended: the site it ended in, or null. */
    public String endSiteId;

    /** The site the previous ping was inside, or null. */
    public String insideCandidate;

    public TripTracker() {}

    public boolean onTrip() {
        return tripId != null;
    }

    /**
     * @param inside the site whose polygon contains the ping, or null
     * @param outsideAll true when the ping is farther than the margin from every site
     */
    public Change observe(String truckId, long time, Site inside, boolean outsideAll) {
        // Confirmed by a second ping inside any site, not only the same one: a truck that drives
        // through sites in a row (its construction site, a depot, another construction site, or two
        // sites whose polygons touch) may have one ping in each, and it is inside the sites all
        // along;
        // a lone fix inside a site the truck drives past is still nothing.
        boolean confirmed = inside != null && insideCandidate != null;
        insideCandidate = inside == null ? null : inside.siteId();
        if (inside != null && !confirmed) {
            return Change.NONE;
        }
        if (inside != null) {
            Change c = Change.NONE;
            if (onTrip()) {
                endSiteId = inside.siteId();
                tripId = null;
                permitId = null;
                c = Change.ENDED;
            }
            lastConstructionSite = inside.kind() == Site.Kind.CONSTRUCTION ? inside.siteId() : null;
            return c;
        }
        if (!onTrip() && lastConstructionSite != null && outsideAll) {
            tripStart = time;
            tripId = truckId + ":" + Json.iso(time);
            sourceSiteId = lastConstructionSite;
            lastConstructionSite = null;
            endSiteId = null;
            return Change.STARTED;
        }
        return Change.NONE;
    }
}

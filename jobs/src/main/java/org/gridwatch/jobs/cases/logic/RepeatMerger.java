package org.gridwatch.jobs.cases.logic;

/**
 * The repeat-merge rule (docs/rules.md#repeat-complaints): a new complaint joins the case of the
 * same category whose first complaint lies within the radius (inclusive) and which is open, or
 * closed no longer than the window ago (inclusive). Among several, the nearest wins, then the
 * earliest, then the smallest id, so the choice does not depend on the order facts are stored in.
 * Only cases (masters) are candidates, never the complaints that joined them, so clusters do not
 * drift along a street. A complaint without a place (an address the address table does not know)
 * neither joins nor is joined: its distance to anything is unknown.
 */
public final class RepeatMerger {
    private RepeatMerger() {}

    /** The case a complaint joins, or null when it opens a case of its own. */
    public static TicketFact choose(
            Iterable<TicketFact> facts,
            String ticketId,
            String category,
            double lat,
            double lon,
            long at,
            CaseRules rules) {
        if (Double.isNaN(lat) || Double.isNaN(lon)) {
            return null;
        }
        double radius = rules.effectiveRadiusM(lat);
        TicketFact best = null;
        double bestD = Double.MAX_VALUE;
        for (TicketFact f : facts) {
            if (!f.isMaster()
                    || f.ticketId().equals(ticketId)
                    || !f.category().equals(category)
                    || f.receivedAt() > at) {
                continue;
            }
            if (!eligible(f, at, rules.windowMs())) {
                continue;
            }
            double d = CaseGeo.distanceM(lat, lon, f.lat(), f.lon());
            if (!(d <= radius)) { // also NaN: an unlocated case is nobody's neighbour
                continue;
            }
            if (best == null
                    || d < bestD
                    || (d == bestD
                            && (f.receivedAt() < best.receivedAt()
                                    || (f.receivedAt() == best.receivedAt()
                                            && f.ticketId().compareTo(best.ticketId()) < 0)))) {
                best = f;
                bestD = d;
            }
        }
        return best;
    }

    /** Open, or closed at most {@code windowMs} before {@code at}. */
    public static boolean eligible(TicketFact f, long at, long windowMs) {
        return f.closedAt() == 0 || at - f.closedAt() <= windowMs;
    }

    /** A fact no later complaint can join any more and that no longer needs to be kept. */
    public static boolean expired(TicketFact f, long now, long windowMs) {
        return f.closedAt() != 0 && now - f.closedAt() > windowMs;
    }
}

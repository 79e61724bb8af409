package org.gridwatch.jobs.cases.logic;

/**
 * What a merge cell knows about one complaint ticket near it: where and what it is, which case it
 * belongs to ({@code masterId}, itself for the first complaint of a case) and whether that case is
 * open or when it closed.
 *
 * @param closedAt 0 while the case is open, else when it closed (epoch ms)
 */
public record TicketFact(
        String ticketId,
        String masterId,
        String category,
        double lat,
        double lon,
        long receivedAt,
        long closedAt) {
    public boolean isMaster() {
        return ticketId.equals(masterId);
    }

    public TicketFact closed(long at) {
        return new TicketFact(ticketId, masterId, category, lat, lon, receivedAt, at);
    }

    public TicketFact reopened() {
        return new TicketFact(ticketId, masterId, category, lat, lon, receivedAt, 0);
    }
}

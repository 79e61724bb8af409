package org.gridwatch.jobs.cases;

import org.gridwatch.common.model.HotlineEvent;

/**
 * A hotline event on its way to one merge cell: every event of a ticket is sent to the ticket's
 * home cell ({@code home = true}, where decisions are made and results emitted) and to the 8
 * neighbours (which only record the ticket, so that complaints in their own cell can find it).
 *
 * @param cell target cell key
 * @param lat the ticket's location (from its RECEIVED event)
 * @param lon the ticket's location
 * @param category the ticket's category (from its RECEIVED event)
 */
public record RoutedEvent(
        String cell, boolean home, double lat, double lon, String category, HotlineEvent event) {}

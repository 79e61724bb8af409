package org.gridwatch.jobs.coverage.logic;

/**
 * One officer ping inside a grid.
 *
 * @param entered true when the officer was not in this grid at their previous ping (or not for a
 *     while): a visit begins
 */
public record Presence(long time, String officerId, boolean entered, double lat, double lon) {}

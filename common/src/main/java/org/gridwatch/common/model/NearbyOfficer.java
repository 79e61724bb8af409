package org.gridwatch.common.model;

/**
 * An on-duty officer near an alert when that revision of the alert was made: who, how far in a
 * straight line, and how old the position behind that distance is. The dispatcher's question is
 * "who can get there now", so the fix is the officer's last one at or before the alert's event
 * time, never a later one.
 *
 * @param officerId the officer's badge id (the GPS entity id)
 * @param name the officer's name from the reference, or null for an officer not on file
 * @param distanceM straight-line (great-circle) distance from the alert's location, metres
 * @param fixTime event time of the officer's position (epoch ms)
 * @param fixAgeSeconds the alert's event time minus {@code fixTime}, whole seconds
 * @param lat the officer's latitude at {@code fixTime}, WGS-84 degrees
 * @param lon the officer's longitude at {@code fixTime}, WGS-84 degrees
 */
public record NearbyOfficer(
        String officerId,
        String name,
        double distanceM,
        long fixTime,
        long fixAgeSeconds,
        double lat,
        double lon) {}

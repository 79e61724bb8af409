package org.gridwatch.sim.score;

/**
 * One thing the system reported, as the scorer sees it: an alert episode (one alert id), or one
 * level an escalating alert reached.
 *
 * @param alertId the episode's id; several revisions of one episode are one detection
 * @param type alert type id, with {@code .LEVEL} for a level of a laddered alert
 * @param entityId the entity it names
 * @param from event time the episode began, or the level was reached
 * @param until event time the episode ended (or its last update while open); equals {@code from}
 *     for a level
 */
public record Detection(String alertId, String type, String entityId, long from, long until) {}

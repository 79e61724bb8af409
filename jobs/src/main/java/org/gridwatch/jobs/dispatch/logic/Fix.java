package org.gridwatch.jobs.dispatch.logic;

/**
 * One officer position kept by a cell: when and where.
 *
 * @param time event time of the fix (epoch ms)
 * @param lat WGS-84 latitude
 * @param lon WGS-84 longitude
 */
public record Fix(long time, double lat, double lon) {}

package org.gridwatch.jobs.coverage;

import org.gridwatch.jobs.coverage.logic.Presence;

/**
 * What the officer side tells a grid: an officer ping inside it ({@code officerId} set), or a start
 * ({@code officerId} null): the tick at which the grid joined the reference of that officer
 * instance, sent on its first {@value OfficerGridFunction#START_TICKS} ticks in the grid's
 * reference only, so that a grid no one enters still gets state, an observation start and timers.
 * The clock itself reaches the grids by broadcast ({@link GridBroadcast}).
 */
public record GridSignal(
        String gridCode, long time, String officerId, boolean entered, double lat, double lon) {
    public static GridSignal start(String gridCode, long time) {
        return new GridSignal(gridCode, time, null, false, Double.NaN, Double.NaN);
    }

    public boolean isStart() {
        return officerId == null;
    }

    public Presence presence() {
        return new Presence(time, officerId, entered, lat, lon);
    }
}

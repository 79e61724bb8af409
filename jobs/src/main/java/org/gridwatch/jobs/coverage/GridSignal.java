package org.gridwatch.jobs.coverage;

import org.gridwatch.jobs.coverage.logic.Presence;

/**
 * What the officer side tells a grid: an officer ping inside it ({@code officerId} set), or a clock
 * tick ({@code officerId} null) that carries the GPS event-time clock to every grid, so that a grid
 * no one enters still has state, timers and a notion of "now".
 */
public record GridSignal(
        String gridCode, long time, String officerId, boolean entered, double lat, double lon) {
    public static GridSignal tick(String gridCode, long time) {
        return new GridSignal(gridCode, time, null, false, Double.NaN, Double.NaN);
    }

    public boolean isTick() {
        return officerId == null;
    }

    public Presence presence() {
        return new Presence(time, officerId, entered, lat, lon);
    }
}

package org.gridwatch.jobs.coverage;

import org.gridwatch.common.model.ReferenceUpdate;

/**
 * What every instance of {@link GridCoverageFunction} gets: a reference update ({@code reference}
 * set), or the GPS clock of one instance of {@link OfficerGridFunction} ({@code reference} null,
 * {@code clock} = the tick its newest ping entered). One clock record per officer instance and tick
 * replaces the tick per grid of earlier releases.
 */
public record GridBroadcast(ReferenceUpdate reference, long clock) {
    public static GridBroadcast of(ReferenceUpdate update) {
        return new GridBroadcast(update, Long.MIN_VALUE);
    }

    public static GridBroadcast clock(long tick) {
        return new GridBroadcast(null, tick);
    }

    public boolean isClock() {
        return reference == null;
    }
}

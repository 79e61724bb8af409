package org.gridwatch.common.rules;

/**
 * Turns a per-observation yes/no (over the speed limit, off the route, inside a closed zone) into
 * episodes with hysteresis, so that GPS noise neither raises nor ends an alert:
 *
 * <ul>
 *   <li>an episode opens once the condition has held for at least {@code openAfterMs} of event time
 *       and at least {@code openAfterCount} consecutive observations;
 *   <li>an open episode closes once the condition has been false for at least {@code closeAfterMs}
 *       and {@code closeAfterCount} consecutive observations.
 * </ul>
 *
 * <p>The episode begins at the first observation of the run that opened it and ends at the first
 * observation of the run that closed it. Observations must come in event-time order (callers drop
 * or buffer late ones). A mutable POJO, kept in keyed state by the detectors.
 */
public final class SustainedCondition {
    /** What one observation did to the episode. */
    public enum Change {
        NONE,
        OPENED,
        CONTINUED,
        CLOSED
    }

    public long openAfterMs;
    public int openAfterCount;
    public long closeAfterMs;
    public int closeAfterCount;

    public boolean active;

    /**
     * First observation of the current run of "true" (while not active) or of the episode (while
     * active); -1 if none.
     */
    public long runStart = -1;

    public int runCount;

    /** While active: first observation of the current run of "false", -1 if none. */
    public long clearStart = -1;

    public int clearCount;
    public long episodeStart = -1;
    public long episodeEnd = -1;

    public SustainedCondition() {}

    public SustainedCondition(
            long openAfterMs, int openAfterCount, long closeAfterMs, int closeAfterCount) {
        this.openAfterMs = openAfterMs;
        this.openAfterCount = Math.max(1, openAfterCount);
        this.closeAfterMs = closeAfterMs;
        this.closeAfterCount = Math.max(1, closeAfterCount);
    }

    public Change observe(long time, boolean condition) {
        if (!active) {
            if (!condition) {
                runStart = -1;
                runCount = 0;
                return Change.NONE;
            }
            if (runStart < 0) {
                runStart = time;
            }
            runCount++;
            if (runCount >= openAfterCount && time - runStart >= openAfterMs) {
                active = true;
                episodeStart = runStart;
                episodeEnd = -1;
                clearStart = -1;
                clearCount = 0;
                return Change.OPENED;
            }
            return Change.NONE;
        }
        if (condition) {
            clearStart = -1;
            clearCount = 0;
            return Change.CONTINUED;
        }
        if (clearStart < 0) {
            clearStart = time;
        }
        clearCount++;
        if (clearCount >= closeAfterCount && time - clearStart >= closeAfterMs) {
            active = false;
            episodeEnd = clearStart;
            runStart = -1;
            runCount = 0;
            clearStart = -1;
            clearCount = 0;
            return Change.CLOSED;
        }
        return Change.CONTINUED;
    }

    /**
     * Ends an open episode from outside (signal lost, trip over); returns false if none was open.
     */
    public boolean forceClose(long end) {
        if (!active) {
            runStart = -1;
            runCount = 0;
            return false;
        }
        active = false;
        episodeEnd = end;
        runStart = -1;
        runCount = 0;
        clearStart = -1;
        clearCount = 0;
        return true;
    }
}

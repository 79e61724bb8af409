package org.gridwatch.jobs.coverage;

/**
 * Where an officer was at their newest ping: the grid (or null) and when. A POJO for keyed state.
 */
public final class OfficerCursor {
    public String gridCode;
    public long time;

    public OfficerCursor() {}

    public OfficerCursor(String gridCode, long time) {
        this.gridCode = gridCode;
        this.time = time;
    }
}

package org.gridwatch.jobs.coverage.logic;

import java.util.ArrayList;
import java.util.List;

/**
 * Coverage of one grid in one clock hour: which minutes saw an officer inside, how many visits
 * began, which officers came. A mutable POJO kept inside {@link GridCoverage}.
 */
public final class HourBucket {
    public static final long HOUR_MS = 3_600_000L;

    public long start;

    /** Bit i set: an officer pinged inside during minute i of the hour. */
    public long minuteMask;

    public int visits;
    public List<String> officers = new ArrayList<>();

    /** True when any part of the hour was duty time. */
    public boolean duty;

    public HourBucket() {}

    public static HourBucket at(long time) {
        HourBucket b = new HourBucket();
        b.start = Math.floorDiv(time, HOUR_MS) * HOUR_MS;
        return b;
    }

    public long end() {
        return start + HOUR_MS;
    }

    public void add(Presence p) {
        int minute = (int) ((p.time() - start) / 60_000L);
        if (minute >= 0 && minute < 60) {
            minuteMask |= 1L << minute;
        }
        if (p.entered()) {
            visits++;
        }
        if (!officers.contains(p.officerId()) && officers.size() < 1000) {
            officers.add(p.officerId());
        }
    }

    public int minutesCovered() {
        return Long.bitCount(minuteMask);
    }

    public boolean isEmpty() {
        return minuteMask == 0 && visits == 0;
    }
}

package org.gridwatch.jobs.noise.logic;

import java.util.ArrayList;
import java.util.List;

/**
 * The readings of one sensor in one averaging window (5 min by default). A POJO kept in keyed
 * state.
 */
public final class NoiseWindow {
    public long start;
    public Laeq acc = new Laeq();

    /** End times of the readings taken, so a duplicated reading counts once. */
    public List<Long> readingTimes = new ArrayList<>();

    public NoiseWindow() {}

    public NoiseWindow(long start) {
        this.start = start;
    }

    /**
     * Adds a reading unless one ending at the same instant was already added; returns whether it
     * counted.
     */
    public boolean add(long readingEnd, double laeqDb, double seconds, double lmaxDb) {
        if (readingTimes.contains(readingEnd)) {
            return false;
        }
        readingTimes.add(readingEnd);
        acc.add(laeqDb, seconds, lmaxDb);
        return true;
    }
}

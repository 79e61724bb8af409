package org.gridwatch.jobs.dispatch.logic;

import java.util.ArrayList;
import java.util.List;

/**
 * An officer's recent fixes in one cell, oldest first, one per instant. The lists are values of
 * keyed state, so every operation returns a new list and leaves its argument alone.
 */
public final class FixTrail {
    private FixTrail() {}

    /**
     * {@code trail} with {@code fix} in time order. A second fix at the same instant keeps the one
     * with the smaller latitude, then longitude: whichever the feed delivered first, the trail is
     * the same (replays must give the same alerts).
     */
    public static List<Fix> add(List<Fix> trail, Fix fix) {
        List<Fix> out = new ArrayList<>(trail == null ? 0 : trail.size() + 1);
        boolean placed = false;
        if (trail != null) {
            for (Fix f : trail) {
                if (!placed && f.time() == fix.time()) {
                    out.add(smaller(f, fix));
                    placed = true;
                    continue;
                }
                if (!placed && f.time() > fix.time()) {
                    out.add(fix);
                    placed = true;
                }
                out.add(f);
            }
        }
        if (!placed) {
            out.add(fix);
        }
        return out;
    }

    /** {@code trail} without the fixes before {@code cutoff}; the same list when none is. */
    public static List<Fix> dropBefore(List<Fix> trail, long cutoff) {
        int first = 0;
        while (first < trail.size() && trail.get(first).time() < cutoff) {
            first++;
        }
        return first == 0 ? trail : new ArrayList<>(trail.subList(first, trail.size()));
    }

    /** The last fix at or before {@code time}, or null. */
    public static Fix latestAtOrBefore(List<Fix> trail, long time) {
        Fix best = null;
        for (Fix f : trail) {
            if (f.time() > time) {
                break;
            }
            best = f;
        }
        return best;
    }

    private static Fix smaller(Fix a, Fix b) {
        int c = Double.compare(a.lat(), b.lat());
        if (c == 0) {
            c = Double.compare(a.lon(), b.lon());
        }
        return c <= 0 ? a : b;
    }
}

package org.gridwatch.jobs.noise.logic;

import org.gridwatch.common.rules.NoiseLimits;

import java.util.ArrayList;
import java.util.List;

/**
 * NOISE_EXCEEDANCE for one sensor (docs/alerts.md#noise_exceedance, docs/rules.md#noise), plain
 * logic without Flink:
 *
 * <ul>
 *   <li>readings are energy-averaged ({@link Laeq}) into aligned windows of {@code windowMs} (5
 *       min); a reading that ends at t covers the time before t, so it belongs to the window
 *       containing t - 1 ms;
 *   <li>a window exceeds when its LAeq is over the limit of the sensor's class at the window's
 *       start (GB 3096 day/night, GB 12523 for construction; night 22:00-06:00 local);
 *   <li>an episode opens after {@code openWindows} (2) consecutive exceeding windows, beginning at
 *       the first of them; at night a window whose Lmax is over the limit + 15 dB opens it at once;
 *       the opening hands the listener <em>every</em> window of the run that opened it (kept in
 *       {@link #run} until then), so severity, peaks and evidence include the first window too;
 *   <li>it closes after {@code closeWindows} (2) consecutive compliant windows, ending at the start
 *       of the first of them (hysteresis: one quiet window does not split an episode).
 * </ul>
 *
 * Windows are closed in order by the caller once the event-time clock passes their end.
 */
public final class NoiseExceedance {
    /** What closing a window produced. */
    public interface Listener {
        /**
         * An episode opened at {@code start}. {@code windows} are all the windows of the run that
         * opened it, in order (never empty); the last one is the window whose closing opened it,
         * and {@code burst} says whether that was a night Lmax burst.
         */
        void opened(long start, List<Scored> windows, boolean burst);

        /** Still exceeding; severity may have risen. */
        void continued(NoiseWindow w, double level, double limit, boolean burst);

        void closed(long end, NoiseWindow w, double level, double limit);

        /** Every closed window, for aggregates. */
        void window(NoiseWindow w, double level, double limit);
    }

    /**
     * A closed window with its energy-averaged level, the limit at its start and whether it was a
     * night burst.
     */
    public record Scored(NoiseWindow window, double level, double limit, boolean burst) {}

    public long windowMs = 300_000;
    public int openWindows = 2;
    public int closeWindows = 2;

    /** Open windows, sorted by start. */
    public List<NoiseWindow> windows = new ArrayList<>();

    public boolean open;
    public long openStart = -1;
    public long runStart = -1;
    public int runCount;

    /**
     * The closed exceeding windows of the current run while no episode is open (at most {@code
     * openWindows - 1} between calls); handed to {@link Listener#opened} and cleared when the run
     * opens an episode or breaks.
     */
    public List<NoiseWindow> run = new ArrayList<>();

    public long clearStart = -1;
    public int clearCount;
    public long lastClosedEnd = -1;
    public long lastReading = -1;

    public NoiseExceedance() {}

    public NoiseExceedance(long windowMs, int openWindows, int closeWindows) {
        this.windowMs = windowMs;
        this.openWindows = Math.max(1, openWindows);
        this.closeWindows = Math.max(1, closeWindows);
    }

    public long windowStart(long readingEnd) {
        return Math.floorDiv(readingEnd - 1, windowMs) * windowMs;
    }

    /**
     * Adds a reading that ended at {@code readingEnd}; returns the end of its window (when to close
     * it), or -1 if the window was already closed (a late reading) or the reading was a duplicate.
     */
    public long add(long readingEnd, double laeqDb, double seconds, double lmaxDb) {
        long ws = windowStart(readingEnd);
        if (ws + windowMs <= lastClosedEnd) {
            return -1;
        }
        lastReading = Math.max(lastReading, readingEnd);
        int i = 0;
        while (i < windows.size() && windows.get(i).start < ws) {
            i++;
        }
        NoiseWindow w;
        if (i < windows.size() && windows.get(i).start == ws) {
            w = windows.get(i);
        } else {
            w = new NoiseWindow(ws);
            windows.add(i, w);
        }
        return w.add(readingEnd, laeqDb, seconds, lmaxDb) ? ws + windowMs : -1;
    }

    /** Closes every window that ends at or before {@code to}, in order. */
    public void closeUpTo(long to, String zoneClass, NoiseLimits limits, Listener l) {
        while (!windows.isEmpty() && windows.get(0).start + windowMs <= to) {
            NoiseWindow w = windows.remove(0);
            double limit = limits.limit(zoneClass, w.start);
            double level = w.acc.level();
            boolean burst = limits.isNightBurst(zoneClass, w.start, w.acc.lmax);
            boolean exceed = level > limit;
            boolean adjacent = lastClosedEnd == w.start;
            lastClosedEnd = w.start + windowMs;
            l.window(w, level, limit);
            if (!open) {
                if (exceed) {
                    if (runStart < 0 || !adjacent) {
                        runStart = w.start;
                        runCount = 0;
                        run.clear();
                    }
                    runCount++;
                    run.add(w);
                } else {
                    runStart = -1;
                    runCount = 0;
                    run.clear();
                }
                if (burst || runCount >= openWindows) {
                    open = true;
                    openStart = runStart >= 0 ? runStart : w.start;
                    List<Scored> opening = new ArrayList<>(run.size() + 1);
                    for (NoiseWindow earlier : run) {
                        if (earlier != w) {
                            opening.add(score(earlier, zoneClass, limits));
                        }
                    }
                    opening.add(new Scored(w, level, limit, burst));
                    runStart = -1;
                    runCount = 0;
                    run.clear();
                    clearStart = -1;
                    clearCount = 0;
                    l.opened(openStart, opening, burst);
                }
            } else if (exceed || burst) {
                clearStart = -1;
                clearCount = 0;
                l.continued(w, level, limit, burst);
            } else {
                if (clearStart < 0) {
                    clearStart = w.start;
                }
                clearCount++;
                if (clearCount >= closeWindows) {
                    open = false;
                    l.closed(clearStart, w, level, limit);
                    clearStart = -1;
                    clearCount = 0;
                }
            }
        }
    }

    private static Scored score(NoiseWindow w, String zoneClass, NoiseLimits limits) {
        return new Scored(
                w,
                w.acc.level(),
                limits.limit(zoneClass, w.start),
                limits.isNightBurst(zoneClass, w.start, w.acc.lmax));
    }

    /**
     * The sensor fell silent: ends an open episode at the end of the last window seen; true if one
     * was open.
     */
    public boolean silence() {
        windows.clear();
        run.clear();
        runStart = -1;
        runCount = 0;
        if (!open) {
            return false;
        }
        open = false;
        return true;
    }
}

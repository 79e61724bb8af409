package org.gridwatch.jobs.noise.logic;

/**
 * One sensor's hour for the noise aggregate: energy average of its windows, peak, limit, windows
 * over. A POJO.
 */
public final class NoiseHour {
    public static final long HOUR_MS = 3_600_000L;
    public long start = -1;
    public Laeq acc = new Laeq();
    public double limit = Double.NaN;
    public int windowsOver;

    public NoiseHour() {}

    /**
     * Adds a closed window; returns the finished previous hour if this window begins a new one,
     * else null.
     */
    public NoiseHour add(NoiseWindow w, double level, double windowLimit, long windowMs) {
        long hs = Math.floorDiv(w.start, HOUR_MS) * HOUR_MS;
        NoiseHour done = null;
        if (start != hs) {
            if (start >= 0 && acc.readings > 0) {
                done = copy();
            }
            start = hs;
            acc = new Laeq();
            limit = windowLimit;
            windowsOver = 0;
        }
        acc.add(level, windowMs / 1000.0, w.acc.lmax);
        if (level > windowLimit) {
            windowsOver++;
        }
        return done;
    }

    private NoiseHour copy() {
        NoiseHour h = new NoiseHour();
        h.start = start;
        h.acc = acc;
        h.limit = limit;
        h.windowsOver = windowsOver;
        return h;
    }
}

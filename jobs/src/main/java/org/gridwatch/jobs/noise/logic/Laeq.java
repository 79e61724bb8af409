package org.gridwatch.jobs.noise.logic;

/**
 * Energy averaging of sound levels. Decibels are logarithmic, so an equivalent continuous level is
 * the level of the mean sound energy, not the mean of the levels: LAeq = 10·log10(Σ tᵢ·10^(Lᵢ/10) /
 * Σ tᵢ). (70 dB for one minute and 50 dB for four give 63.2 dB, not 54.)
 *
 * <p>An accumulator as a mutable POJO, kept in keyed state per sensor and window.
 */
public final class Laeq {
    /** Σ tᵢ·10^(Lᵢ/10), seconds times relative energy. */
    public double energySeconds;

    public double seconds;
    public double lmax = Double.NEGATIVE_INFINITY;
    public int readings;

    public Laeq() {}

    /** Adds a reading of level {@code laeqDb} that covers {@code durationSeconds}. */
    public Laeq add(double laeqDb, double durationSeconds, double lmaxDb) {
        if (!(durationSeconds > 0)) {
            throw new IllegalArgumentException("a reading must cover a positive duration");
        }
        energySeconds += durationSeconds * Math.pow(10, laeqDb / 10);
        seconds += durationSeconds;
        lmax = Math.max(lmax, Double.isNaN(lmaxDb) ? laeqDb : lmaxDb);
        readings++;
        return this;
    }

    /** The equivalent continuous level over everything added, or NaN if nothing was. */
    public double level() {
        return seconds == 0 ? Double.NaN : 10 * Math.log10(energySeconds / seconds);
    }

    public static double combine(double[] levelsDb, double[] durations) {
        Laeq l = new Laeq();
        for (int i = 0; i < levelsDb.length; i++) {
            l.add(levelsDb[i], durations[i], Double.NaN);
        }
        return l.level();
    }
}

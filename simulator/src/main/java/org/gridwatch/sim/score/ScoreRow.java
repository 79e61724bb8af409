package org.gridwatch.sim.score;

import java.util.Locale;

/** True and false positives and false negatives of one alert type. */
public record ScoreRow(String type, int tp, int fp, int fn) {
    /**
     * 1 when nothing was reported and nothing had to be (a clean scenario is perfect, not
     * undefined).
     */
    public double precision() {
        return tp + fp == 0 ? (fn == 0 ? 1 : 0) : (double) tp / (tp + fp);
    }

    public double recall() {
        return tp + fn == 0 ? (fp == 0 ? 1 : 0) : (double) tp / (tp + fn);
    }

    /** The line scripts read: {@code TYPE tp=N fp=N fn=N precision=P recall=R}. */
    public String format() {
        return String.format(
                Locale.ROOT,
                "%s tp=%d fp=%d fn=%d precision=%.4f recall=%.4f",
                type,
                tp,
                fp,
                fn,
                precision(),
                recall());
    }
}

package org.gridwatch.common.config;

import org.apache.flink.util.TimeUtils;

import java.time.Duration;

/**
 * Durations in flags and rule values, read by Flink's {@link TimeUtils#parseDuration} (the syntax
 * of Flink's own configuration: {@code 500ms}, {@code 30s}, {@code 5m} or {@code 5 min}, {@code
 * 2h}, {@code 7d}, ISO-8601 {@code PT5M}; a bare number is milliseconds). This class only adds what
 * a GridWatch flag needs on top: negative durations are refused, and a wrong value fails with a
 * message naming the flag.
 */
public final class Durations {
    private Durations() {}

    public static Duration parse(String name, String text) {
        Duration d;
        try {
            d = TimeUtils.parseDuration(text == null ? "" : text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "--"
                            + name
                            + ": '"
                            + text
                            + "' is not a duration (examples: 500ms, 30s, 5m, 2h, 7d, PT5M)");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("--" + name + " must not be negative");
        }
        return d;
    }

    public static Duration parsePositive(String name, String text, boolean zeroAllowed) {
        Duration d = parse(name, text);
        if (!zeroAllowed && d.isZero()) {
            throw new IllegalArgumentException("--" + name + " must be greater than zero");
        }
        return d;
    }
}

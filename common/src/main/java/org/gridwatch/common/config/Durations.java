package org.gridwatch.common.config;

import java.time.Duration;
import java.util.Locale;

/** Parses human durations in flags and files: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}, or ISO {@code PT5M}. */
public final class Durations {
    private Durations() {}

    public static Duration parse(String name, String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) {
                return nonNegative(name, Duration.parse(s.toUpperCase(Locale.ROOT)));
            }
            if (s.equals("0")) {
                return Duration.ZERO;
            }
            if (s.endsWith("ms")) {
                return nonNegative(name, Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2))));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return nonNegative(
                    name,
                    switch (s.charAt(s.length() - 1)) {
                        case 's' -> Duration.ofSeconds(n);
                        case 'm' -> Duration.ofMinutes(n);
                        case 'h' -> Duration.ofHours(n);
                        case 'd' -> Duration.ofDays(n);
                        default -> throw new NumberFormatException();
                    });
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("--")) {
                throw e;
            }
            throw new IllegalArgumentException(
                    "--" + name + ": '" + text + "' is not a duration (examples: 500ms, 30s, 5m, 2h, 7d, PT5M)");
        }
    }

    public static Duration parsePositive(String name, String text, boolean zeroAllowed) {
        Duration d = parse(name, text);
        if (!zeroAllowed && d.isZero()) {
            throw new IllegalArgumentException("--" + name + " must be greater than zero");
        }
        return d;
    }

    private static Duration nonNegative(String name, Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("--" + name + " must not be negative");
        }
        return d;
    }
}

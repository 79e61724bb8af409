package org.gridwatch.common.reference;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Durations in rule values ({@code RULE} updates, {@link RuleCatalog}), without Flink: the syntax
 * of the jobs' duration flags, which Flink's {@code TimeUtils.parseDuration} reads ({@code 500ms},
 * {@code 30s}, {@code 5m} or {@code 5 min}, {@code 2h}, {@code 7d}, ISO-8601 {@code PT5M}; a bare
 * number is milliseconds), so that a value means the same in a flag and in a rule. Negative
 * durations are refused.
 *
 * <p>A number is ASCII digits, whole; the unit after it (spaces allowed between) is one of the
 * labels below, in any case. Text starting with {@code P} (or {@code +P}) is ISO-8601. Anything
 * else, a value that does not fit a {@link Duration}, and a negative ISO-8601 duration fail with an
 * {@link IllegalArgumentException}. {@code DurationTextMatchesFlinkTest} in the streaming module
 * checks this against Flink's own parser.
 */
public final class DurationText {
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    private static final Map<String, BigDecimal> NANOS_PER_UNIT = units();

    private DurationText() {}

    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("an empty text is not a duration");
        }
        char first = t.charAt(0);
        if (first == 'P'
                || first == 'p'
                || first == '+' && t.length() > 1 && (t.charAt(1) == 'P' || t.charAt(1) == 'p')) {
            return iso(t);
        }
        int digits = 0;
        while (digits < t.length() && t.charAt(digits) >= '0' && t.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == 0) {
            throw new IllegalArgumentException(
                    "'" + text + "' does not start with a number and is not ISO-8601");
        }
        String label = t.substring(digits).trim().toLowerCase(Locale.ROOT);
        BigDecimal perUnit = label.isEmpty() ? NANOS_PER_UNIT.get("ms") : NANOS_PER_UNIT.get(label);
        if (perUnit == null) {
            throw new IllegalArgumentException(
                    "'"
                            + label
                            + "' in '"
                            + text
                            + "' is not a unit (d, h, m or min, s, ms, µs, ns)");
        }
        BigDecimal nanos = new BigDecimal(t.substring(0, digits)).multiply(perUnit);
        BigDecimal[] secondsAndNanos = nanos.divideAndRemainder(NANOS_PER_SECOND);
        try {
            return Duration.ofSeconds(
                    secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long for a duration");
        }
    }

    private static Duration iso(String t) {
        Duration d;
        try {
            d = Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + t + "' is not an ISO-8601 duration");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("'" + t + "' is negative");
        }
        return d;
    }

    private static Map<String, BigDecimal> units() {
        BigDecimal ns = BigDecimal.ONE;
        BigDecimal us = BigDecimal.valueOf(1_000L);
        BigDecimal ms = BigDecimal.valueOf(1_000_000L);
        BigDecimal s = NANOS_PER_SECOND;
        BigDecimal m = s.multiply(BigDecimal.valueOf(60));
        BigDecimal h = m.multiply(BigDecimal.valueOf(60));
        BigDecimal d = h.multiply(BigDecimal.valueOf(24));
        return Map.ofEntries(
                Map.entry("d", d),
                Map.entry("day", d),
                Map.entry("days", d),
                Map.entry("h", h),
                Map.entry("hour", h),
                Map.entry("hours", h),
                Map.entry("m", m),
                Map.entry("min", m),
                Map.entry("minute", m),
                Map.entry("minutes", m),
                Map.entry("s", s),
                Map.entry("sec", s),
                Map.entry("secs", s),
                Map.entry("second", s),
                Map.entry("seconds", s),
                Map.entry("ms", ms),
                Map.entry("milli", ms),
                Map.entry("millis", ms),
                Map.entry("millisecond", ms),
                Map.entry("milliseconds", ms),
                Map.entry("µs", us),
                Map.entry("micro", us),
                Map.entry("micros", us),
                Map.entry("microsecond", us),
                Map.entry("microseconds", us),
                Map.entry("ns", ns),
                Map.entry("nano", ns),
                Map.entry("nanos", ns),
                Map.entry("nanosecond", ns),
                Map.entry("nanoseconds", ns));
    }
}

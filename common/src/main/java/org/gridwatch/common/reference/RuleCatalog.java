package org.gridwatch.common.reference;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.model.ReasonCodes;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every runtime rule key the detections read, with the values it may take (README "Rule keys and
 * their ranges"; each job's README gives the meaning). A {@code RULE} update naming another key is
 * {@code unknown_rule}; a value of the wrong type or outside the range is {@code bad_rule}. Ranges
 * are chosen so that keys that depend on each other cannot contradict: {@code truck.stopKmh} ≤ 5 ≤
 * {@code truck.movingKmh}, {@code truck.signalLostAfter} ≤ 1 h < 2 h ≤ {@code truck.forgetAfter}.
 */
public final class RuleCatalog {
    /**
     * What a key holds: a number (with its bounds), a whole number, a duration, a time of day, or
     * text.
     */
    public enum Type {
        NUMBER,
        INTEGER,
        DURATION,
        TIME_OF_DAY,
        TEXT
    }

    /**
     * One key's range: numbers in [min, max]; durations in [min, max] seconds; text matching {@code
     * pattern}.
     */
    public record Spec(Type type, double min, double max, Pattern pattern) {
        public String describe() {
            return switch (type) {
                case NUMBER -> "a number in [" + num(min) + ", " + num(max) + "]";
                case INTEGER -> "a whole number in [" + num(min) + ", " + num(max) + "]";
                case DURATION ->
                        "a duration from "
                                + Duration.ofSeconds((long) min)
                                + " to "
                                + Duration.ofSeconds((long) max);
                case TIME_OF_DAY -> "a time of day HH:mm";
                case TEXT -> "text matching " + pattern.pattern();
            };
        }

        private static String num(double v) {
            return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
        }
    }

    /** The families a RULE group may name ({@code RULE truck {"corridorM": 150}}). */
    public static final Set<String> FAMILIES =
            Set.of("truck", "noise", "coverage", "stall", "cases", "shop");

    private static final Pattern PERIODS =
            Pattern.compile(
                    "\\d{1,2}:\\d{2}-\\d{1,2}:\\d{2}(\\s*,\\s*\\d{1,2}:\\d{2}-\\d{1,2}:\\d{2}){0,7}");
    private static final Pattern WEEKDAYS =
            Pattern.compile("[A-Za-z]{3}(-[A-Za-z]{3})?(\\s*,\\s*[A-Za-z]{3}(-[A-Za-z]{3})?){0,6}");
    private static final Pattern DATES =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2}(\\s*,\\s*\\d{4}-\\d{2}-\\d{2}){0,399})?");
    private static final Pattern NOISE_LIMIT =
            Pattern.compile("noise\\.limit\\.(0|1|2|3|4a|4b|construction)\\.(day|night)");
    private static final Pattern CASE_LIMIT =
            Pattern.compile("cases\\.limitMinutes\\.[\\p{L}\\p{N}_-]{1,64}");

    private static final Map<String, Spec> KEYS;

    static {
        Map<String, Spec> m = new LinkedHashMap<>();
        number(m, "truck.corridorM", 20, 1000);
        number(m, "truck.corridorReturn", 0.1, 1);
        duration(m, "truck.deviationAfter", 10, 3600);
        duration(m, "truck.deviationHighAfter", 60, 6 * 3600);
        number(m, "truck.movingKmh", 5, 30);
        duration(m, "truck.quietGap", 60, 2 * 3600);
        number(m, "truck.siteMarginM", 0, 1000);
        number(m, "truck.stopKmh", 0, 5);
        number(m, "truck.stopRadiusM", 5, 500);
        duration(m, "truck.stopMin", 60, 2 * 3600);
        integer(m, "truck.boxLiftedBit", 0, 31);
        duration(m, "truck.signalLostAfter", 60, 3600);
        number(m, "truck.speedLimitKmh", 10, 120);
        duration(m, "truck.overspeedAfter", 0, 1800);
        integer(m, "truck.zonePings", 1, 20);
        duration(m, "truck.forgetAfter", 2 * 3600, 7 * 86400);
        number(m, "truck.fixMaxKmh", 60, 250);
        number(m, "truck.fixMaxAccel", 0.5, 10);
        number(m, "truck.fixSpeedSlackKmh", 5, 100);
        number(m, "truck.fixNoiseM", 5, 500);
        integer(m, "truck.fixConfirm", 2, 20);
        number(m, "truck.driftRadiusM", 0, 200);
        duration(m, "truck.speedWindow", 20, 600);
        duration(m, "noise.window", 60, 3600);
        integer(m, "noise.openWindows", 1, 12);
        integer(m, "noise.closeWindows", 1, 12);
        m.put("noise.nightStart", new Spec(Type.TIME_OF_DAY, 0, 0, null));
        m.put("noise.nightEnd", new Spec(Type.TIME_OF_DAY, 0, 0, null));
        number(m, "noise.burstMarginDb", 0, 60);
        duration(m, "noise.silence", 300, 86400);
        duration(m, "coverage.defaultMaxGap", 300, 86400);
        m.put("coverage.defaultDutyStart", new Spec(Type.TIME_OF_DAY, 0, 0, null));
        m.put("coverage.defaultDutyEnd", new Spec(Type.TIME_OF_DAY, 0, 0, null));
        duration(m, "coverage.visitGap", 30, 2 * 3600);
        duration(m, "coverage.tick", 1, 900);
        duration(m, "coverage.officerRetention", 300, 86400);
        duration(m, "stall.chronicWindow", 86400, 90 * 86400);
        integer(m, "stall.chronicCount", 2, 100);
        number(m, "cases.ladder.blue", 0.05, 10);
        number(m, "cases.ladder.yellow", 0.05, 10);
        number(m, "cases.ladder.orange", 0.05, 10);
        number(m, "cases.ladder.red", 0.05, 10);
        m.put("cases.calendar.periods", new Spec(Type.TEXT, 0, 0, PERIODS));
        m.put("cases.calendar.weekdays", new Spec(Type.TEXT, 0, 0, WEEKDAYS));
        m.put("cases.calendar.holidays", new Spec(Type.TEXT, 0, 0, DATES));
        m.put("cases.calendar.workdays", new Spec(Type.TEXT, 0, 0, DATES));
        integer(m, "cases.repeatThreshold", 2, 100);
        number(m, "cases.radiusMeters", 10, 1000);
        duration(m, "cases.window", 3600, 90 * 86400);
        number(m, "shop.attachMeters", 1, 100);
        number(m, "shop.ambiguityMeters", 0, 20);
        number(m, "shop.hysteresisMeters", 0, 50);
        number(m, "shop.minConfidence", 0, 1);
        duration(m, "shop.goneAfter", 60, 6 * 3600);
        integer(m, "shop.repeatCount", 2, 100);
        duration(m, "shop.repeatWindow", 86400, 90 * 86400);
        KEYS = Collections.unmodifiableMap(m);
    }

    /** Noise class limits in dB(A) and case time limits in working minutes (one year at most). */
    static final Spec NOISE_LIMIT_SPEC = new Spec(Type.NUMBER, 30, 100, null);

    static final Spec CASE_LIMIT_SPEC = new Spec(Type.INTEGER, 1, 366 * 24 * 60, null);

    private RuleCatalog() {}

    private static void number(Map<String, Spec> m, String key, double min, double max) {
        m.put(key, new Spec(Type.NUMBER, min, max, null));
    }

    private static void integer(Map<String, Spec> m, String key, double min, double max) {
        m.put(key, new Spec(Type.INTEGER, min, max, null));
    }

    private static void duration(
            Map<String, Spec> m, String key, long minSeconds, long maxSeconds) {
        m.put(key, new Spec(Type.DURATION, minSeconds, maxSeconds, null));
    }

    /**
     * The fixed keys (the patterns {@code noise.limit.<class>.day|night} and {@code
     * cases.limitMinutes.<category>} aside).
     */
    public static Map<String, Spec> keys() {
        return KEYS;
    }

    /** The spec of {@code key}, or null when no detection reads it. */
    public static Spec spec(String key) {
        Spec s = KEYS.get(key);
        if (s != null) {
            return s;
        }
        if (NOISE_LIMIT.matcher(key).matches()) {
            return NOISE_LIMIT_SPEC;
        }
        return CASE_LIMIT.matcher(key).matches() ? CASE_LIMIT_SPEC : null;
    }

    /** A known key (for a DELETE, which has no value). */
    public static void checkKey(String key) {
        if (spec(key) == null) {
            throw new ReferenceRejected(
                    ReasonCodes.UNKNOWN_RULE,
                    "rule '"
                            + clip(key)
                            + "' is not read by any detection (see README, rule keys)");
        }
    }

    /** Checks one value; returns it as the text {@link Rules} keeps. */
    public static String check(String key, JsonNode value) {
        checkKey(key);
        Spec spec = spec(key);
        if (value == null || value.isNull() || value.isContainerNode()) {
            throw bad(key, spec, "needs a scalar value, e.g. {\"value\": ...}");
        }
        String text = value.asText().trim();
        switch (spec.type()) {
            case NUMBER, INTEGER -> {
                double d;
                try {
                    d = value.isNumber() ? value.asDouble() : Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw bad(key, spec, "got '" + clip(text) + "'");
                }
                if (!Double.isFinite(d)
                        || d < spec.min()
                        || d > spec.max()
                        || spec.type() == Type.INTEGER && d != Math.rint(d)) {
                    throw bad(key, spec, "got " + clip(text));
                }
            }
            case DURATION -> {
                Duration d;
                try {
                    d = DurationText.parse(text);
                } catch (RuntimeException e) {
                    throw bad(key, spec, "got '" + clip(text) + "'");
                }
                if (d.isNegative()
                        || d.getSeconds() < spec.min()
                        || d.compareTo(Duration.ofSeconds((long) spec.max())) > 0) {
                    throw bad(key, spec, "got " + clip(text));
                }
            }
            case TIME_OF_DAY -> {
                try {
                    LocalTime.parse(text.length() == 4 ? "0" + text : text);
                } catch (DateTimeParseException e) {
                    throw bad(key, spec, "got '" + clip(text) + "'");
                }
            }
            case TEXT -> {
                if (text.length() > 8000 || !spec.pattern().matcher(text).matches()) {
                    throw bad(key, spec, "got '" + clip(text) + "'");
                }
            }
        }
        return value.asText();
    }

    private static ReferenceRejected bad(String key, Spec spec, String got) {
        return new ReferenceRejected(
                ReasonCodes.BAD_RULE,
                String.format(Locale.ROOT, "rule '%s' must be %s; %s", key, spec.describe(), got));
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}

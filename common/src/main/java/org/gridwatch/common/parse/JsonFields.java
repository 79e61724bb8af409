package org.gridwatch.common.parse;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.gridwatch.common.model.ReasonCodes.*;

/**
 * Typed, range-checked access to the fields of one JSON object; every failure names field and
 * value.
 */
final class JsonFields {
    /** 2000-01-01T00:00:00Z: nothing GridWatch reads is older; earlier values are unit mistakes. */
    static final long EARLIEST_EVENT_TIME = 946_684_800_000L;

    /**
     * A number sent as a string: decimal notation as in JSON (leading dot, trailing dot and a plus
     * sign tolerated), or NaN / Infinity, which are then refused as out of range.
     * Double.parseDouble alone would also take Java literals such as "12f", "3d" or "0x1p3", which
     * no gateway means.
     */
    private static final Pattern NUMBER_TEXT =
            Pattern.compile("[+-]?(?:NaN|Infinity|(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?)");

    /**
     * Local date-times without an offset, as most meters and platforms export them: {@code
     * 2025-03-21 00:00:30}, {@code 2025-03-21T00:00:30}, {@code 2025/03/21 00:00:30}, each with an
     * optional fraction of a second ({@code .5}, {@code .250}, up to nanoseconds). Seconds are
     * required.
     */
    private static final Pattern LOCAL_TIME =
            Pattern.compile(
                    "(\\d{4})([-/])(\\d{2})\\2(\\d{2})[T ](\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?)");

    private final JsonNode node;

    /** The city's zone: local times without an offset are read in it. */
    private final ZoneId zone;

    JsonFields(JsonNode node, ZoneId zone) {
        this.node = node;
        this.zone = zone;
    }

    boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    String text(String name, int maxLength) throws InvalidInputException {
        String value = optionalText(name, maxLength);
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(MISSING_FIELD, "field '" + name + "' is required");
        }
        return value;
    }

    /**
     * An identifier (entity, device, case, object id): required text without control characters or
     * invisible formatting characters. {@code "T1\u0000"} or {@code "T1\u200B"} would look like
     * {@code T1} on every screen yet be another key to the state, the index and the alert id.
     */
    String id(String name, int maxLength) throws InvalidInputException {
        return checkedId(name, text(name, maxLength));
    }

    /** {@link #id} for an optional field; null when absent. */
    String optionalId(String name, int maxLength) throws InvalidInputException {
        String value = optionalText(name, maxLength);
        return value == null ? null : checkedId(name, value);
    }

    private static String checkedId(String name, String value) throws InvalidInputException {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                throw new InvalidInputException(
                        BAD_ID,
                        String.format(
                                Locale.ROOT,
                                "field '%s' holds the control or invisible character U+%04X at position %d",
                                name,
                                cp,
                                i));
            }
            i += Character.charCount(cp);
        }
        return value;
    }

    String optionalText(String name, int maxLength) throws InvalidInputException {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw new InvalidInputException(
                    WRONG_TYPE, "field '" + name + "' must be a string, got " + v.getNodeType());
        }
        String s = v.asText();
        if (s.length() > maxLength) {
            throw new InvalidInputException(
                    TOO_LARGE,
                    "field '"
                            + name
                            + "' is "
                            + s.length()
                            + " characters, the limit is "
                            + maxLength);
        }
        return s;
    }

    double number(String name, double min, double max) throws InvalidInputException {
        if (!has(name)) {
            throw new InvalidInputException(MISSING_FIELD, "field '" + name + "' is required");
        }
        return checkedNumber(name, min, max);
    }

    Double optionalNumber(String name, double min, double max) throws InvalidInputException {
        return has(name) ? checkedNumber(name, min, max) : null;
    }

    private double checkedNumber(String name, double min, double max) throws InvalidInputException {
        JsonNode v = node.get(name);
        double d;
        if (v.isNumber()) {
            d = v.asDouble();
        } else if (v.isTextual()) {
            // Some terminals' gateways send numbers as strings; accept them, but nothing else.
            String text = v.asText().trim();
            try {
                if (!NUMBER_TEXT.matcher(text).matches()) {
                    throw new NumberFormatException(text);
                }
                d = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(
                        WRONG_TYPE,
                        "field '" + name + "' must be a number, got '" + clip(v.asText()) + "'");
            }
        } else {
            throw new InvalidInputException(
                    WRONG_TYPE, "field '" + name + "' must be a number, got " + v.getNodeType());
        }
        if (!Double.isFinite(d)) {
            throw new InvalidInputException(
                    OUT_OF_RANGE, "field '" + name + "' is not a finite number: " + d);
        }
        if (d < min || d > max) {
            throw new InvalidInputException(
                    OUT_OF_RANGE,
                    "field '" + name + "' = " + d + " is outside [" + min + ", " + max + "]");
        }
        // -0.0 passes the range checks but records compare doubles with Double.compare, so a ping
        // with speed -0.0 would not equal the same ping with 0.0; adding 0.0 turns -0.0 into 0.0.
        return d + 0.0;
    }

    Integer optionalInt(String name, int min, int max) throws InvalidInputException {
        Double d = optionalNumber(name, min, max);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d)) {
            throw new InvalidInputException(
                    WRONG_TYPE, "field '" + name + "' must be a whole number, got " + d);
        }
        return d.intValue();
    }

    Long optionalUnsigned32(String name) throws InvalidInputException {
        Double d = optionalNumber(name, 0, 4_294_967_295d);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d)) {
            throw new InvalidInputException(
                    WRONG_TYPE, "field '" + name + "' must be a whole number, got " + d);
        }
        return d.longValue();
    }

    /**
     * Event time: ISO-8601 text with Z or an offset, epoch milliseconds (a JSON integer), or a
     * local date-time without an offset ({@link #LOCAL_TIME}) read in the city's zone. A local time
     * that occurs twice (the hour repeated when daylight saving time ends) is the earlier instant;
     * one that does not occur (skipped when it begins) is moved forward by the length of the gap
     * ({@link java.time.ZonedDateTime#of}). China keeps no daylight saving time, so neither happens
     * there.
     */
    long time(String name, long latestAllowed) throws InvalidInputException {
        if (!has(name)) {
            throw new InvalidInputException(MISSING_FIELD, "field '" + name + "' is required");
        }
        JsonNode v = node.get(name);
        long ms;
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                // asLong() would silently wrap a too-large integer into some plausible time
                throw new InvalidInputException(
                        OUT_OF_RANGE,
                        "field '" + name + "' = " + clip(v.asText()) + " does not fit epoch ms");
            }
            ms = v.asLong();
        } else if (v.isTextual()) {
            ms = textTime(name, v.asText());
        } else {
            throw new InvalidInputException(
                    WRONG_TYPE, "field '" + name + "' must be a time, got " + v.getNodeType());
        }
        if (ms < EARLIEST_EVENT_TIME) {
            throw new InvalidInputException(
                    OUT_OF_RANGE,
                    "field '"
                            + name
                            + "' = "
                            + Instant.ofEpochMilli(ms)
                            + " is before 2000 (seconds instead of ms?)");
        }
        if (ms > latestAllowed) {
            throw new InvalidInputException(
                    FUTURE_TIME,
                    "field '"
                            + name
                            + "' = "
                            + Instant.ofEpochMilli(ms)
                            + " is too far in the future");
        }
        return ms;
    }

    private long textTime(String name, String text) throws InvalidInputException {
        try {
            java.util.regex.Matcher local = LOCAL_TIME.matcher(text);
            if (local.matches()) {
                LocalDateTime t =
                        LocalDateTime.parse(
                                local.group(1)
                                        + "-"
                                        + local.group(3)
                                        + "-"
                                        + local.group(4)
                                        + "T"
                                        + local.group(5));
                return t.atZone(zone).toInstant().toEpochMilli();
            }
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException e) {
                return OffsetDateTime.parse(text).toInstant().toEpochMilli();
            }
        } catch (ArithmeticException e) {
            throw outsideEpochMs(name, text);
        } catch (DateTimeException e) {
            throw new InvalidInputException(
                    WRONG_TYPE,
                    "field '"
                            + name
                            + "' must be ISO-8601 with a zone (e.g. 2026-11-22T08:00:00Z), a local time such as "
                            + "2026-11-22 16:00:00 (read in "
                            + zone.getId()
                            + ") or epoch ms, got '"
                            + clip(text)
                            + "'");
        }
    }

    /**
     * Years beyond about ±292 million parse as an Instant but do not fit a long of milliseconds.
     */
    private static InvalidInputException outsideEpochMs(String name, String text) {
        return new InvalidInputException(
                OUT_OF_RANGE,
                "field '" + name + "' = '" + clip(text) + "' is outside the range of epoch ms");
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) throws InvalidInputException {
        String s = text(name, 64);
        try {
            return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    BAD_ENUM,
                    "field '"
                            + name
                            + "' = '"
                            + clip(s)
                            + "' is not one of "
                            + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /**
     * {@link #enumValue} for an optional field: null when absent or blank. {@code zh} gives each
     * constant's Chinese term, also accepted ({@code 店外经营}), since duty-phone apps send what the
     * officer picked in the Chinese menu.
     */
    <E extends Enum<E>> E optionalEnum(
            String name, Class<E> type, java.util.function.Function<E, String> zh)
            throws InvalidInputException {
        String s = optionalText(name, 64);
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.trim();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(t) || (zh != null && t.equals(zh.apply(e)))) {
                return e;
            }
        }
        throw new InvalidInputException(
                BAD_ENUM,
                "field '"
                        + name
                        + "' = '"
                        + clip(s)
                        + "' is not one of "
                        + java.util.Arrays.toString(type.getEnumConstants()));
    }

    /**
     * Latitude and longitude in WGS-84; (0, 0) is the usual "no fix" placeholder and is refused.
     */
    double[] latLon() throws InvalidInputException {
        double lat = number("lat", -90, 90);
        double lon = number("lon", -180, 180);
        if (lat == 0 && lon == 0) {
            throw new InvalidInputException(
                    OUT_OF_RANGE, "position (0, 0) is a no-fix placeholder, not a place");
        }
        return new double[] {lat, lon};
    }

    /** A nested object or array, kept as compact JSON text; null when absent. */
    String rawJson(String name) throws InvalidInputException {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isContainerNode()) {
            throw new InvalidInputException(
                    WRONG_TYPE,
                    "field '" + name + "' must be an object or array, got " + v.getNodeType());
        }
        return v.toString();
    }

    static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}

package org.gridwatch.console;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Query parameters of one request, validated against a whitelist. Every value that reaches
 * Elasticsearch goes through one of these checks and then into a query builder as a term, never
 * into query text.
 */
public final class Params {
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} _.\\-]{1,64}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,200}");
    private static final Pattern SHOP_ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,64}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}]");

    private final Map<String, String> values;

    private Params(Map<String, String> values) {
        this.values = values;
    }

    /** Parses a raw query string, refusing repeated and unknown parameters. */
    public static Params parse(String rawQuery, Set<String> allowed) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key;
                String value;
                try {
                    key =
                            URLDecoder.decode(
                                    eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    value =
                            eq < 0
                                    ? ""
                                    : URLDecoder.decode(
                                            pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new BadRequest("malformed query string");
                }
                if (!allowed.contains(key)) {
                    throw new BadRequest(
                            "unknown parameter '"
                                    + shorten(key)
                                    + "'; allowed: "
                                    + String.join(", ", allowed));
                }
                if (values.put(key, value) != null) {
                    throw new BadRequest("parameter '" + key + "' given more than once");
                }
            }
        }
        return new Params(values);
    }

    public String raw(String key) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? null : v;
    }

    /** An enum constant by name (case-insensitive), or null when absent. */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        String v = raw(key);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(
                    "parameter '"
                            + key
                            + "' must be one of "
                            + java.util.Arrays.toString(type.getEnumConstants())
                            + ", got '"
                            + shorten(v)
                            + "'");
        }
    }

    /** One of a fixed set of words, or the default. */
    public String oneOf(String key, Collection<String> choices, String dflt) {
        String v = raw(key);
        if (v == null) {
            return dflt;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (!choices.contains(lower)) {
            throw new BadRequest(
                    "parameter '"
                            + key
                            + "' must be one of "
                            + choices
                            + ", got '"
                            + shorten(v)
                            + "'");
        }
        return lower;
    }

    /**
     * A district, category or similar name: letters (any script), digits, space, _ . - ; at most
     * 64.
     */
    public String name(String key) {
        String v = raw(key);
        if (v != null && !NAME.matcher(v).matches()) {
            throw new BadRequest(
                    "parameter '"
                            + key
                            + "' must be 1-64 letters, digits, spaces, '_', '.' or '-'");
        }
        return v;
    }

    /**
     * Free search text, trimmed: at most {@code max} characters, no control characters; null when
     * absent or blank. It goes into Elasticsearch only as a JSON string value (match, term,
     * prefix).
     */
    public String text(String key, int max) {
        String v = raw(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        v = v.strip();
        if (v.codePointCount(0, v.length()) > max) {
            throw new BadRequest("parameter '" + key + "' must be at most " + max + " characters");
        }
        if (CONTROL.matcher(v).find()) {
            throw new BadRequest("parameter '" + key + "' must not hold control characters");
        }
        return v;
    }

    public int intValue(String key, int min, int max, int dflt) {
        String v = raw(key);
        if (v == null) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new BadRequest(
                    "parameter '"
                            + key
                            + "' must be an integer in "
                            + min
                            + ".."
                            + max
                            + ", got '"
                            + shorten(v)
                            + "'");
        }
    }

    /** Checks an alert id taken from a path. */
    public static String id(String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new BadRequest("alert id must be 1-200 characters of A-Z a-z 0-9 _ . : -");
        }
        return value;
    }

    /** Checks a shop id taken from a path. */
    public static String shopId(String value) {
        if (value == null || !SHOP_ID.matcher(value).matches()) {
            throw new BadRequest("shop id must be 1-64 characters of A-Z a-z 0-9 _ . : -");
        }
        return value;
    }

    public static String checkName(String what, String value) {
        if (value != null && !NAME.matcher(value).matches()) {
            throw new BadRequest(what + " must be 1-64 letters, digits, spaces, '_', '.' or '-'");
        }
        return value;
    }

    private static String shorten(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return t.replaceAll("[^\\p{L}\\p{N} _.:\\-]", "?");
    }
}

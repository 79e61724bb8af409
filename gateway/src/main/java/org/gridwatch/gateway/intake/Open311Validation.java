package org.gridwatch.gateway.intake;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.cases.CategoryTable;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the fields of {@code POST /open311/v2/requests.json} (form-encoded, as GeoReport v2 says,
 * or a JSON object with the same names) into an {@link Open311Input}, or refuses with the field
 * named. What the hotline parser checks again (ranges, text length, control characters) is checked
 * here too, so the citizen hears about it at once rather than the record being dead-lettered later.
 */
public final class Open311Validation {
    static final int MAX_TEXT = 4000;
    static final int MAX_SHORT = 100;
    static final int MAX_URL = 2048;
    private static final Pattern EMAIL =
            Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s.]{1,63}");

    private Open311Validation() {}

    /** Form parameters: each name at most once. */
    public static Map<String, String> single(Map<String, List<String>> params) throws BadRequest {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            if (e.getValue().size() > 1) {
                throw new BadRequest(
                        e.getKey(),
                        e.getKey() + " is given " + e.getValue().size() + " times; give it once");
            }
            out.put(e.getKey(), e.getValue().isEmpty() ? "" : e.getValue().get(0));
        }
        return out;
    }

    /**
     * A JSON object's scalar fields as parameters (numbers as their text); nested values are
     * refused.
     */
    public static Map<String, String> fromJson(JsonNode node) throws BadRequest {
        if (node == null || !node.isObject()) {
            throw new BadRequest(
                    null, "the body must be one JSON object with the request's fields");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (!v.isValueNode()) {
                throw new BadRequest(e.getKey(), e.getKey() + " must be a string or a number");
            }
            out.put(e.getKey(), v.asText());
        }
        return out;
    }

    /** The request, or the first problem found. */
    public static Open311Input validate(Map<String, String> p) throws BadRequest {
        String code = text(p, "service_code", 64);
        if (code == null) {
            throw new BadRequest("service_code", "service_code is required (see services.json)");
        }
        if (CategoryTable.find(code) == null) {
            throw new BadRequest(
                    "service_code",
                    "service_code '" + printable(code) + "' is not a service of services.json");
        }
        Double lat = number(p, "lat", -90, 90);
        Double lon = number(p, "long", -180, 180);
        if ((lat == null) != (lon == null)) {
            String missing = lat == null ? "lat" : "long";
            throw new BadRequest(missing, "lat and long go together: " + missing + " is missing");
        }
        if (lat != null && lat == 0 && lon == 0) {
            throw new BadRequest(
                    "lat", "lat/long 0,0 is the 'no fix' position, not a place in the city");
        }
        String address = freeText(p, "address_string", 500);
        if (lat == null) {
            // The case job locates complaints by coordinates; an address alone would be
            // dead-lettered there.
            throw new BadRequest(
                    "lat",
                    address == null
                            ? "a location is required: lat and long (WGS-84)"
                            : "lat and long are required: this GridWatch does not yet locate address_string alone");
        }
        String description = freeText(p, "description", MAX_TEXT);
        String media = text(p, "media_url", MAX_URL);
        if (media != null) {
            checkUrl(media);
        }
        String email = text(p, "email", 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new BadRequest("email", "email is not an e-mail address");
        }
        Open311Input.Contact contact =
                new Open311Input.Contact(
                        email,
                        text(p, "first_name", MAX_SHORT),
                        text(p, "last_name", MAX_SHORT),
                        text(p, "phone", 32),
                        text(p, "device_id", MAX_SHORT),
                        text(p, "account_id", MAX_SHORT));
        return new Open311Input(code, lat, lon, address, description, media, contact);
    }

    private static String text(Map<String, String> p, String field, int max) throws BadRequest {
        String v = freeText(p, field, max);
        if (v == null) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean lineBreak = c == '\n' || c == '\r' || c == '\t';
            if ((Character.isISOControl(c) && !lineBreak)
                    || Character.getType(c) == Character.FORMAT
                    || Character.isSurrogate(c) && !validPair(v, i)) {
                throw new BadRequest(
                        field, field + " holds a control or invisible character at position " + i);
            }
        }
        return v;
    }

    /**
     * Free text (description, address) is kept as sent, like the hotline's {@code text}; only its
     * length is bounded.
     */
    private static String freeText(Map<String, String> p, String field, int max) throws BadRequest {
        String v = p.get(field);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (v.length() > max) {
            throw new BadRequest(
                    field, field + " is " + v.length() + " characters long; at most " + max);
        }
        return v.strip();
    }

    private static boolean validPair(String v, int i) {
        char c = v.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(v.charAt(i - 1));
    }

    private static Double number(Map<String, String> p, String field, double min, double max)
            throws BadRequest {
        String v = text(p, field, 32);
        if (v == null) {
            return null;
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new BadRequest(field, field + " '" + printable(v) + "' is not a number");
        }
        if (!Double.isFinite(d) || d < min || d > max) {
            throw new BadRequest(
                    field,
                    field + " " + printable(v) + " is outside " + (int) min + ".." + (int) max);
        }
        return d;
    }

    private static void checkUrl(String url) throws BadRequest {
        try {
            URI u = new URI(url);
            if (!("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
                    || u.getHost() == null) {
                throw new BadRequest("media_url", "media_url must be an http(s) URL with a host");
            }
        } catch (URISyntaxException e) {
            throw new BadRequest("media_url", "media_url is not a URL: " + e.getReason());
        }
    }

    /** A value safe to echo in an error: cut short. */
    private static String printable(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }
}

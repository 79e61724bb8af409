package org.gridwatch.common.reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.gridwatch.common.config.Durations;

/**
 * Rule thresholds that operators change at runtime: a {@code RULE} reference update whose id is the
 * rule key (for example {@code truck.corridorMeters}) and whose payload is {@code {"value": ...}} or
 * a bare JSON value, or a group of rules ({@code id "truck", payload {"corridorMeters": 100}}). Detectors read a key with their documented default, so an unset rule is the
 * default and a deleted rule falls back to it.
 */
public final class Rules {
    private final Map<String, String> values = new TreeMap<>();

    void set(String key, JsonNode payload) {
        if (payload == null) {
            values.remove(key);
            return;
        }
        if (payload.isObject() && !payload.has("value")) {
            // A rule group: {"corridorMeters": 100, "minStop": "5m"} under id "truck" sets truck.corridorMeters, truck.minStop.
            payload.fields().forEachRemaining(e -> set(key + "." + e.getKey(), e.getValue()));
            return;
        }
        JsonNode v = payload.isObject() ? payload.get("value") : payload;
        if (v == null || v.isNull() || v.isContainerNode()) {
            throw new IllegalArgumentException("rule '" + key + "' needs a scalar value, e.g. {\"value\": 100}");
        }
        values.put(key, v.asText());
    }

    public double number(String key, double dflt) {
        String v = values.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** A duration such as {@code 5m}, {@code 90s} or {@code PT5M}; the default when unset or unreadable. */
    public Duration duration(String key, Duration dflt) {
        String v = values.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Durations.parse(key, v);
        } catch (IllegalArgumentException e) {
            return dflt;
        }
    }

    public String text(String key, String dflt) {
        return values.getOrDefault(key, dflt);
    }

    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }
}

package org.gridwatch.common.reference;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.model.ReasonCodes;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rule thresholds that operators change at runtime: a {@code RULE} reference update whose id is the
 * rule key (for example {@code truck.corridorMeters}) and whose payload is {@code {"value": ...}}
 * or a bare JSON value, or a group of rules ({@code id "truck", payload {"corridorMeters": 100}}).
 * Detectors read a key with their documented default, so an unset rule is the default and a deleted
 * rule falls back to it.
 */
public final class Rules {
    private final Map<String, String> values = new TreeMap<>();

    /**
     * Parsed numbers and durations, per key (apart: one key may be read both ways): detectors read
     * some rules on every event. Cleared by {@link #set}.
     */
    private final Map<String, Object> parsedNumbers = new HashMap<>();

    private final Map<String, Object> parsedDurations = new HashMap<>();

    /**
     * Sets, replaces or (payload null) removes a rule or a rule group. Every key and value is
     * checked against {@link RuleCatalog} first, and a group is applied only when all its keys
     * pass, so a refused update ({@link ReferenceRejected}) leaves the rules as they were.
     */
    void set(String key, JsonNode payload) {
        parsedNumbers.clear();
        parsedDurations.clear();
        if (payload == null) {
            if (!RuleCatalog.FAMILIES.contains(key)) {
                RuleCatalog.checkKey(key);
            }
            values.remove(key);
            return;
        }
        Map<String, String> checked = new TreeMap<>();
        collect(key, payload, checked, 0);
        values.putAll(checked);
    }

    private static void collect(String key, JsonNode payload, Map<String, String> out, int depth) {
        if (payload.isObject() && !payload.has("value")) {
            // A rule group: {"corridorM": 100, "stopMin": "5m"} under id "truck" sets
            // truck.corridorM, truck.stopMin.
            if (depth > 3 || !payload.fields().hasNext()) {
                throw new ReferenceRejected(
                        ReasonCodes.BAD_RULE,
                        "rule group '" + key + "' is empty or nested too deep");
            }
            payload.fields()
                    .forEachRemaining(
                            e -> collect(key + "." + e.getKey(), e.getValue(), out, depth + 1));
            return;
        }
        JsonNode v = payload.isObject() ? payload.get("value") : payload;
        out.put(key, RuleCatalog.check(key, v));
    }

    public double number(String key, double dflt) {
        Object p =
                parsedNumbers.computeIfAbsent(
                        key,
                        k -> {
                            String v = values.get(k);
                            if (v == null) {
                                return Unset.UNSET;
                            }
                            try {
                                return Double.parseDouble(v);
                            } catch (NumberFormatException e) {
                                return Unset.UNSET;
                            }
                        });
        return p instanceof Double d ? d : dflt;
    }

    /**
     * A duration such as {@code 5m}, {@code 90s} or {@code PT5M}; the default when unset or
     * unreadable.
     */
    public Duration duration(String key, Duration dflt) {
        Object p =
                parsedDurations.computeIfAbsent(
                        key,
                        k -> {
                            String v = values.get(k);
                            if (v == null) {
                                return Unset.UNSET;
                            }
                            try {
                                return DurationText.parse(v);
                            } catch (IllegalArgumentException e) {
                                return Unset.UNSET;
                            }
                        });
        return p instanceof Duration d ? d : dflt;
    }

    /**
     * A key read as unset (absent or unreadable as the type asked): the caller's default applies.
     */
    private enum Unset {
        UNSET
    }

    public String text(String key, String dflt) {
        return values.getOrDefault(key, dflt);
    }

    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }
}

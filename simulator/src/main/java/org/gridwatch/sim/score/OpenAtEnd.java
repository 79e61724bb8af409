package org.gridwatch.sim.score;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alerts whose latest revision is not CLOSED once a bounded run has ended, per type. An episode
 * that stays open after the input ended is either one the truth also leaves open, or one the
 * detector forgot to close (issue 19 found six dumping alerts open to the end of a real recording);
 * dumping episodes always close at the end of input, so their count must be 0.
 */
public final class OpenAtEnd {
    private OpenAtEnd() {}

    /**
     * @param alerts alert documents ({@code alertId}, {@code revision}, {@code type}, {@code
     *     status}), any revisions
     */
    public static Map<String, Integer> count(List<JsonNode> alerts) {
        Map<String, JsonNode> latest = new HashMap<>();
        for (JsonNode a : alerts) {
            latest.merge(
                    a.path("alertId").asText(),
                    a,
                    (x, y) -> y.path("revision").asInt() > x.path("revision").asInt() ? y : x);
        }
        Map<String, Integer> open = new TreeMap<>();
        for (JsonNode a : latest.values()) {
            if (!"CLOSED".equals(a.path("status").asText())) {
                open.merge(a.path("type").asText(), 1, Integer::sum);
            }
        }
        return open;
    }
}

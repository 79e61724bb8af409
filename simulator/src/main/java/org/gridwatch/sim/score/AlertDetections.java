package org.gridwatch.sim.score;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns alert documents (as GridWatch writes them to {@code gridwatch-alerts} and {@code
 * gridwatch.alerts}) into what the scorer matches. Revisions of one alert id collapse into one
 * detection spanning the episode (the latest revision wins); a laddered alert ({@code
 * CASE_OVERDUE}) also yields one detection per level reached, typed {@code TYPE.LEVEL} at the time
 * the level was reached, and no plain detection.
 */
public final class AlertDetections {
    /** Alert types scored per level rather than per episode. */
    public static final List<String> LADDERED = List.of("CASE_OVERDUE");

    private AlertDetections() {}

    public static List<Detection> from(Collection<JsonNode> alertDocuments) {
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        for (JsonNode a : alertDocuments) {
            String id = a.path("alertId").asText();
            JsonNode seen = latest.get(id);
            if (seen == null || a.path("revision").asInt() >= seen.path("revision").asInt()) {
                latest.put(id, a);
            }
        }
        List<Detection> out = new ArrayList<>();
        for (JsonNode a : latest.values()) {
            String type = a.path("type").asText();
            String entity = a.path("entityId").asText();
            String id = a.path("alertId").asText();
            if (LADDERED.contains(type)) {
                a.path("levelTimes")
                        .fields()
                        .forEachRemaining(
                                e -> {
                                    long at = time(e.getValue());
                                    out.add(
                                            new Detection(
                                                    id + "#" + e.getKey(),
                                                    type + "." + e.getKey(),
                                                    entity,
                                                    at,
                                                    at));
                                });
                continue;
            }
            long from = time(a.path("episodeStart"));
            JsonNode end = a.path("episodeEnd");
            long until =
                    end.isMissingNode() || end.isNull() ? time(a.path("eventTime")) : time(end);
            out.add(new Detection(id, type, entity, from, Math.max(from, until)));
        }
        return out;
    }

    private static long time(JsonNode n) {
        return n.isNumber() ? n.asLong() : Instant.parse(n.asText()).toEpochMilli();
    }
}

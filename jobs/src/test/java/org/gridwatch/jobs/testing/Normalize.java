package org.gridwatch.jobs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.Alert;

import java.util.function.UnaryOperator;

/**
 * Output normalisers for {@link RestoreRoundTrip#normalizing}: what may differ between two runs of
 * the same input without being a difference in meaning.
 */
public final class Normalize {
    private Normalize() {}

    /**
     * An Elasticsearch write with its document parsed: key order of a JSON object carries no
     * meaning.
     */
    public record Document(String index, String id, JsonNode document, long version) {}

    /**
     * Documents as JSON trees (a map restored from state may iterate in another order than the one
     * it was built in, and the document text follows it), and alerts without {@code detectedAt}
     * when {@code wallClock} is true (for functions that stamp alerts with {@code
     * System.currentTimeMillis()}).
     */
    public static UnaryOperator<Object> outputs(boolean wallClock) {
        return v -> {
            if (v instanceof EsWriteRequest r) {
                return new Document(r.index(), r.id(), Json.read(r.json()), r.version());
            }
            if (wallClock && v instanceof Alert a) {
                return new Alert(
                        a.alertId(),
                        a.type(),
                        a.status(),
                        a.revision(),
                        a.severity(),
                        a.level(),
                        a.levelTimes(),
                        a.episodeStart(),
                        a.episodeEnd(),
                        a.eventTime(),
                        0,
                        a.entityType(),
                        a.entityId(),
                        a.gridCode(),
                        a.district(),
                        a.lat(),
                        a.lon(),
                        a.messageZh(),
                        a.messageEn(),
                        a.attributes(),
                        a.evidence());
            }
            return v;
        };
    }
}

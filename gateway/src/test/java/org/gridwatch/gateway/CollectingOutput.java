package org.gridwatch.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.gateway.publish.GatewayOutput;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the gateway publishes, for assertions. */
public final class CollectingOutput implements GatewayOutput {
    public record Position(String key, JsonNode value, byte[] bytes, long eventTime) {}

    public final List<Position> positions = new CopyOnWriteArrayList<>();
    public final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private final GatewayMetrics metrics;

    /** When set, every position is reported as not stored (Kafka down). */
    public volatile boolean failing;

    public CollectingOutput(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void position(String key, byte[] value, long eventTime, long decodedAtNanos, Done done) {
        positions.add(
                new Position(
                        key,
                        Json.read(new String(value, java.nio.charset.StandardCharsets.UTF_8)),
                        value,
                        eventTime));
        if (failing) {
            done.stored(false);
            return;
        }
        metrics.published(System.nanoTime() - decodedAtNanos);
        done.stored(true);
    }

    @Override
    public void deadLetter(DeadLetter deadLetter) {
        deadLetters.add(deadLetter);
    }

    public List<String> reasons() {
        return deadLetters.stream().map(DeadLetter::reasonCode).toList();
    }
}

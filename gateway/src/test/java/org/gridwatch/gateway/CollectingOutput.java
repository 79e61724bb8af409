package org.gridwatch.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.gateway.publish.GatewayOutput;

/** Keeps what the gateway publishes, for assertions. */
public final class CollectingOutput implements GatewayOutput {
    public record Position(String key, JsonNode value, byte[] bytes, long eventTime) {}

    public final List<Position> positions = new CopyOnWriteArrayList<>();
    public final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private final GatewayMetrics metrics;

    public CollectingOutput(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void position(String key, byte[] value, long eventTime, long decodedAtNanos) {
        positions.add(new Position(key, Json.read(new String(value, java.nio.charset.StandardCharsets.UTF_8)), value, eventTime));
        metrics.published(System.nanoTime() - decodedAtNanos);
    }

    @Override
    public void deadLetter(DeadLetter deadLetter) {
        deadLetters.add(deadLetter);
    }

    public List<String> reasons() {
        return deadLetters.stream().map(DeadLetter::reasonCode).toList();
    }
}

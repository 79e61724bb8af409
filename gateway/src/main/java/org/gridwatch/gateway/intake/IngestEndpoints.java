package org.gridwatch.gateway.intake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.RawRecord;
import org.gridwatch.common.parse.DeadLetters;
import org.gridwatch.common.parse.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /ingest/hotline} and {@code /ingest/iot}: a batch of GridWatch records, each judged
 * by the jobs' parser. Accepted records go to the topic, rejected ones to the dead-letter topic in
 * the jobs' format (source topic = the topic they were meant for, partition and offset -1). The
 * answer lists every record's fate and comes once Kafka has acknowledged all of them: 200, or 503
 * when Kafka did not take some (those are {@code failed}; resend them).
 */
final class IngestEndpoints {
    private final IntakePublisher publisher;
    private final IntakeMetrics metrics;

    IngestEndpoints(IntakePublisher publisher, IntakeMetrics metrics) {
        this.publisher = publisher;
        this.metrics = metrics;
    }

    CompletableFuture<Answer> ingest(IngestTopic topic, String contentType, byte[] body) {
        List<BatchSplitter.Item> items;
        try {
            items = BatchSplitter.split(body, contentType);
        } catch (BadRequest e) {
            return CompletableFuture.completedFuture(
                    Answer.ingestError(e.status(), e.getMessage(), e.field()));
        }
        if (items.isEmpty()) {
            return CompletableFuture.completedFuture(
                    Answer.ingestError(400, "the batch holds no record", null));
        }
        long now = System.currentTimeMillis();
        List<CompletableFuture<ObjectNode>> results = new ArrayList<>();
        for (BatchSplitter.Item item : items) {
            results.add(one(topic, item, now));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(
                        x -> {
                            ObjectNode answer = Json.MAPPER.createObjectNode();
                            answer.put("topic", topic.topic());
                            ArrayNode list = Json.MAPPER.createArrayNode();
                            int accepted = 0;
                            int rejected = 0;
                            int failed = 0;
                            for (CompletableFuture<ObjectNode> f : results) {
                                ObjectNode r = f.join();
                                switch (r.get("status").asText()) {
                                    case "accepted" -> accepted++;
                                    case "rejected" -> rejected++;
                                    default -> failed++;
                                }
                                list.add(r);
                            }
                            answer.put("accepted", accepted);
                            answer.put("rejected", rejected);
                            answer.put("failed", failed);
                            answer.set("records", list);
                            return Answer.json(failed > 0 ? 503 : 200, answer);
                        });
    }

    private CompletableFuture<ObjectNode> one(
            IngestTopic topic, BatchSplitter.Item item, long now) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("record", item.number());
        try {
            String key = topic.keyOf(item.bytes());
            r.put("key", key);
            return publisher
                    .send(topic.topic(), key, item.bytes())
                    .handle(
                            (ok, failure) -> {
                                String outcome = failure == null ? "accepted" : "failed";
                                r.put("status", outcome);
                                if (failure != null) {
                                    r.put(
                                            "reason",
                                            "Kafka did not take it: " + failure.getMessage());
                                }
                                metrics.record(topic.topic(), outcome, null);
                                return r;
                            });
        } catch (InvalidInputException e) {
            r.put("status", "rejected");
            r.put("reasonCode", e.reasonCode());
            r.put("reason", e.getMessage());
            metrics.record(topic.topic(), "rejected", e.reasonCode());
            RawRecord raw = new RawRecord(topic.topic(), -1, -1L, now, null, item.bytes());
            DeadLetter dl =
                    DeadLetters.of(
                            raw,
                            e.reasonCode(),
                            e.getMessage()
                                    + " (via intake "
                                    + topic.path()
                                    + ", record "
                                    + item.number()
                                    + ")",
                            now);
            return publisher
                    .deadLetter(dl)
                    .handle(
                            (ok, failure) -> {
                                r.put("deadLettered", failure == null);
                                return r;
                            });
        }
    }
}

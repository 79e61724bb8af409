package org.gridwatch.sim.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.json.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code truth.ndjson}: one injected violation a line, {@code
 * {"type":"TRUCK_OVERSPEED","entityId":"T0001","from":"2026-...Z","until":"2026-...Z","note":"..."}}.
 */
public final class TruthFiles {
    private TruthFiles() {}

    public static void write(List<TruthRecord> truth, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (TruthRecord t : truth) {
                ObjectNode n = Json.MAPPER.createObjectNode();
                n.put("type", t.type());
                n.put("entityId", t.entityId());
                n.put("from", Json.iso(t.from()));
                n.put("until", Json.iso(t.until()));
                n.put("note", t.note());
                if (t.optional()) {
                    n.put("optional", true);
                }
                w.write(n.toString());
                w.write('\n');
            }
        }
    }

    public static List<TruthRecord> read(Path file) throws IOException {
        List<TruthRecord> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode n = Json.read(line);
                out.add(
                        new TruthRecord(
                                required(n, "type"),
                                required(n, "entityId"),
                                Instant.parse(required(n, "from")).toEpochMilli(),
                                Instant.parse(required(n, "until")).toEpochMilli(),
                                n.path("note").asText(""),
                                n.path("optional").asBoolean(false)));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        file + " line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static String required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("missing text field '" + field + "'");
        }
        return v.asText();
    }
}

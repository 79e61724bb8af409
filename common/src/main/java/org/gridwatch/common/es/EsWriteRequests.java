package org.gridwatch.common.es;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.json.Json;

import java.nio.charset.StandardCharsets;

/**
 * Elasticsearch writes as records of the {@code gridwatch.documents} topic: key {@code index/id}
 * (so compaction keeps the latest write of each document and one document's writes stay in order on
 * one partition), value {@code {"index","id","version","source"}} with the document as text. Read
 * back by {@link org.gridwatch.common.parse.DocumentWriteParser}.
 */
public final class EsWriteRequests {
    private EsWriteRequests() {}

    public static byte[] key(EsWriteRequest r) {
        return (r.index() + "/" + r.id()).getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] value(EsWriteRequest r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("index", r.index());
        n.put("id", r.id());
        n.put("version", r.version());
        n.put("source", r.json());
        return Json.bytes(n);
    }
}

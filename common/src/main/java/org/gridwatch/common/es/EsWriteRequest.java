package org.gridwatch.common.es;

import java.io.Serializable;

/**
 * One document to index. The id is deterministic (entity id, alert id, aggregate key), so a replay
 * overwrites instead of duplicating. With {@code version >= 0} the write uses external versioning:
 * Elasticsearch keeps the document with the highest version, so a late or replayed older update can
 * never overwrite a newer one (its 409 conflict counts as success).
 *
 * @param index target index
 * @param id document id
 * @param json the document source
 * @param version external version (event time, revision), or -1 for a plain overwrite
 */
public record EsWriteRequest(String index, String id, String json, long version)
        implements Serializable {
    public static final long NO_VERSION = -1;
}

package org.gridwatch.common.flink.es;

import org.apache.flink.connector.base.sink.writer.ElementConverter;

import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.json.Documents;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.Position;

/** How each output becomes an Elasticsearch document: index, deterministic id, and version. */
public final class EsDocuments {
    public static final String POSITIONS = "gridwatch-positions";
    public static final String ALERTS = "gridwatch-alerts";

    private EsDocuments() {}

    /**
     * One document per entity; the event time is the version, so the newest position always wins.
     */
    public static ElementConverter<Position, EsWriteRequest> positions() {
        return (p, ctx) ->
                new EsWriteRequest(
                        POSITIONS, p.entityId(), Documents.position(p).toString(), p.eventTime());
    }

    /**
     * One document per alert episode; the revision is the version, so updates never go backwards.
     */
    public static ElementConverter<Alert, EsWriteRequest> alerts() {
        return (a, ctx) ->
                new EsWriteRequest(
                        ALERTS, a.alertId(), Documents.alert(a).toString(), a.revision());
    }

    /** Aggregates and other documents that detectors already shaped as write requests. */
    public static ElementConverter<EsWriteRequest, EsWriteRequest> requests() {
        return (r, ctx) -> r;
    }
}

package org.gridwatch.jobs.wiring;

import org.apache.flink.api.common.typeinfo.TypeInformation;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.flink.es.EsDocuments;
import org.gridwatch.common.flink.kafka.KafkaIO;

/**
 * The real outputs, all to Kafka: alerts to {@code gridwatch.alerts} (what enforcement teams
 * receive), every Elasticsearch document (positions, alert documents, aggregates) to {@code
 * gridwatch.documents}, unusable input to {@code gridwatch.deadletter}. The {@link
 * org.gridwatch.jobs.indexer.IndexerJob} takes the documents into Elasticsearch.
 *
 * <p>Why not write Elasticsearch from here: a sink that waits for Elasticsearch back-pressures the
 * operators that feed it, and those are the detections. An outage then stopped the teams' alert
 * feed too. Kafka is the system the detections already depend on; Elasticsearch is a view that
 * catches up.
 */
public final class ProductionOutputs {
    private ProductionOutputs() {}

    public static Outputs create(JobSettings settings, String jobName) {
        TypeInformation<EsWriteRequest> writes = TypeInformation.of(EsWriteRequest.class);
        return new Outputs(
                positions ->
                        positions
                                .map(p -> EsDocuments.positions().apply(p, null), writes)
                                .uid("positions-to-documents")
                                .name("Position documents")
                                .sinkTo(KafkaIO.documentSink(settings))
                                .uid("sink-positions-documents")
                                .name("Kafka gridwatch.documents (positions)"),
                alerts -> {
                    alerts.sinkTo(KafkaIO.alertSink(settings, jobName + "-alerts"))
                            .uid("sink-alerts-kafka")
                            .name("Kafka gridwatch.alerts");
                    alerts.map(a -> EsDocuments.alerts().apply(a, null), writes)
                            .uid("alerts-to-documents")
                            .name("Alert documents")
                            .sinkTo(KafkaIO.documentSink(settings))
                            .uid("sink-alerts-documents")
                            .name("Kafka gridwatch.documents (alerts)");
                },
                documents ->
                        documents
                                .sinkTo(KafkaIO.documentSink(settings))
                                .uid("sink-documents-kafka")
                                .name("Kafka gridwatch.documents (aggregates)"),
                dead ->
                        dead.sinkTo(KafkaIO.deadLetterSink(settings))
                                .uid("sink-deadletter-kafka")
                                .name("Kafka gridwatch.deadletter"));
    }
}

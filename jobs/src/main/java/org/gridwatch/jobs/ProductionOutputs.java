package org.gridwatch.jobs;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.es.EsConnection;
import org.gridwatch.common.es.EsDocuments;
import org.gridwatch.common.es.EsIndexTemplates;
import org.gridwatch.common.es.EsSink;
import org.gridwatch.common.kafka.KafkaIO;

/** The real outputs: Elasticsearch indices and the Kafka alert and dead-letter topics. */
public final class ProductionOutputs {
    private ProductionOutputs() {}

    /** Also installs the index templates, so the first document already gets the right mapping. */
    public static Outputs create(JobSettings settings, String jobName) {
        EsIndexTemplates.install(new EsConnection(settings.esUrls()));
        return new Outputs(
                positions -> positions.sinkTo(EsSink.forJob(settings, EsDocuments.positions()))
                        .uid("sink-positions-es").name("Elasticsearch gridwatch-positions"),
                alerts -> {
                    alerts.sinkTo(EsSink.forJob(settings, EsDocuments.alerts())).uid("sink-alerts-es").name("Elasticsearch gridwatch-alerts");
                    alerts.sinkTo(KafkaIO.alertSink(settings, jobName + "-alerts")).uid("sink-alerts-kafka").name("Kafka gridwatch.alerts");
                },
                documents -> documents.sinkTo(EsSink.forJob(settings, EsDocuments.requests()))
                        .uid("sink-documents-es").name("Elasticsearch aggregates"),
                dead -> dead.sinkTo(KafkaIO.deadLetterSink(settings)).uid("sink-deadletter-kafka").name("Kafka gridwatch.deadletter"));
    }
}

package org.gridwatch.jobs;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.KafkaIO;

/** The real outputs: Elasticsearch indices and the Kafka alert and dead-letter topics. */
public final class ProductionOutputs {
    private ProductionOutputs() {}

    public static Outputs create(JobSettings settings, String jobName) {
        return new Outputs(
                positions -> {
                    throw new UnsupportedOperationException("Elasticsearch sink pending");
                },
                alerts -> alerts.sinkTo(KafkaIO.alertSink(settings, jobName + "-alerts")).uid("sink-alerts-kafka").name("Kafka gridwatch.alerts"),
                dead -> dead.sinkTo(KafkaIO.deadLetterSink(settings)).uid("sink-deadletter-kafka").name("Kafka gridwatch.deadletter"));
    }
}

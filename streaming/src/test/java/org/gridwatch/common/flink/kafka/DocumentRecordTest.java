package org.gridwatch.common.flink.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.kafka.Topics;
import org.junit.jupiter.api.Test;

/**
 * A document written at the end of a bounded input (a timer at the final watermark, hours ahead of the
 * broker's clock) once failed the job: a Kafka 4 broker refuses records more than an hour in the future.
 */
class DocumentRecordTest {
    @Test
    void aDocumentRecordCarriesNoElementTimestampSoTheBrokerStampsIt() {
        ProducerRecord<byte[], byte[]> r = KafkaIO.documentRecord(new EsWriteRequest("gridwatch-alerts", "a1", "{}", 3));
        assertThat(r.topic()).isEqualTo(Topics.DOCUMENTS);
        assertThat(r.timestamp()).as("left to the producer: the time of writing").isNull();
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("gridwatch-alerts/a1");
    }
}

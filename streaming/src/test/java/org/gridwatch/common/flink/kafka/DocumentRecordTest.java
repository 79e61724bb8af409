package org.gridwatch.common.flink.kafka;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.Severity;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document written at the end of a bounded input (a timer at the final watermark, hours ahead of
 * the broker's clock) once failed the job: a Kafka 4 broker refuses records more than an hour in
 * the future.
 */
class DocumentRecordTest {
    @Test
    void aDocumentRecordCarriesNoElementTimestampSoTheBrokerStampsIt() {
        ProducerRecord<byte[], byte[]> r =
                KafkaIO.documentRecord(new EsWriteRequest("gridwatch-alerts", "a1", "{}", 3));
        assertThat(r.topic()).isEqualTo(Topics.DOCUMENTS);
        assertThat(r.timestamp()).as("left to the producer: the time of writing").isNull();
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("gridwatch-alerts/a1");
    }

    @Test
    void anAlertRecordIsStampedWithItsEventTimeButNeverAheadOfNow() {
        long now = 1_800_000_000_000L;
        Alert past = alert(now - 60_000);
        Alert ahead = alert(now + 6 * 3_600_000L);
        assertThat(KafkaIO.alertRecord(past, now).timestamp()).isEqualTo(now - 60_000);
        assertThat(KafkaIO.alertRecord(ahead, now).timestamp())
                .as("a broker refuses records over an hour ahead")
                .isEqualTo(now);
        assertThat(KafkaIO.alertRecord(ahead, now).topic()).isEqualTo(Topics.ALERTS);
        assertThat(new String(KafkaIO.alertRecord(ahead, now).key(), StandardCharsets.UTF_8))
                .isEqualTo(ahead.alertId());
    }

    private static Alert alert(long eventTime) {
        return new Alert(
                "TRUCK_SIGNAL_LOST:t1:1",
                AlertType.TRUCK_SIGNAL_LOST,
                AlertStatus.OPEN,
                0,
                Severity.MEDIUM,
                null,
                Map.of(),
                eventTime,
                0,
                eventTime,
                eventTime,
                "TRUCK",
                "t1",
                null,
                null,
                Double.NaN,
                Double.NaN,
                "失联",
                "Signal lost",
                Map.of(),
                List.of());
    }
}

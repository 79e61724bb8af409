package org.gridwatch.common.kafka;

import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Properties;

/**
 * Settings of a producer whose acknowledged records must not be lost or doubled: the JT/T 808
 * gateway's and the HTTP intake's, which answer a device or a client only after Kafka took the
 * record.
 */
public final class ReliableProducer {
    private ReliableProducer() {}

    /**
     * Idempotent with acks=all (an acknowledged record is on every in-sync replica and a retried
     * send is not written twice), lz4, a 5 ms linger; the caller adds its own timeouts, then the
     * {@code --kafka-properties} file's settings over all of these.
     */
    public static Properties properties(String bootstrapServers, String clientId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }
}

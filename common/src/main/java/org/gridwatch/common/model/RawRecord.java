package org.gridwatch.common.model;

/**
 * A Kafka record as it arrived, before parsing, so that a parse failure can keep the original bytes
 * and coordinates for the dead letter.
 */
public record RawRecord(
        String topic, int partition, long offset, long kafkaTimestamp, byte[] key, byte[] value) {}

package org.gridwatch.common.flink.es;

import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.es.DeadLetterPublisher;
import org.gridwatch.common.es.EsConnection;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.kafka.KafkaDeadLetterPublisher;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * Elasticsearch sink on flink-connector-base's async sink (there is no Elasticsearch connector for
 * Flink 2.x). Batches by count, bytes and time; deterministic ids and external versions make
 * at-least-once delivery idempotent; buffered documents are part of the checkpoint.
 */
public final class EsSink<T> extends AsyncSinkBase<T, EsWriteRequest> {
    private static final long serialVersionUID = 1L;

    /** Batching limits; defaults suit a single small node. */
    public record Limits(
            int maxBatchSize,
            int maxInFlight,
            int maxBuffered,
            long maxBatchBytes,
            long maxTimeInBufferMs,
            long maxRecordBytes)
            implements java.io.Serializable {
        public static final Limits DEFAULTS = new Limits(1000, 4, 10_000, 5L << 20, 1000, 1L << 20);
    }

    private final EsConnection connection;
    private final DeadLetterPublisher deadLetters;

    public EsSink(
            ElementConverter<T, EsWriteRequest> converter,
            EsConnection connection,
            DeadLetterPublisher deadLetters,
            Limits limits) {
        super(
                converter,
                limits.maxBatchSize(),
                limits.maxInFlight(),
                limits.maxBuffered(),
                limits.maxBatchBytes(),
                limits.maxTimeInBufferMs(),
                limits.maxRecordBytes());
        this.connection = connection;
        this.deadLetters = deadLetters;
    }

    /** A sink to the job's Elasticsearch that dead-letters rejected documents to Kafka. */
    public static <T> EsSink<T> forJob(
            JobSettings settings, ElementConverter<T, EsWriteRequest> converter) {
        return new EsSink<>(
                converter,
                new EsConnection(settings.esUrls()),
                new KafkaDeadLetterPublisher(
                        settings.kafkaBootstrap(),
                        settings.kafkaClient(),
                        org.gridwatch.common.kafka.Topics.DEAD_LETTER),
                Limits.DEFAULTS);
    }

    private AsyncSinkWriterConfiguration configuration() {
        return AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(getMaxBatchSize())
                .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                .setMaxInFlightRequests(getMaxInFlightRequests())
                .setMaxBufferedRequests(getMaxBufferedRequests())
                .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                .build();
    }

    @Override
    public StatefulSinkWriter<T, BufferedRequestState<EsWriteRequest>> createWriter(
            WriterInitContext context) {
        return new EsSinkWriter<>(
                getElementConverter(),
                context,
                configuration(),
                List.of(),
                connection,
                deadLetters);
    }

    @Override
    public StatefulSinkWriter<T, BufferedRequestState<EsWriteRequest>> restoreWriter(
            WriterInitContext context, Collection<BufferedRequestState<EsWriteRequest>> state) {
        return new EsSinkWriter<>(
                getElementConverter(), context, configuration(), state, connection, deadLetters);
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<EsWriteRequest>>
            getWriterStateSerializer() {
        return new StateSerializer();
    }

    /**
     * Buffered requests in checkpoints: index, id, version, then the document as length-prefixed
     * UTF-8.
     */
    static final class StateSerializer extends AsyncSinkWriterStateSerializer<EsWriteRequest> {
        @Override
        protected void serializeRequestToStream(EsWriteRequest r, DataOutputStream out)
                throws IOException {
            out.writeUTF(r.index());
            out.writeUTF(r.id());
            out.writeLong(r.version());
            byte[] json = r.json().getBytes(StandardCharsets.UTF_8);
            out.writeInt(json.length);
            out.write(json);
        }

        @Override
        protected EsWriteRequest deserializeRequestFromStream(long requestSize, DataInputStream in)
                throws IOException {
            String index = in.readUTF();
            String id = in.readUTF();
            long version = in.readLong();
            byte[] json = new byte[in.readInt()];
            in.readFully(json);
            return new EsWriteRequest(index, id, new String(json, StandardCharsets.UTF_8), version);
        }

        @Override
        public int getVersion() {
            return 1;
        }
    }
}

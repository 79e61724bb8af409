package org.gridwatch.common.flink.es;

import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.metrics.Counter;

import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.bulk.BulkItemResponse;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.index.VersionType;
import org.elasticsearch.xcontent.XContentType;
import org.gridwatch.common.es.DeadLetterPublisher;
import org.gridwatch.common.es.EsConnection;
import org.gridwatch.common.es.EsFailures;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.ReasonCodes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes batches with the bulk API. Retriable failures (connection loss, 429, 5xx) are retried with
 * exponential back-off without blocking the task thread; permanently rejected documents go to the
 * dead-letter publisher; everything buffered is flushed on checkpoints by {@link AsyncSinkWriter}.
 * Metrics: {@code esDocumentsWritten}, {@code esItemsRetried}, {@code esItemsRejected}.
 */
final class EsSinkWriter<T> extends AsyncSinkWriter<T, EsWriteRequest> {
    private final RestHighLevelClient client;
    private final DeadLetterPublisher deadLetters;
    private final ScheduledExecutorService retries;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final Counter written;
    private final Counter retried;
    private final Counter rejected;

    EsSinkWriter(
            ElementConverter<T, EsWriteRequest> converter,
            WriterInitContext context,
            AsyncSinkWriterConfiguration config,
            Collection<BufferedRequestState<EsWriteRequest>> state,
            EsConnection connection,
            DeadLetterPublisher deadLetters) {
        super(converter, context, config, state);
        this.client = connection.highLevelClient();
        this.deadLetters = deadLetters;
        this.deadLetters.open();
        this.retries =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "es-sink-retry");
                            t.setDaemon(true);
                            return t;
                        });
        this.written = context.metricGroup().counter("esDocumentsWritten");
        this.retried = context.metricGroup().counter("esItemsRetried");
        this.rejected = context.metricGroup().counter("esItemsRejected");
    }

    @Override
    protected void submitRequestEntries(
            List<EsWriteRequest> entries, ResultHandler<EsWriteRequest> result) {
        BulkRequest bulk = new BulkRequest();
        for (EsWriteRequest e : entries) {
            IndexRequest r =
                    new IndexRequest(e.index()).id(e.id()).source(e.json(), XContentType.JSON);
            if (e.version() >= 0) {
                r.version(e.version()).versionType(VersionType.EXTERNAL);
            }
            bulk.add(r);
        }
        client.bulkAsync(
                bulk,
                RequestOptions.DEFAULT,
                new ActionListener<>() {
                    @Override
                    public void onResponse(BulkResponse response) {
                        handle(entries, response, result);
                    }

                    @Override
                    public void onFailure(Exception e) {
                        retryLater(entries, result);
                    }
                });
    }

    private void handle(
            List<EsWriteRequest> entries,
            BulkResponse response,
            ResultHandler<EsWriteRequest> result) {
        List<EsWriteRequest> retry = new ArrayList<>();
        BulkItemResponse[] items = response.getItems();
        for (int i = 0; i < items.length; i++) {
            EsWriteRequest entry = entries.get(i);
            if (!items[i].isFailed()) {
                written.inc();
                continue;
            }
            BulkItemResponse.Failure f = items[i].getFailure();
            switch (EsFailures.classify(f.getStatus().getStatus(), entry.version() >= 0)) {
                case ALREADY_NEWER -> written.inc();
                case RETRY -> retry.add(entry);
                case REJECT -> {
                    rejected.inc();
                    deadLetters.publish(
                            new DeadLetter(
                                    ReasonCodes.ES_REJECTED,
                                    "Elasticsearch rejected the document ("
                                            + f.getStatus().getStatus()
                                            + "): "
                                            + f.getMessage(),
                                    entry.index(),
                                    -1,
                                    -1,
                                    entry.id(),
                                    entry.json(),
                                    "utf8",
                                    System.currentTimeMillis()));
                }
            }
        }
        if (retry.isEmpty()) {
            consecutiveFailures.set(0);
            result.complete();
        } else {
            retryLater(retry, result);
        }
    }

    private void retryLater(List<EsWriteRequest> entries, ResultHandler<EsWriteRequest> result) {
        retried.inc(entries.size());
        long delay = EsFailures.backoffMs(consecutiveFailures.getAndIncrement());
        retries.schedule(() -> result.retryForEntries(entries), delay, TimeUnit.MILLISECONDS);
    }

    @Override
    protected long getSizeInBytes(EsWriteRequest e) {
        // UTF-8 bytes, not characters: a Chinese alert message is three bytes a character, and
        // batch limits counted in characters let batches run up to three times over.
        return utf8Length(e.json()) + utf8Length(e.id()) + utf8Length(e.index()) + 16L;
    }

    static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    @Override
    public void close() {
        super.close();
        retries.shutdownNow();
        try {
            client.close();
        } catch (IOException e) {
            // The writer is going away; a failed close of an idle HTTP client loses nothing.
        }
        deadLetters.close();
    }
}

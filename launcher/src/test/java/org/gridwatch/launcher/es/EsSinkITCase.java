package org.gridwatch.launcher.es;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.gridwatch.common.es.DeadLetterPublisher;
import org.gridwatch.common.es.EsConnection;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.flink.es.EsSink;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.launcher.testing.ElasticsearchExtension;
import org.gridwatch.launcher.testing.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The Elasticsearch sink against a real Elasticsearch. */
@ExtendWith(ElasticsearchExtension.class)
class EsSinkITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    /** A document to write: id, external version (or -1), and a date field. */
    public record Doc(String index, String id, long version, String when) {}

    static final Queue<DeadLetter> DEAD = new ConcurrentLinkedQueue<>();

    /** Collects rejected documents in memory (the mini cluster runs in this JVM). */
    static final class CollectingPublisher implements DeadLetterPublisher {
        @Override
        public void open() {}

        @Override
        public void publish(DeadLetter d) {
            DEAD.add(d);
        }

        @Override
        public void close() {}
    }

    private static RestClient es;
    private String index;

    @BeforeAll
    static void client() {
        es = new EsConnection(List.of(ElasticsearchExtension.url())).lowLevelClient();
    }

    @AfterAll
    static void closeClient() throws IOException {
        es.close();
    }

    @BeforeEach
    void freshIndex() throws IOException {
        DEAD.clear();
        index = "sink-test-" + UUID.randomUUID();
        Request create = new Request("PUT", "/" + index);
        create.setJsonEntity(
                "{\"mappings\":{\"properties\":{\"when\":{\"type\":\"date\"},\"v\":{\"type\":\"long\"}}}}");
        es.performRequest(create);
    }

    private static EsWriteRequest toRequest(Doc d) {
        return new EsWriteRequest(
                d.index(),
                d.id(),
                "{\"when\":\"" + d.when() + "\",\"v\":" + d.version() + "}",
                d.version());
    }

    private void write(String url, List<Doc> docs, double perSecond) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Doc[] array = docs.toArray(Doc[]::new);
        DataGeneratorSource<Doc> source =
                new DataGeneratorSource<>(
                        new org.apache.flink.connector.datagen.functions
                                .FromElementsGeneratorFunction<>(
                                TypeInformation.of(Doc.class), array),
                        array.length,
                        perSecond > 0
                                ? RateLimiterStrategy.perSecond(perSecond)
                                : RateLimiterStrategy.noOp(),
                        TypeInformation.of(Doc.class));
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "docs")
                .sinkTo(
                        new EsSink<Doc>(
                                (d, ctx) -> toRequest(d),
                                new EsConnection(List.of(url)),
                                new CollectingPublisher(),
                                new EsSink.Limits(50, 2, 1000, 1L << 20, 200, 1L << 20)));
        env.execute("es-sink-test");
    }

    private long count() throws IOException {
        es.performRequest(new Request("POST", "/" + index + "/_refresh"));
        return Json.MAPPER
                .readTree(
                        es.performRequest(new Request("GET", "/" + index + "/_count"))
                                .getEntity()
                                .getContent())
                .path("count")
                .asLong();
    }

    private JsonNode get(String id) throws IOException {
        return Json.MAPPER.readTree(
                es.performRequest(new Request("GET", "/" + index + "/_doc/" + id))
                        .getEntity()
                        .getContent());
    }

    private List<Doc> docs(int n, long version) {
        return LongStream.range(0, n)
                .mapToObj(i -> new Doc(index, "doc-" + i, version, "2026-11-22T01:00:00Z"))
                .toList();
    }

    @Test
    void shouldWriteInBulkAndOverwriteByDeterministicId() throws Exception {
        write(ElasticsearchExtension.url(), docs(500, 1), 0);
        assertThat(count()).isEqualTo(500);
        write(ElasticsearchExtension.url(), docs(500, 2), 0);
        assertThat(count()).isEqualTo(500);
        assertThat(get("doc-7").path("_source").path("v").asLong()).isEqualTo(2);
        assertThat(DEAD).isEmpty();
    }

    @Test
    void anOlderVersionShouldNeverOverwriteANewerOne() throws Exception {
        write(
                ElasticsearchExtension.url(),
                List.of(new Doc(index, "truck-1", 2000, "2026-11-22T01:00:02Z")),
                0);
        write(
                ElasticsearchExtension.url(),
                List.of(new Doc(index, "truck-1", 1000, "2026-11-22T01:00:01Z")),
                0);
        assertThat(get("truck-1").path("_source").path("v").asLong()).isEqualTo(2000);
        assertThat(DEAD).as("a stale write is not an error").isEmpty();
    }

    @Test
    void aRejectedDocumentShouldGoToTheDeadLetterWhileTheOthersAreWritten() throws Exception {
        List<Doc> docs = new java.util.ArrayList<>(docs(20, -1));
        docs.add(new Doc(index, "bad", -1, "not-a-date"));
        write(ElasticsearchExtension.url(), docs, 0);
        assertThat(count()).isEqualTo(20);
        assertThat(DEAD).hasSize(1);
        DeadLetter d = DEAD.peek();
        assertThat(d.reasonCode()).isEqualTo("es_rejected");
        assertThat(d.reason()).contains("400");
        assertThat(d.sourceTopic()).isEqualTo(index);
        assertThat(d.key()).isEqualTo("bad");
        assertThat(d.original()).contains("not-a-date");
    }

    @Test
    void shouldRetryUntilElasticsearchIsBackAndLoseNothing() throws Exception {
        int esPort = java.net.URI.create(ElasticsearchExtension.url()).getPort();
        try (TcpProxy proxy = new TcpProxy(esPort)) {
            Thread outage =
                    new Thread(
                            () -> {
                                try {
                                    Thread.sleep(1000);
                                    proxy.cut();
                                    Thread.sleep(3000);
                                    proxy.restore();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            });
            outage.start();
            write("http://localhost:" + proxy.port(), docs(1000, 5), 200);
            outage.join();
        }
        assertThat(count()).isEqualTo(1000);
        assertThat(DEAD).isEmpty();
    }
}

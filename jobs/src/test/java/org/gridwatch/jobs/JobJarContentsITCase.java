package org.gridwatch.jobs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shaded job jar ({@code target/*-flink-job.jar}, built at {@code package}) carries what a
 * stock Flink cluster lacks and nothing it has: a fast check of what StandaloneClusterITCase
 * (launcher) proves by running the jar on a cluster, with and without Elasticsearch credentials.
 */
class JobJarContentsITCase {
    @Test
    void theJobJarShouldCarryGridWatchAndItsConnectorsButNotFlink() throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar =
                    files.filter(f -> f.getFileName().toString().endsWith("-flink-job.jar"))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("no *-flink-job.jar in target/"));
        }
        try (JarFile jf = new JarFile(jar.toFile())) {
            List<String> entries = jf.stream().map(e -> e.getName()).toList();
            assertThat(jf.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(GridWatchJob.class.getName());
            assertThat(entries)
                    .as("inside")
                    .contains(
                            "org/gridwatch/jobs/GridWatchJob.class",
                            "org/gridwatch/jobs/indexer/IndexerJob.class",
                            "org/apache/flink/connector/kafka/source/KafkaSource.class",
                            "org/apache/flink/connector/base/sink/AsyncSinkBase.class",
                            "org/apache/flink/cep/CEP.class",
                            "org/apache/kafka/clients/consumer/KafkaConsumer.class",
                            "org/elasticsearch/client/RestHighLevelClient.class",
                            // Basic authentication (GRIDWATCH_ES_USERNAME) and the client's
                            // logging: no Flink cluster has them.
                            "org/apache/commons/codec/binary/Base64.class",
                            "org/apache/commons/logging/LogFactory.class");
            for (String cluster :
                    List.of(
                            "org/apache/flink/runtime/",
                            "org/apache/flink/streaming/api/environment/",
                            "org/apache/flink/api/common/",
                            "org/apache/flink/configuration/",
                            "org/apache/flink/connector/datagen/",
                            "org/apache/flink/shaded/",
                            "org/apache/flink/metrics/prometheus/",
                            "org/slf4j/",
                            "org/apache/logging/log4j/",
                            "org/apache/commons/lang3/",
                            "org/xerial/snappy/",
                            "net/jpountz/")) {
                assertThat(entries)
                        .as("the cluster has %s", cluster)
                        .noneMatch(e -> e.startsWith(cluster));
            }
        }
    }
}

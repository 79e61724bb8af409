package org.gridwatch.launcher.security;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.gridwatch.common.config.JobReference;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.KafkaClientProperties;
import org.gridwatch.common.kafka.ReferenceBootstrap;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.jobs.positions.PositionsDetection;
import org.gridwatch.jobs.positions.PositionsJob;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.ProductionOutputs;
import org.gridwatch.jobs.wiring.Workflows;
import org.gridwatch.launcher.cli.GridWatchCli;
import org.gridwatch.stack.EmbeddedKafka;
import org.gridwatch.stack.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real broker whose client listener speaks TLS only, with a CA, a broker certificate for
 * localhost and a truststore made here (keytool of the running JDK, files under target/), and a
 * {@code --kafka-properties} file ({@code security.protocol=SSL} and the truststore). A client
 * without the file gets nothing through; with it, {@code city publish} and {@code simulate} write,
 * {@link ReferenceBootstrap} reads the city, and the positions job on a mini cluster reads {@code
 * gridwatch.gps} and writes its documents, all over TLS.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaTlsITCase {
    private static final String STORE_PASSWORD = "gridwatch-test-store";

    /** Every wait is bounded, generously: the machine may be busy. */
    private static final Duration DEADLINE = Duration.ofMinutes(5);

    private static Path dir;
    private static EmbeddedKafka broker;
    private static String tls;
    private static Path clientProperties;

    @BeforeAll
    static void startBrokerWithTlsListener() throws Exception {
        int[] ports = Ports.reserve(3);
        dir = Files.createDirectories(Path.of("target", "kafka-tls-" + ports[0]).toAbsolutePath());
        Path truststore = certificates(dir);
        broker =
                new EmbeddedKafka(dir.resolve("kafka"), ports[0], ports[1])
                        .withListener(
                                "SSL",
                                "SSL",
                                ports[2],
                                Map.of(
                                        "ssl.keystore.location",
                                        dir.resolve("broker.p12").toString(),
                                        "ssl.keystore.type",
                                        "PKCS12",
                                        "ssl.keystore.password",
                                        STORE_PASSWORD,
                                        "ssl.key.password",
                                        STORE_PASSWORD))
                        .start();
        tls = broker.bootstrap("SSL");
        clientProperties =
                Files.writeString(
                        dir.resolve("kafka-tls.properties"),
                        String.join(
                                "\n",
                                "security.protocol=SSL",
                                "ssl.truststore.location=" + truststore,
                                "ssl.truststore.type=PKCS12",
                                "ssl.truststore.password=" + STORE_PASSWORD,
                                ""));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /**
     * A CA, the broker's key pair signed by it for localhost (PKCS12 with the chain), and a
     * truststore holding the CA.
     */
    private static Path certificates(Path dir) throws Exception {
        for (String f :
                List.of(
                        "ca.p12",
                        "ca.pem",
                        "broker.p12",
                        "broker.csr",
                        "broker.pem",
                        "truststore.p12")) {
            Files.deleteIfExists(dir.resolve(f));
        }
        keytool(
                dir,
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "3",
                "-dname",
                "CN=GridWatch Test CA",
                "-ext",
                "bc:c",
                "-keystore",
                "ca.p12",
                "-storetype",
                "PKCS12");
        keytool(
                dir,
                "-exportcert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                "ca.p12",
                "-file",
                "ca.pem");
        keytool(
                dir,
                "-genkeypair",
                "-alias",
                "broker",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "3",
                "-dname",
                "CN=localhost",
                "-keystore",
                "broker.p12",
                "-storetype",
                "PKCS12");
        keytool(
                dir,
                "-certreq",
                "-alias",
                "broker",
                "-keystore",
                "broker.p12",
                "-file",
                "broker.csr");
        keytool(
                dir,
                "-gencert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                "ca.p12",
                "-infile",
                "broker.csr",
                "-outfile",
                "broker.pem",
                "-validity",
                "3",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1");
        keytool(
                dir,
                "-importcert",
                "-noprompt",
                "-alias",
                "ca",
                "-keystore",
                "broker.p12",
                "-file",
                "ca.pem");
        keytool(
                dir,
                "-importcert",
                "-alias",
                "broker",
                "-keystore",
                "broker.p12",
                "-file",
                "broker.pem");
        keytool(
                dir,
                "-importcert",
                "-noprompt",
                "-alias",
                "ca",
                "-keystore",
                "truststore.p12",
                "-storetype",
                "PKCS12",
                "-file",
                "ca.pem");
        return dir.resolve("truststore.p12");
    }

    private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", STORE_PASSWORD));
        Process p =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES))
                .as("keytool %s did not finish", args[0])
                .isTrue();
        assertThat(p.exitValue()).as("keytool %s: %s", String.join(" ", args), output).isZero();
    }

    private static KafkaClientProperties tlsClient() {
        return KafkaClientProperties.read(clientProperties.toString());
    }

    private static KafkaProducer<byte[], byte[]> producer(Properties p) {
        p.put("bootstrap.servers", tls);
        p.put("max.block.ms", "10000");
        p.put("delivery.timeout.ms", "20000");
        p.put("request.timeout.ms", "10000");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Properties p) {
        p.put("bootstrap.servers", tls);
        p.put("enable.auto.commit", "false");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static int cli(StringWriter out, String... args) {
        CommandLine cli = new CommandLine(new GridWatchCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli.execute(args);
    }

    @Test
    @Order(1)
    void aClientWithoutThePropertiesGetsNothingThrough() {
        try (KafkaProducer<byte[], byte[]> plain = producer(new Properties())) {
            assertThatThrownBy(
                            () ->
                                    plain.send(
                                                    new ProducerRecord<>(
                                                            Topics.GPS,
                                                            "x".getBytes(StandardCharsets.UTF_8)))
                                            .get(2, TimeUnit.MINUTES))
                    .hasStackTraceContaining("Timeout");
        }
        try (KafkaConsumer<byte[], byte[]> plain = consumer(new Properties())) {
            assertThatThrownBy(() -> plain.partitionsFor(Topics.GPS, Duration.ofSeconds(10)))
                    .isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
        // TLS without the truststore: the JDK's CAs do not know the broker's, so the handshake
        // fails.
        Properties untrusted = new Properties();
        untrusted.put("security.protocol", "SSL");
        try (KafkaProducer<byte[], byte[]> p = producer(untrusted)) {
            assertThatThrownBy(
                            () ->
                                    p.send(
                                                    new ProducerRecord<>(
                                                            Topics.GPS,
                                                            "x".getBytes(StandardCharsets.UTF_8)))
                                            .get(2, TimeUnit.MINUTES))
                    .satisfiesAnyOf(
                            e -> assertThat(e).hasStackTraceContaining("SSL"),
                            e -> assertThat(e).hasStackTraceContaining("Timeout"));
        }
    }

    @Test
    @Order(2)
    void cityPublishAndSimulateWriteOverTlsAndTheReferenceBootstrapReadsTheCity() throws Exception {
        Path scenario =
                Files.writeString(
                        dir.resolve("scenario.json"),
                        "{\"name\":\"kafka-tls\",\"seed\":3,\"start\":\"2026-11-01T11:30:00Z\",\"citySize\":\"small\",\"durationMinutes\":15}");
        Path work = dir.resolve("simulate");
        StringWriter out = new StringWriter();
        // The city first (simulate writes it), then published: publish creates the topics, over
        // TLS.
        assertThat(
                        cli(
                                out,
                                "simulate",
                                "--scenario",
                                scenario.toString(),
                                "--out",
                                work.resolve("ndjson").toString()))
                .as(out.toString())
                .isZero();
        Path city = work.resolve("ndjson").resolve("city");
        assertThat(
                        cli(
                                out,
                                "city",
                                "publish",
                                city.toString(),
                                "--kafka",
                                tls,
                                "--kafka-properties",
                                clientProperties.toString()))
                .as(out.toString())
                .isZero();
        assertThat(out.toString()).contains("Published");
        assertThat(
                        cli(
                                out,
                                "simulate",
                                "--scenario",
                                scenario.toString(),
                                "--kafka",
                                tls,
                                "--kafka-properties",
                                clientProperties.toString(),
                                "--work-dir",
                                work.resolve("kafka").toString()))
                .as(out.toString())
                .isZero();
        assertThat(endOffset(Topics.GPS)).isPositive();

        JobSettings settings =
                JobReference.complete(
                        JobSettings.fromArgs(
                                new String[] {
                                    "--kafka",
                                    tls,
                                    "--kafka-properties",
                                    clientProperties.toString()
                                },
                                "kafka-tls"));
        assertThat(settings.reference().city()).isNotNull();
        var reference = settings.reference().toReference();
        assertThat(reference.trucks()).isNotEmpty();
        assertThat(reference.grids()).isNotEmpty();
    }

    @Test
    @Order(3)
    void thePositionsJobReadsGpsAndWritesItsDocumentsOverTls() throws Exception {
        long gps = endOffset(Topics.GPS);
        assertThat(gps).as("the previous test fed gridwatch.gps").isPositive();
        assertThat(endOffset(Topics.DOCUMENTS))
                .as("this broker's documents topic is this job's alone")
                .isZero();
        JobSettings settings =
                JobReference.complete(
                        JobSettings.fromArgs(
                                new String[] {
                                    "--kafka",
                                    tls,
                                    "--kafka-properties",
                                    clientProperties.toString(),
                                    "--bounded",
                                    "true",
                                    "--checkpoint-interval",
                                    "0",
                                    "--group-id",
                                    "kafka-tls-positions"
                                },
                                "kafka-tls-positions"));
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        PositionsJob.defineWorkflow(
                env,
                Inputs.kafka(settings, Workflows.topics(List.of(new PositionsDetection()))),
                ProductionOutputs.create(settings, PositionsJob.NAME),
                settings);
        JobClient job = env.executeAsync(PositionsJob.NAME);
        try {
            // Bounded: the job ends at the end of gridwatch.gps as it was when it started.
            job.getJobExecutionResult().get(DEADLINE.toMinutes() * 2, TimeUnit.MINUTES);
        } catch (java.util.concurrent.TimeoutException e) {
            job.cancel().get(1, TimeUnit.MINUTES);
            throw e;
        }

        List<String> positionKeys = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(Topics.DOCUMENTS)) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (key.startsWith("gridwatch-positions/")) {
                positionKeys.add(key);
            }
        }
        assertThat(positionKeys).as("position documents written over TLS").isNotEmpty();
    }

    /** Records in all partitions of the topic, read over TLS. */
    private static long endOffset(String topic) {
        try (KafkaConsumer<byte[], byte[]> c = consumer(tlsClient().toProperties())) {
            List<TopicPartition> parts =
                    c.partitionsFor(topic, DEADLINE).stream()
                            .map(i -> new TopicPartition(i.topic(), i.partition()))
                            .toList();
            return c.endOffsets(parts, DEADLINE).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Every record of the topic, over TLS. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer(tlsClient().toProperties())) {
            List<TopicPartition> parts =
                    c.partitionsFor(topic, DEADLINE).stream()
                            .map(i -> new TopicPartition(i.topic(), i.partition()))
                            .toList();
            Map<TopicPartition, Long> end = c.endOffsets(parts, DEADLINE);
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                assertThat(System.nanoTime())
                        .as("read %s to its end within %s", topic, DEADLINE)
                        .isLessThan(deadline);
                c.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }
}

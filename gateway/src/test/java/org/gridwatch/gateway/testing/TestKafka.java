package org.gridwatch.gateway.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.gridwatch.common.kafka.Topics;

/**
 * A real single-node KRaft broker in this JVM, for the gateway's ITCase and benchmark runs; the same
 * server artifacts and settings as the launcher's EmbeddedKafka, which this module cannot depend on
 * (the launcher depends on the gateway). Creates gridwatch.gps and gridwatch.deadletter.
 *
 * <p>{@code main(dataDir)} runs one until stdin closes and prints {@code bootstrap=host:port}.
 */
public final class TestKafka implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final KafkaRaftServer server;

    private TestKafka(Path dir, int port, KafkaRaftServer server) {
        this.dir = dir;
        this.port = port;
        this.server = server;
    }

    public static TestKafka start(Path dir) throws Exception {
        deleteRecursively(dir);
        Files.createDirectories(dir);
        int[] ports = twoFreePorts();
        int port = ports[0];
        int controller = ports[1];
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controller);
        p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controller);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        KafkaConfig config = new KafkaConfig(p, false);
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(1)
                .setDirectories(List.of(dir.toString()))
                .setMetadataLogDirectory(dir.toString())
                .setControllerListenerName("CONTROLLER")
                .setReleaseVersion(MetadataVersion.latestProduction())
                .run();
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        TestKafka k = new TestKafka(dir, port, server);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, k.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(Topics.GPS, 4, (short) 1), new NewTopic(Topics.DEAD_LETTER, 1, (short) 1)))
                    .all().get(60, TimeUnit.SECONDS);
        }
        return k;
    }

    public String bootstrap() {
        return "localhost:" + port;
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
        server.awaitShutdown();
        deleteRecursively(dir);
    }

    public static void main(String[] args) throws Exception {
        try (TestKafka k = start(Path.of(args.length > 0 ? args[0] : "target/kafka-bench"))) {
            System.out.println("bootstrap=" + k.bootstrap());
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until stdin closes
            }
        }
    }

    /**
     * Both ports held open together while they are chosen, so they differ (two separate probes can return
     * the same port, as PipelineITCase's broker once got for its listener and its controller). The
     * launcher's Ports.reserve also locks across JVMs; the gateway module cannot depend on the launcher.
     */
    private static int[] twoFreePorts() throws IOException {
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }

    private static void deleteRecursively(Path d) throws IOException {
        if (!Files.exists(d)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(d)) {
            for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}

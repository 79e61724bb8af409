package org.gridwatch.stack;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.gridwatch.common.kafka.KafkaClientProperties;
import org.gridwatch.common.kafka.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside this JVM,
 * from the Kafka server artifacts on Maven Central. {@link #start} wipes its log directory (the
 * demo and the tests always begin from empty topics); {@link #startKeepingData} goes on with it.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;
    private KafkaConfig config;

    /**
     * Listeners beside PLAINTEXT (none by default): name, security protocol, port and
     * listener-scoped settings.
     */
    private final List<Listener> extraListeners = new ArrayList<>();

    private record Listener(
            String name, String securityProtocol, int port, Map<String, String> config) {}

    public EmbeddedKafka(Path dataDir, int port, int controllerPort) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * A broker on two ports from {@link Ports#reserve} (distinct, and locked against other JVMs
     * that use the same reservation), with its data in a fresh directory under {@code parent}: for
     * tests and benchmarks, which create the topics they need.
     */
    public static EmbeddedKafka startOnReservedPorts(Path parent) {
        int[] ports = Ports.reserve(2);
        return new EmbeddedKafka(parent.resolve("kafka-" + ports[0]), ports[0], ports[1]).start();
    }

    /**
     * Runs a broker with GridWatch's topics until standard input closes (the gateway's benchmark).
     */
    public static void main(String[] args) throws IOException {
        try (EmbeddedKafka kafka =
                startOnReservedPorts(Path.of(args.length > 0 ? args[0] : "target/kafka-bench"))) {
            kafka.createTopics();
            System.out.println("bootstrap=" + kafka.bootstrap());
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until stdin closes
            }
        }
    }

    public String bootstrap() {
        return "localhost:" + port;
    }

    /**
     * Adds a listener beside the PLAINTEXT one (which stays, for the broker's own traffic and for
     * clients that need no security), e.g. {@code withListener("SSL", "SSL", port,
     * Map.of("ssl.keystore.location", ...))}. Its settings are scoped to it ({@code
     * listener.name.ssl.ssl.keystore.location}). Call before starting.
     *
     * @param name the listener's name, also how clients reach it ({@link #bootstrap(String)})
     * @param securityProtocol PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
     */
    public EmbeddedKafka withListener(
            String name, String securityProtocol, int port, Map<String, String> config) {
        if (server != null) {
            throw new IllegalStateException("listeners are added before the broker starts");
        }
        if (name.equalsIgnoreCase("PLAINTEXT") || name.equalsIgnoreCase("CONTROLLER")) {
            throw new IllegalArgumentException(
                    "listener name " + name + " is taken by the broker's own listeners");
        }
        extraListeners.add(
                new Listener(
                        name.toUpperCase(java.util.Locale.ROOT),
                        securityProtocol,
                        port,
                        Map.copyOf(config)));
        return this;
    }

    /** Where clients reach the listener {@code name} (see {@link #withListener}). */
    public String bootstrap(String name) {
        return extraListeners.stream()
                .filter(l -> l.name().equalsIgnoreCase(name))
                .findFirst()
                .map(l -> "localhost:" + l.port())
                .orElseThrow(() -> new IllegalArgumentException("no listener " + name));
    }

    public EmbeddedKafka start() {
        return start(false);
    }

    /**
     * Starts the broker on the data of its last run when there is one (topics, records and
     * committed offsets as they were: {@code gridwatch run} goes on where it stopped), else on
     * empty data.
     */
    public EmbeddedKafka startKeepingData() {
        return start(Files.isRegularFile(dataDir.resolve("meta.properties")));
    }

    private EmbeddedKafka start(boolean keepData) {
        Ports.requireFree(port, "Kafka", "--kafka-port");
        Ports.requireFree(
                controllerPort,
                "Kafka's controller",
                "--kafka-port (the controller uses the port after it)");
        for (Listener l : extraListeners) {
            Ports.requireFree(l.port(), "Kafka's " + l.name() + " listener", "another port for it");
        }
        try {
            if (!keepData) {
                deleteRecursively(dataDir);
            }
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StackException(
                    "Kafka cannot use its data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        StringBuilder listeners =
                new StringBuilder(
                        "PLAINTEXT://localhost:"
                                + port
                                + ",CONTROLLER://localhost:"
                                + controllerPort);
        StringBuilder advertised = new StringBuilder("PLAINTEXT://localhost:" + port);
        StringBuilder protocols = new StringBuilder("PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        for (Listener l : extraListeners) {
            listeners.append(',').append(l.name()).append("://localhost:").append(l.port());
            advertised.append(',').append(l.name()).append("://localhost:").append(l.port());
            protocols.append(',').append(l.name()).append(':').append(l.securityProtocol());
            String prefix = "listener.name." + l.name().toLowerCase(java.util.Locale.ROOT) + ".";
            l.config().forEach((key, value) -> p.put(prefix + key, value));
        }
        p.put("listeners", listeners.toString());
        p.put("advertised.listeners", advertised.toString());
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", protocols.toString());
        // The broker talks to itself over PLAINTEXT whatever listeners are added.
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // One node is broker and controller: when a starved machine delays its heartbeat past the
        // session (9 s by default; "controller event queue overloaded. Timed out heartbeat from
        // broker 1" was logged under load) the controller fences its own broker, every partition
        // loses its leader, and producers wait until their delivery timeout (a CI run lost 10
        // minutes this way). A minute rides that out.
        p.put("broker.session.timeout.ms", "60000");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        // Retention by size, never by time: simulated and replayed records carry their (past) event
        // time as the record timestamp, and time-based retention would delete them before a job has
        // read them (the demo starts yesterday evening; evaluation scenarios lie weeks back).
        p.put("log.retention.ms", "-1");
        p.put("log.retention.bytes", Long.toString(2L << 30));
        long t0 = System.nanoTime();
        try {
            config = new KafkaConfig(p, false);
            if (!keepData) {
                new Formatter()
                        .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                        .setClusterId(Uuid.randomUuid().toString())
                        .setNodeId(1)
                        .setDirectories(List.of(dataDir.toString()))
                        .setMetadataLogDirectory(dataDir.toString())
                        .setControllerListenerName("CONTROLLER")
                        .setReleaseVersion(MetadataVersion.latestProduction())
                        .run();
            }
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
        } catch (Exception e) {
            throw new StackException("Kafka did not start: " + e.getMessage(), e);
        }
        LOG.info(
                "Kafka broker started on {} in {} ms",
                bootstrap(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        return this;
    }

    /**
     * Stops the broker and starts it again on the same ports with the same data (a broker restart).
     */
    public EmbeddedKafka restart() {
        if (config == null) {
            throw new IllegalStateException("the broker was never started");
        }
        close();
        try {
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
        } catch (Exception e) {
            throw new StackException("Kafka did not restart: " + e.getMessage(), e);
        }
        return this;
    }

    /** Creates GridWatch's topics on this broker (idempotent). */
    public void createTopics() {
        ensureTopics(bootstrap());
    }

    /**
     * Creates GridWatch's topics on any Kafka where they are missing; existing ones are left alone.
     */
    public static void ensureTopics(String bootstrap) {
        ensureTopics(bootstrap, KafkaClientProperties.NONE);
    }

    /**
     * As above, the admin client with the {@code --kafka-properties} file's settings (TLS, SASL).
     */
    public static void ensureTopics(String bootstrap, KafkaClientProperties client) {
        Properties props = client.toProperties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> topics =
                    Topics.ALL.stream().map(t -> newTopic(t.name(), t.partitions())).toList();
            createTopics(admin, topics);
        }
    }

    /**
     * A GridWatch topic with the broker's default replication factor (1 on the embedded broker,
     * what the operators chose on a real cluster). Reference data is state: the latest upsert or
     * delete per kind and id (city publish keys each record KIND:id) is all a job that starts later
     * needs, and the latest write per document all the indexer needs: both are compacted.
     */
    private static NewTopic newTopic(String name, int partitions) {
        NewTopic nt = new NewTopic(name, Optional.of(partitions), Optional.empty());
        if (name.equals(Topics.REFERENCE) || name.equals(Topics.DOCUMENTS)) {
            nt.configs(Map.of("cleanup.policy", "compact"));
        } else if (name.equals(Topics.DEAD_LETTER)) {
            nt.configs(Map.of("cleanup.policy", "compact,delete"));
        }
        return nt;
    }

    /**
     * Creates the topics (an existing one is left alone) and returns once every partition of them
     * takes writes: see {@link #awaitWritable}.
     */
    public static void createTopics(Admin admin, List<NewTopic> topics) {
        create(admin, topics);
        awaitWritable(admin, topics.stream().map(NewTopic::name).toList());
    }

    /**
     * Returns once the leader of every partition of {@code topicNames} answers for it, so that the
     * first produce request does not race the broker becoming leader.
     *
     * <p>Why: a new topic is in the metadata (so producers send to it) a moment before its leader
     * takes writes. An idempotent producer's first batch to a partition (sequence 0) could get
     * NOT_LEADER_OR_FOLLOWER while its next batches, already in flight, arrived once the leader was
     * ready; a broker holding no state for a producer accepts a batch starting at any sequence, so
     * those were appended, and the retried sequence 0 was refused as out of order until the
     * producer's delivery timeout expired it. The records of that batch were lost (CI, issue 13:
     * ScenarioQualityITCase missed 3 of 181 corrupt records, HostileInputITCase waited out a
     * 10-minute delivery timeout; the broker logged OutOfOrderSequenceException "0 (incoming seq.
     * number), 195 (current end sequence number)"). A list-offsets request is served by the
     * partition's leader only, like a produce request, and the admin client retries it on
     * NOT_LEADER_OR_FOLLOWER until its API timeout.
     */
    public static void awaitWritable(Admin admin, List<String> topicNames) {
        try {
            Map<String, TopicDescription> described =
                    admin.describeTopics(topicNames).allTopicNames().get(60, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            described.forEach(
                    (name, d) ->
                            d.partitions()
                                    .forEach(
                                            p ->
                                                    latest.put(
                                                            new TopicPartition(name, p.partition()),
                                                            OffsetSpec.latest())));
            admin.listOffsets(latest).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted waiting for topics " + topicNames, e);
        } catch (Exception e) {
            throw new StackException(
                    "the partitions of " + topicNames + " have no leader taking writes: " + e, e);
        }
    }

    private static void create(Admin admin, List<NewTopic> topics) {
        admin.createTopics(topics)
                .values()
                .forEach(
                        (name, f) -> {
                            try {
                                f.get(30, TimeUnit.SECONDS);
                            } catch (java.util.concurrent.ExecutionException e) {
                                if (!(e.getCause() instanceof TopicExistsException)) {
                                    throw new StackException(
                                            "cannot create topic "
                                                    + name
                                                    + ": "
                                                    + e.getCause().getMessage(),
                                            e);
                                }
                            } catch (Exception e) {
                                throw new StackException(
                                        "cannot create topic "
                                                + name
                                                + " (is Kafka reachable?): "
                                                + e.getMessage(),
                                        e);
                            }
                        });
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.shutdown();
                server.awaitShutdown();
            } catch (RuntimeException e) {
                LOG.warn("Kafka shutdown: {}", e.toString());
            }
            server = null;
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package org.gridwatch.common.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Security (and other) settings for every Kafka client a job creates, from a standard Kafka client
 * properties file ({@code security.protocol=SSL}, {@code ssl.truststore.location=...}, SASL ...):
 * flag {@code --kafka-properties FILE}, env {@code GRIDWATCH_KAFKA_PROPERTIES}.
 *
 * <p>The file is read once, where the job is built ({@code flink run}), and its entries travel in
 * the job graph, so task managers never need the file itself. Paths inside it (a truststore, a
 * keystore) are opened by each client where it runs, so those must exist on every task manager and
 * the job manager.
 *
 * @param file the absolute path the entries were read from, or null when no file was given
 * @param entries the file's entries, sorted by key
 */
public record KafkaClientProperties(String file, Map<String, String> entries)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The flag every GridWatch program that opens a Kafka client takes (jobs, console, gateway,
     * launcher tools).
     */
    public static final String FLAG = "--kafka-properties";

    /** The environment variable read when the flag is not given. */
    public static final String ENV = "GRIDWATCH_KAFKA_PROPERTIES";

    /** No file: the clients use Kafka's defaults (PLAINTEXT). */
    public static final KafkaClientProperties NONE = new KafkaClientProperties(null, Map.of());

    /**
     * Keys GridWatch sets itself: a file that sets them would silently redirect or break the jobs
     * (another cluster, another consumer group, bytes decoded by the wrong class), so such a file
     * is refused.
     */
    static final Map<String, String> SET_BY_GRIDWATCH =
            Map.of(
                    "bootstrap.servers", "give the brokers with --kafka",
                    "group.id", "give the consumer group with --group-id",
                    "key.serializer", "GridWatch writes bytes",
                    "value.serializer", "GridWatch writes bytes",
                    "key.deserializer", "GridWatch reads bytes",
                    "value.deserializer", "GridWatch reads bytes",
                    "transactional.id", "set per sink by GridWatch (--alerts-exactly-once)");

    /**
     * Keys whose values describe() may print: settings, never credentials. Every other value is
     * hidden.
     */
    static final Set<String> SHOWN_VALUES =
            Set.of(
                    "security.protocol",
                    "sasl.mechanism",
                    "ssl.protocol",
                    "ssl.enabled.protocols",
                    "ssl.endpoint.identification.algorithm",
                    "ssl.truststore.type",
                    "ssl.truststore.location",
                    "ssl.keystore.type",
                    "ssl.keystore.location");

    static final String HIDDEN = "<hidden>";

    public KafkaClientProperties {
        entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    /**
     * Reads {@code file} as Kafka's own tools do ({@link Properties#load(InputStream)}), or fails
     * naming the flag when it is missing, unreadable or sets what GridWatch sets itself.
     */
    public static KafkaClientProperties read(String file) {
        Path path = Path.of(file).toAbsolutePath();
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new IllegalArgumentException(
                    "--kafka-properties: '" + file + "' is not a readable file");
        }
        Properties loaded = new Properties();
        try (InputStream in = Files.newInputStream(path)) {
            loaded.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--kafka-properties: cannot read '" + file + "': " + e.getMessage(), e);
        }
        Map<String, String> entries = new TreeMap<>();
        for (String key : loaded.stringPropertyNames()) {
            String why = SET_BY_GRIDWATCH.get(key);
            if (why != null) {
                throw new IllegalArgumentException(
                        "--kafka-properties: '"
                                + file
                                + "' sets "
                                + key
                                + ", which GridWatch sets itself ("
                                + why
                                + "); remove it from the file");
            }
            entries.put(key, loaded.getProperty(key));
        }
        return new KafkaClientProperties(path.toString(), entries);
    }

    /**
     * The one way a program resolves the option: the flag's value when given (read, so a wrong one
     * fails however it looks), else {@value #ENV} from {@code env} when set and not blank, else
     * {@link #NONE}.
     *
     * @param flagValue the value given with {@value #FLAG}, or null when the flag was not given
     */
    public static KafkaClientProperties fromFlagOrEnv(
            String flagValue, Function<String, String> env) {
        if (flagValue != null) {
            return read(flagValue);
        }
        String file = env.apply(ENV);
        return file == null || file.isBlank() ? NONE : read(file.trim());
    }

    /**
     * Adds the entries to a client's properties; they win over GridWatch's defaults (linger.ms,
     * compression ...).
     */
    public Properties addTo(Properties clientProperties) {
        clientProperties.putAll(entries);
        return clientProperties;
    }

    /** The entries as a fresh {@link Properties}. */
    public Properties toProperties() {
        return addTo(new Properties());
    }

    /**
     * For the start-up log: the file and its keys, with values only for keys that never hold a
     * secret ({@code security.protocol=SASL_SSL}); passwords, JAAS configurations and key material
     * show as {@value #HIDDEN}.
     */
    public String describe() {
        if (file == null) {
            return "none";
        }
        StringJoiner keys = new StringJoiner(", ", file + " {", "}");
        entries.forEach(
                (key, value) ->
                        keys.add(key + "=" + (SHOWN_VALUES.contains(key) ? value : HIDDEN)));
        return keys.toString();
    }

    /**
     * Never the values: a record's default toString would put passwords into logs and exception
     * messages.
     */
    @Override
    public String toString() {
        return "KafkaClientProperties[" + describe() + "]";
    }
}

package org.gridwatch.common.config;

import org.apache.flink.util.ParameterTool;

import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.city.check.CityBounds;
import org.gridwatch.common.city.check.CityCheck;
import org.gridwatch.common.kafka.KafkaClientProperties;
import org.gridwatch.common.parse.ParseLimits;
import org.gridwatch.common.reference.ReferenceSnapshot;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Settings every GridWatch job shares: where Kafka and Elasticsearch are, event-time tolerances,
 * checkpointing and input limits. Built from command-line flags, then environment variables, then
 * defaults (in that order); every value is checked here so a wrong one fails at start with a
 * message naming the flag, never later inside a running job.
 *
 * @param kafkaBootstrap Kafka bootstrap servers (flag --kafka, env GRIDWATCH_KAFKA)
 * @param kafkaClient security and other client settings every Kafka client of the job gets, read
 *     from a Kafka client properties file where the job is built (flag --kafka-properties, env
 *     GRIDWATCH_KAFKA_PROPERTIES); {@link KafkaClientProperties#NONE} without one
 * @param esUrls Elasticsearch http URLs (flag --es, comma separated, env GRIDWATCH_ES)
 * @param groupId Kafka consumer group of the job (flag --group-id)
 * @param fromEarliest read input topics from the beginning when the group has no offsets (flag
 *     --from)
 * @param bounded stop at the offsets that are the latest at start (tests, evaluation) (flag
 *     --bounded)
 * @param maxOutOfOrder bounded out-of-orderness of the watermarks (flag --max-out-of-order)
 * @param idleTimeout a source partition silent this long stops holding the watermark back (flag
 *     --idle-timeout)
 * @param checkpointInterval checkpoint every this often, overriding the cluster's configuration, or
 *     0 for no checkpoints (flag --checkpoint-interval); null when the flag is not given, so that
 *     the cluster's configuration ({@code execution.checkpointing.interval}) decides
 * @param parseLimits input size and clock-skew limits (flags --max-record-bytes, --max-future)
 * @param positionThrottle at most one position document per entity per this much event time (flag
 *     --position-throttle)
 * @param alertsExactlyOnce transactional alert output; alerts then appear after each checkpoint
 *     (flag --alerts-exactly-once)
 * @param cityDir directory of the city's reference files loaded at start, or null to rely on {@code
 *     gridwatch.reference} alone (flag --city, env GRIDWATCH_CITY)
 * @param hotlineLateness hotline events up to this much later than the watermark bound still apply
 *     to their case, and a case's overdue colours are decided this long after they fall due (flag
 *     --hotline-lateness)
 * @param reference {@code gridwatch.reference} as read to its end before the job was built, when
 *     the job has no {@code --city} ({@code ReferenceBootstrap}); null otherwise
 */
public record JobSettings(
        String kafkaBootstrap,
        KafkaClientProperties kafkaClient,
        List<String> esUrls,
        String groupId,
        boolean fromEarliest,
        boolean bounded,
        Duration maxOutOfOrder,
        Duration idleTimeout,
        Duration checkpointInterval,
        ParseLimits parseLimits,
        Duration positionThrottle,
        boolean alertsExactlyOnce,
        String cityDir,
        Duration hotlineLateness,
        ReferenceSnapshot reference)
        implements Serializable {

    public static final String KAFKA = "kafka";
    public static final String KAFKA_PROPERTIES = "kafka-properties";
    public static final String ES = "es";
    public static final String GROUP_ID = "group-id";
    public static final String FROM = "from";
    public static final String BOUNDED = "bounded";
    public static final String MAX_OUT_OF_ORDER = "max-out-of-order";
    public static final String IDLE_TIMEOUT = "idle-timeout";
    public static final String CHECKPOINT_INTERVAL = "checkpoint-interval";
    public static final String MAX_RECORD_BYTES = "max-record-bytes";
    public static final String MAX_FUTURE = "max-future";
    public static final String POSITION_THROTTLE = "position-throttle";
    public static final String ALERTS_EXACTLY_ONCE = "alerts-exactly-once";
    public static final String CITY = "city";
    public static final String HOTLINE_LATENESS = "hotline-lateness";

    /** How {@link #describe()} shows a checkpoint interval left to the cluster. */
    static final String CLUSTER_CHECKPOINTING =
            "cluster configuration (execution.checkpointing.interval)";

    public JobSettings {
        kafkaClient = kafkaClient == null ? KafkaClientProperties.NONE : kafkaClient;
        esUrls = List.copyOf(esUrls);
    }

    /**
     * Reads flags such as {@code --kafka host:9092 --es http://host:9200 --max-out-of-order 2s}.
     */
    public static JobSettings fromArgs(String[] args, String defaultGroupId) {
        return from(ParameterTool.fromArgs(args), System::getenv, defaultGroupId);
    }

    static JobSettings from(ParameterTool p, Function<String, String> env, String defaultGroupId) {
        String kafka = value(p, env, KAFKA, "GRIDWATCH_KAFKA", "localhost:9092");
        requireHostPorts(kafka);
        KafkaClientProperties kafkaClient =
                KafkaClientProperties.fromFlagOrEnv(p.get(KAFKA_PROPERTIES), env);
        List<String> es =
                Arrays.stream(value(p, env, ES, "GRIDWATCH_ES", "http://localhost:9200").split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
        for (String url : es) {
            if (!url.matches("https?://[^/\\s:]+(:\\d{1,5})?/?")) {
                throw new IllegalArgumentException(
                        "--es: '" + url + "' is not an http(s)://host[:port] URL");
            }
        }
        if (es.isEmpty()) {
            throw new IllegalArgumentException("--es: at least one Elasticsearch URL is required");
        }
        String from = p.get(FROM, "earliest");
        if (!from.equals("earliest") && !from.equals("latest")) {
            throw new IllegalArgumentException(
                    "--from must be 'earliest' or 'latest', got '" + from + "'");
        }
        // Only a given flag sets checkpointing: without it the cluster's configuration is left
        // alone.
        Duration checkpoint =
                p.has(CHECKPOINT_INTERVAL)
                        ? Durations.parse(CHECKPOINT_INTERVAL, p.get(CHECKPOINT_INTERVAL))
                        : null;
        if (checkpoint != null && !checkpoint.isZero() && checkpoint.toMillis() < 100) {
            throw new IllegalArgumentException(
                    "--checkpoint-interval must be 0 (off) or at least 100ms");
        }
        return new JobSettings(
                kafka,
                kafkaClient,
                es,
                p.get(GROUP_ID, defaultGroupId),
                from.equals("earliest"),
                p.getBoolean(BOUNDED, false),
                Durations.parsePositive(MAX_OUT_OF_ORDER, p.get(MAX_OUT_OF_ORDER, "2s"), true),
                Durations.parsePositive(IDLE_TIMEOUT, p.get(IDLE_TIMEOUT, "10s"), false),
                checkpoint,
                new ParseLimits(
                        intFlag(p, MAX_RECORD_BYTES, ParseLimits.DEFAULTS.maxRecordBytes()),
                        Durations.parsePositive(MAX_FUTURE, p.get(MAX_FUTURE, "5m"), true)
                                .toMillis(),
                        ParseLimits.DEFAULTS.maxTextLength()),
                Durations.parsePositive(POSITION_THROTTLE, p.get(POSITION_THROTTLE, "5s"), true),
                p.getBoolean(ALERTS_EXACTLY_ONCE, false),
                cityDir(value(p, env, CITY, "GRIDWATCH_CITY", null)),
                Durations.parsePositive(HOTLINE_LATENESS, p.get(HOTLINE_LATENESS, "15m"), true),
                null);
    }

    /** The effective configuration, one line per setting, for the start-up log. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KAFKA, kafkaBootstrap);
        if (kafkaClient.file() != null) {
            m.put(
                    KAFKA_PROPERTIES,
                    kafkaClient.describe()); // keys and harmless values, never a password
        }
        m.put(ES, String.join(",", esUrls));
        m.put(GROUP_ID, groupId);
        m.put(FROM, fromEarliest ? "earliest" : "latest");
        m.put(BOUNDED, Boolean.toString(bounded));
        m.put(MAX_OUT_OF_ORDER, maxOutOfOrder.toString());
        m.put(IDLE_TIMEOUT, idleTimeout.toString());
        m.put(
                CHECKPOINT_INTERVAL,
                checkpointInterval == null
                        ? CLUSTER_CHECKPOINTING
                        : checkpointInterval.isZero() ? "off" : checkpointInterval.toString());
        m.put(MAX_RECORD_BYTES, Integer.toString(parseLimits.maxRecordBytes()));
        m.put(MAX_FUTURE, Duration.ofMillis(parseLimits.maxFutureMs()).toString());
        m.put(POSITION_THROTTLE, positionThrottle.toString());
        m.put(ALERTS_EXACTLY_ONCE, Boolean.toString(alertsExactlyOnce));
        if (cityDir != null) {
            m.put(CITY, cityDir);
        }
        m.put(HOTLINE_LATENESS, hotlineLateness.toString());
        if (reference != null) {
            m.put("reference", reference.describe());
        }
        return m;
    }

    /** Arguments that reproduce these settings, for handing to another job or process. */
    public String[] toArgs() {
        List<String> out = new ArrayList<>();
        describe()
                .forEach(
                        (k, v) -> {
                            if (k.equals(CHECKPOINT_INTERVAL) && checkpointInterval == null
                                    || k.equals("reference")) {
                                return; // the other process reads the reference topic itself
                            }
                            out.add("--" + k);
                            if (k.equals(KAFKA_PROPERTIES)) {
                                out.add(
                                        kafkaClient
                                                .file()); // the other process reads the file itself
                            } else {
                                out.add(k.equals(CHECKPOINT_INTERVAL) && v.equals("off") ? "0" : v);
                            }
                        });
        return out.toArray(String[]::new);
    }

    private static String value(
            ParameterTool p,
            Function<String, String> env,
            String flag,
            String envName,
            String dflt) {
        if (p.has(flag)) {
            return p.get(flag);
        }
        String e = env.apply(envName);
        return e != null && !e.isBlank() ? e.trim() : dflt;
    }

    private static int intFlag(ParameterTool p, String flag, int dflt) {
        String v = p.get(flag);
        if (v == null) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i <= 0) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--" + flag + " must be a positive whole number, got '" + v + "'");
        }
    }

    private static String cityDir(String dir) {
        if (dir == null) {
            return null;
        }
        java.nio.file.Path p = java.nio.file.Path.of(dir).toAbsolutePath();
        if (!java.nio.file.Files.isRegularFile(p.resolve("city.json"))) {
            throw new IllegalArgumentException(
                    "--city: '" + dir + "' is not a city directory (no city.json in it)");
        }
        return p.toString();
    }

    /**
     * The city's time zone: from {@code city.json} of {@code --city}, else from the {@code CITY}
     * record of {@code gridwatch.reference} ({@link #reference()}); {@code Asia/Shanghai} only for
     * a workflow built with neither (tests; a job's {@code main} refuses to start without a city).
     * Local hours, weekdays and days of the detections (hotspots, KPIs, working calendars) are in
     * this zone.
     */
    public ZoneId cityZone() {
        if (cityDir == null) {
            return reference != null && reference.zone() != null
                    ? reference.zone()
                    : CityFiles.DEFAULT_ZONE;
        }
        try {
            return CityFiles.zone(Path.of(cityDir));
        } catch (IOException | DateTimeException e) {
            throw new IllegalArgumentException(
                    "--city: cannot read the time zone of " + cityDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The box positions in reference updates must lie in: {@code --city}'s, else the CITY record's,
     * else null (China).
     */
    public CityBounds cityBounds() {
        if (cityDir != null) {
            return CityCheck.bounds(Path.of(cityDir));
        }
        return reference == null ? null : reference.bounds();
    }

    /** The same settings reading the city's reference files from {@code dir}. */
    public JobSettings withCityDir(java.nio.file.Path dir) {
        return new JobSettings(
                kafkaBootstrap,
                kafkaClient,
                esUrls,
                groupId,
                fromEarliest,
                bounded,
                maxOutOfOrder,
                idleTimeout,
                checkpointInterval,
                parseLimits,
                positionThrottle,
                alertsExactlyOnce,
                dir.toAbsolutePath().toString(),
                hotlineLateness,
                null);
    }

    /**
     * The same settings, reading to the topics' current end and stopping there ({@code --bounded
     * true}).
     */
    public JobSettings asBounded() {
        return new JobSettings(
                kafkaBootstrap,
                kafkaClient,
                esUrls,
                groupId,
                fromEarliest,
                true,
                maxOutOfOrder,
                idleTimeout,
                checkpointInterval,
                parseLimits,
                positionThrottle,
                alertsExactlyOnce,
                cityDir,
                hotlineLateness,
                reference);
    }

    /** The same settings in another consumer group (a second job over the same Kafka). */
    public JobSettings withGroupId(String group) {
        return new JobSettings(
                kafkaBootstrap,
                kafkaClient,
                esUrls,
                group,
                fromEarliest,
                bounded,
                maxOutOfOrder,
                idleTimeout,
                checkpointInterval,
                parseLimits,
                positionThrottle,
                alertsExactlyOnce,
                cityDir,
                hotlineLateness,
                reference);
    }

    /**
     * The same settings with {@code gridwatch.reference} read to its end as the detectors' base.
     */
    public JobSettings withReference(ReferenceSnapshot snapshot) {
        return new JobSettings(
                kafkaBootstrap,
                kafkaClient,
                esUrls,
                groupId,
                fromEarliest,
                bounded,
                maxOutOfOrder,
                idleTimeout,
                checkpointInterval,
                parseLimits,
                positionThrottle,
                alertsExactlyOnce,
                cityDir,
                hotlineLateness,
                snapshot);
    }

    private static void requireHostPorts(String bootstrap) {
        for (String hp : bootstrap.split(",")) {
            if (!hp.trim().matches("[^\\s:/]+:\\d{1,5}")) {
                throw new IllegalArgumentException("--kafka: '" + hp.trim() + "' is not host:port");
            }
        }
    }
}

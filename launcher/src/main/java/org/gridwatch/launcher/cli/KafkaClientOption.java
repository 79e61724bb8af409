package org.gridwatch.launcher.cli;

import org.gridwatch.common.kafka.KafkaClientProperties;
import picocli.CommandLine.Option;

/**
 * {@code --kafka-properties FILE} (env {@code GRIDWATCH_KAFKA_PROPERTIES}) for every launcher
 * command that opens a Kafka client: the same file, validation and hidden-secret description as the
 * jobs' flag ({@link KafkaClientProperties}). Read once, on first use, so a wrong file fails the
 * command before it connects anywhere.
 */
public final class KafkaClientOption {
    @Option(
            names = KafkaClientProperties.FLAG,
            paramLabel = "FILE",
            description = {
                "Kafka client properties for every Kafka client of this command (security.protocol=SSL, ssl.truststore.*,",
                "SASL ...; env "
                        + KafkaClientProperties.ENV
                        + "). Not bootstrap.servers, group.id nor (de)serializers."
            })
    String file;

    /** Where environment variables come from (tests replace it). */
    java.util.function.Function<String, String> env = System::getenv;

    private KafkaClientProperties properties;

    /**
     * The file's settings, {@link KafkaClientProperties#NONE} without one; fails naming the flag
     * when it cannot be used.
     */
    public synchronized KafkaClientProperties properties() {
        if (properties == null) {
            properties = KafkaClientProperties.fromFlagOrEnv(file, env);
        }
        return properties;
    }
}

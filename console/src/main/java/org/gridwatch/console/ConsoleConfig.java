package org.gridwatch.console;

import org.gridwatch.common.kafka.KafkaClientProperties;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;

/**
 * How the console runs.
 *
 * @param bindAddress address to listen on; loopback by default. Any other address requires {@code
 *     token}
 * @param port HTTP port (0 picks a free one)
 * @param esUrls Elasticsearch http(s) URLs
 * @param kafkaBootstrap Kafka bootstrap servers for alert push, or null to run without push
 * @param cityDir city directory (grids.geojson is the map's base layer), or null
 * @param token bearer token every API call must carry, or null (only allowed on loopback); see
 *     {@link #tokenProblem}
 * @param tileUrl optional tile URL template for deployments that have a tile server, or null
 * @param consumerGroup Kafka consumer group of the push service
 * @param stateDir where webhook subscriptions are kept across restarts, or null to keep them in
 *     memory
 * @param webhookAllow webhook targets the operator allows: host names ({@code hooks.example.org},
 *     {@code *.example.org}), IP addresses or CIDR blocks; empty = no webhook target is allowed
 * @param maxWebhooks most webhook subscriptions kept at once
 * @param origins further origins the console is reached at, e.g. {@code https://console.example}
 *     through a TLS reverse proxy; state-changing requests from them are accepted as same-origin
 * @param kafkaClient the push consumer's Kafka client settings (TLS, SASL) from {@code
 *     --kafka-properties FILE} (env {@code GRIDWATCH_KAFKA_PROPERTIES}); {@link
 *     KafkaClientProperties#NONE} without one
 */
public record ConsoleConfig(
        String bindAddress,
        int port,
        List<String> esUrls,
        String kafkaBootstrap,
        Path cityDir,
        String token,
        String tileUrl,
        String consumerGroup,
        Path stateDir,
        List<String> webhookAllow,
        int maxWebhooks,
        List<String> origins,
        KafkaClientProperties kafkaClient) {

    public static final String TOKEN_ENV = "GRIDWATCH_CONSOLE_TOKEN";
    public static final String WEBHOOK_ALLOW_ENV = "GRIDWATCH_WEBHOOK_ALLOW";
    public static final int DEFAULT_MAX_WEBHOOKS = 100;

    /** Shortest accepted console token, and how many different characters it must have at least. */
    public static final int TOKEN_MIN_LENGTH = 24;

    public static final int TOKEN_MIN_DISTINCT = 8;

    public ConsoleConfig {
        if (bindAddress == null || bindAddress.isBlank()) {
            bindAddress = "127.0.0.1";
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (esUrls == null || esUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one Elasticsearch URL is required");
        }
        esUrls = List.copyOf(esUrls);
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (consumerGroup == null || consumerGroup.isBlank()) {
            consumerGroup = "gridwatch-console-push";
        }
        webhookAllow = webhookAllow == null ? List.of() : List.copyOf(webhookAllow);
        if (maxWebhooks < 0) {
            throw new IllegalArgumentException("max webhooks must be >= 0, got " + maxWebhooks);
        }
        origins = origins == null ? List.of() : List.copyOf(origins);
        kafkaClient = kafkaClient == null ? KafkaClientProperties.NONE : kafkaClient;
    }

    /** With Kafka's default client settings (PLAINTEXT). */
    public ConsoleConfig(
            String bindAddress,
            int port,
            List<String> esUrls,
            String kafkaBootstrap,
            Path cityDir,
            String token,
            String tileUrl,
            String consumerGroup,
            Path stateDir,
            List<String> webhookAllow,
            int maxWebhooks,
            List<String> origins) {
        this(
                bindAddress,
                port,
                esUrls,
                kafkaBootstrap,
                cityDir,
                token,
                tileUrl,
                consumerGroup,
                stateDir,
                webhookAllow,
                maxWebhooks,
                origins,
                KafkaClientProperties.NONE);
    }

    /** Without webhook targets, with the default cap on subscriptions and no further origins. */
    public ConsoleConfig(
            String bindAddress,
            int port,
            List<String> esUrls,
            String kafkaBootstrap,
            Path cityDir,
            String token,
            String tileUrl,
            String consumerGroup,
            Path stateDir) {
        this(
                bindAddress,
                port,
                esUrls,
                kafkaBootstrap,
                cityDir,
                token,
                tileUrl,
                consumerGroup,
                stateDir,
                List.of(),
                DEFAULT_MAX_WEBHOOKS,
                List.of(),
                KafkaClientProperties.NONE);
    }

    /** Local defaults: 127.0.0.1:8080, token from {@value #TOKEN_ENV} if set. */
    public static ConsoleConfig local(String esUrl, String kafkaBootstrap, Path cityDir) {
        return new ConsoleConfig(
                "127.0.0.1",
                8080,
                List.of(esUrl),
                kafkaBootstrap,
                cityDir,
                System.getenv(TOKEN_ENV),
                null,
                null,
                null);
    }

    public ConsoleConfig withPort(int newPort) {
        return new ConsoleConfig(
                bindAddress,
                newPort,
                esUrls,
                kafkaBootstrap,
                cityDir,
                token,
                tileUrl,
                consumerGroup,
                stateDir,
                webhookAllow,
                maxWebhooks,
                origins,
                kafkaClient);
    }

    public ConsoleConfig withBind(String address, String newToken) {
        return new ConsoleConfig(
                address,
                port,
                esUrls,
                kafkaBootstrap,
                cityDir,
                newToken,
                tileUrl,
                consumerGroup,
                stateDir,
                webhookAllow,
                maxWebhooks,
                origins,
                kafkaClient);
    }

    public ConsoleConfig withWebhooks(List<String> allow, int max) {
        return new ConsoleConfig(
                bindAddress,
                port,
                esUrls,
                kafkaBootstrap,
                cityDir,
                token,
                tileUrl,
                consumerGroup,
                stateDir,
                allow,
                max,
                origins,
                kafkaClient);
    }

    public ConsoleConfig withOrigins(List<String> newOrigins) {
        return new ConsoleConfig(
                bindAddress,
                port,
                esUrls,
                kafkaBootstrap,
                cityDir,
                token,
                tileUrl,
                consumerGroup,
                stateDir,
                webhookAllow,
                maxWebhooks,
                newOrigins,
                kafkaClient);
    }

    public ConsoleConfig withKafkaClient(KafkaClientProperties newKafkaClient) {
        return new ConsoleConfig(
                bindAddress,
                port,
                esUrls,
                kafkaBootstrap,
                cityDir,
                token,
                tileUrl,
                consumerGroup,
                stateDir,
                webhookAllow,
                maxWebhooks,
                origins,
                newKafkaClient);
    }

    /** True when the bind address is a loopback address (only then may the token be absent). */
    public boolean loopback() {
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    "cannot resolve bind address '" + bindAddress + "'", e);
        }
    }

    /**
     * Why a console token is too weak, or null when it is strong enough: at least {@value
     * #TOKEN_MIN_LENGTH} characters, at least {@value #TOKEN_MIN_DISTINCT} of them different. The
     * message never repeats the token.
     */
    public static String tokenProblem(String token) {
        if (token == null) {
            return null;
        }
        if (token.length() < TOKEN_MIN_LENGTH) {
            return TOKEN_ENV
                    + " is too short ("
                    + token.length()
                    + " characters): use at least "
                    + TOKEN_MIN_LENGTH
                    + " random characters, e.g. from `openssl rand -base64 32`";
        }
        if (token.chars().distinct().count() < TOKEN_MIN_DISTINCT) {
            return TOKEN_ENV
                    + " is too simple: it needs at least "
                    + TOKEN_MIN_DISTINCT
                    + " different characters, e.g. from `openssl rand -base64 32`";
        }
        if (!token.equals(token.strip())
                || token.chars().anyMatch(c -> c < 0x21 && c != ' ' || c == 0x7f)) {
            return TOKEN_ENV + " must not start or end with blanks nor contain control characters";
        }
        return null;
    }
}

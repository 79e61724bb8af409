package org.gridwatch.console;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;

/**
 * How the console runs.
 *
 * @param bindAddress address to listen on; loopback by default. Any other address requires {@code token}
 * @param port HTTP port (0 picks a free one)
 * @param esUrls Elasticsearch http(s) URLs
 * @param kafkaBootstrap Kafka bootstrap servers for alert push, or null to run without push
 * @param cityDir city directory (grids.geojson is the map's base layer), or null
 * @param token bearer token every API call must carry, or null (only allowed on loopback)
 * @param tileUrl optional tile URL template for deployments that have a tile server, or null
 * @param consumerGroup Kafka consumer group of the push service
 * @param stateDir where webhook subscriptions are kept across restarts, or null to keep them in memory
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
        Path stateDir) {

    public static final String TOKEN_ENV = "GRIDWATCH_CONSOLE_TOKEN";

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
    }

    /** Local defaults: 127.0.0.1:8080, token from {@value #TOKEN_ENV} if set. */
    public static ConsoleConfig local(String esUrl, String kafkaBootstrap, Path cityDir) {
        return new ConsoleConfig("127.0.0.1", 8080, List.of(esUrl), kafkaBootstrap, cityDir,
                System.getenv(TOKEN_ENV), null, null, null);
    }

    public ConsoleConfig withPort(int newPort) {
        return new ConsoleConfig(bindAddress, newPort, esUrls, kafkaBootstrap, cityDir, token, tileUrl, consumerGroup, stateDir);
    }

    public ConsoleConfig withBind(String address, String newToken) {
        return new ConsoleConfig(address, port, esUrls, kafkaBootstrap, cityDir, newToken, tileUrl, consumerGroup, stateDir);
    }

    /** True when the bind address is a loopback address (only then may the token be absent). */
    public boolean loopback() {
        try {
            return InetAddress.getByName(bindAddress).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve bind address '" + bindAddress + "'", e);
        }
    }
}

package org.gridwatch.gateway.intake;

import org.gridwatch.common.kafka.Topics;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the HTTP intake. Every check fails with one line that names the setting, so a bad
 * start-up stops before anything listens.
 *
 * @param bindHost address to listen on; loopback by default, since the intake speaks plain HTTP
 * @param port TCP port, 0 for any free one
 * @param maxBodyBytes longest request body; a longer one is answered 413 without being read
 * @param open311Keys API keys that may POST Open311 requests (none: every POST is 401)
 * @param ingestToken bearer token of {@code /ingest/*} and {@code /metrics}, or null (then 401)
 * @param esUrl Elasticsearch holding {@code gridwatch-cases}, or null (status answers only what
 *     this intake accepted)
 * @param zone zone of local times without an offset in ingested records (the jobs read them in the
 *     city's zone)
 * @param pendingCapacity accepted Open311 requests remembered until their case document exists
 */
public record IntakeConfig(
        String bindHost,
        int port,
        int maxBodyBytes,
        List<String> open311Keys,
        String ingestToken,
        String esUrl,
        ZoneId zone,
        int pendingCapacity) {
    public static final int DEFAULT_PORT = 8311;
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    /** Environment variable with the Open311 API keys, comma separated. */
    public static final String OPEN311_KEYS_ENV = "GRIDWATCH_OPEN311_KEYS";

    /** Environment variable with the bearer token of the ingest endpoints. */
    public static final String INGEST_TOKEN_ENV = "GRIDWATCH_INTAKE_TOKEN";

    /** The {@code channel} of every complaint that came through Open311. */
    public static final String CHANNEL = "open311";

    public static final String HOTLINE_TOPIC = Topics.HOTLINE;
    public static final String IOT_TOPIC = Topics.IOT;
    public static final String DEAD_LETTER_TOPIC = Topics.DEAD_LETTER;
    public static final String CASES_INDEX = "gridwatch-cases";

    public IntakeConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(
                    "intake port " + port + " is not between 0 and 65535");
        }
        if (maxBodyBytes < 1024 || maxBodyBytes > 64 * 1024 * 1024) {
            throw new IllegalArgumentException(
                    "intake body limit " + maxBodyBytes + " bytes is not between 1 KiB and 64 MiB");
        }
        open311Keys = List.copyOf(open311Keys);
        for (String key : open311Keys) {
            String problem = Secrets.weakness(OPEN311_KEYS_ENV + " key", key);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        String problem =
                ingestToken == null ? null : Secrets.weakness(INGEST_TOKEN_ENV, ingestToken);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (esUrl != null && !(esUrl.startsWith("http://") || esUrl.startsWith("https://"))) {
            throw new IllegalArgumentException(
                    "intake --es '" + esUrl + "' is not an http(s):// URL");
        }
        Objects.requireNonNull(zone, "zone");
        if (pendingCapacity < 1) {
            throw new IllegalArgumentException(
                    "intake pendingCapacity must be positive, got " + pendingCapacity);
        }
    }

    /** Loopback, port 8311, 1 MiB bodies, no keys, no token, no Elasticsearch, Asia/Shanghai. */
    public static IntakeConfig defaults() {
        return new IntakeConfig(
                "127.0.0.1",
                DEFAULT_PORT,
                DEFAULT_MAX_BODY_BYTES,
                List.of(),
                null,
                null,
                ZoneId.of("Asia/Shanghai"),
                10_000);
    }

    /**
     * Keys and token from {@value #OPEN311_KEYS_ENV} and {@value #INGEST_TOKEN_ENV} when they are
     * set.
     */
    public IntakeConfig withSecretsFromEnvironment() {
        String keys = System.getenv(OPEN311_KEYS_ENV);
        String token = System.getenv(INGEST_TOKEN_ENV);
        IntakeConfig c = this;
        if (keys != null && !keys.isBlank()) {
            c =
                    c.withOpen311Keys(
                            Arrays.stream(keys.split(","))
                                    .map(String::strip)
                                    .filter(k -> !k.isEmpty())
                                    .toList());
        }
        if (token != null && !token.isBlank()) {
            c = c.withIngestToken(token);
        }
        return c;
    }

    public IntakeConfig withBindHost(String v) {
        return new IntakeConfig(
                v, port, maxBodyBytes, open311Keys, ingestToken, esUrl, zone, pendingCapacity);
    }

    public IntakeConfig withPort(int v) {
        return new IntakeConfig(
                bindHost, v, maxBodyBytes, open311Keys, ingestToken, esUrl, zone, pendingCapacity);
    }

    public IntakeConfig withMaxBodyBytes(int v) {
        return new IntakeConfig(
                bindHost, port, v, open311Keys, ingestToken, esUrl, zone, pendingCapacity);
    }

    public IntakeConfig withOpen311Keys(List<String> v) {
        return new IntakeConfig(
                bindHost, port, maxBodyBytes, v, ingestToken, esUrl, zone, pendingCapacity);
    }

    public IntakeConfig withIngestToken(String v) {
        return new IntakeConfig(
                bindHost, port, maxBodyBytes, open311Keys, v, esUrl, zone, pendingCapacity);
    }

    public IntakeConfig withEsUrl(String v) {
        return new IntakeConfig(
                bindHost, port, maxBodyBytes, open311Keys, ingestToken, v, zone, pendingCapacity);
    }

    public IntakeConfig withZone(ZoneId v) {
        return new IntakeConfig(
                bindHost, port, maxBodyBytes, open311Keys, ingestToken, esUrl, v, pendingCapacity);
    }

    /** The effective configuration for the start-up log: secrets are counted, never shown. */
    public String describe() {
        return "bind "
                + bindHost
                + ":"
                + port
                + ", body limit "
                + maxBodyBytes
                + " bytes, "
                + open311Keys.size()
                + " Open311 API key(s), ingest token "
                + (ingestToken == null ? "not set (ingest refused)" : "set")
                + ", Elasticsearch "
                + (esUrl == null ? "none" : esUrl)
                + ", local times in "
                + zone
                + ", remembers "
                + pendingCapacity
                + " pending requests";
    }
}

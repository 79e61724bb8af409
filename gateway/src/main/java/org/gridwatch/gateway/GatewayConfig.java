package org.gridwatch.gateway;

import org.gridwatch.common.kafka.Topics;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Settings of the JT/T 808 gateway; {@link #defaults()} gives the documented defaults
 * (gateway/README.md).
 *
 * @param bindHost address to listen on
 * @param port TCP port; 0 picks a free one ({@link
 *     org.gridwatch.gateway.server.Jt808Gateway#port()} tells which)
 * @param zone zone of the terminals' BCD times (the standard says GMT+8)
 * @param authSecret key of the authentication codes handed out in 0x8100 (an HMAC of the phone
 *     number), so a terminal can authenticate again after a gateway restart without stored state
 * @param acceptAnyAuthCode accept any non-empty code in 0x0102 (terminals provisioned by another
 *     platform)
 * @param idleTimeout a connection that sends nothing this long is closed (terminals heartbeat every
 *     30-60 s)
 * @param maxFramesPerSecond sustained frames per second one connection may send
 * @param burstFrames frames a connection may send at once above the sustained rate
 * @param maxFrameBytes longest escaped frame accepted; longer input is dropped as oversized
 * @param maxSubpackages most sub-packages one message may have
 * @param subpackageTimeout a sub-packaged message not complete after this long is given up
 * @param boxLiftedBit status bit that means "cargo box lifted" for the jobs (their {@code
 *     truck.boxLiftedBit})
 * @param liftItemId additional item that reports the lift (its first byte non-zero = lifted), or -1
 *     when the terminals set {@code boxLiftedBit} themselves; when set, the gateway writes the
 *     item's state into {@code boxLiftedBit} of the published status
 * @param workerThreads Netty worker threads; 0 = Netty's default (2 per core)
 * @param gpsTopic where positions go
 * @param deadLetterTopic where rejected input goes
 */
public record GatewayConfig(
        String bindHost,
        int port,
        ZoneId zone,
        String authSecret,
        boolean acceptAnyAuthCode,
        Duration idleTimeout,
        int maxFramesPerSecond,
        int burstFrames,
        int maxFrameBytes,
        int maxSubpackages,
        Duration subpackageTimeout,
        int boxLiftedBit,
        int liftItemId,
        int workerThreads,
        String gpsTopic,
        String deadLetterTopic) {

    public static final int DEFAULT_PORT = 6808;

    public GatewayConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535: " + port);
        }
        if (boxLiftedBit < 0 || boxLiftedBit > 31) {
            throw new IllegalArgumentException(
                    "boxLiftedBit must be a bit of the 32-bit status word (0-31)");
        }
        if (liftItemId < -1 || liftItemId > 255) {
            throw new IllegalArgumentException(
                    "liftItemId must be an additional item id (0-255) or -1");
        }
        if (maxFramesPerSecond < 1 || burstFrames < 1 || maxFrameBytes < 64 || maxSubpackages < 1) {
            throw new IllegalArgumentException(
                    "rate, burst, frame and sub-package limits must be positive");
        }
    }

    public static GatewayConfig defaults() {
        return new GatewayConfig(
                "0.0.0.0",
                DEFAULT_PORT,
                ZoneOffset.ofHours(8),
                "gridwatch-jt808",
                false,
                Duration.ofMinutes(3),
                10,
                50,
                4096,
                64,
                Duration.ofSeconds(60),
                29,
                -1,
                0,
                Topics.GPS,
                Topics.DEAD_LETTER);
    }

    public GatewayConfig withPort(int p) {
        return new GatewayConfig(
                bindHost,
                p,
                zone,
                authSecret,
                acceptAnyAuthCode,
                idleTimeout,
                maxFramesPerSecond,
                burstFrames,
                maxFrameBytes,
                maxSubpackages,
                subpackageTimeout,
                boxLiftedBit,
                liftItemId,
                workerThreads,
                gpsTopic,
                deadLetterTopic);
    }

    public GatewayConfig withRate(int framesPerSecond, int burst) {
        return new GatewayConfig(
                bindHost,
                port,
                zone,
                authSecret,
                acceptAnyAuthCode,
                idleTimeout,
                framesPerSecond,
                burst,
                maxFrameBytes,
                maxSubpackages,
                subpackageTimeout,
                boxLiftedBit,
                liftItemId,
                workerThreads,
                gpsTopic,
                deadLetterTopic);
    }

    public GatewayConfig withLift(int bit, int itemId) {
        return new GatewayConfig(
                bindHost,
                port,
                zone,
                authSecret,
                acceptAnyAuthCode,
                idleTimeout,
                maxFramesPerSecond,
                burstFrames,
                maxFrameBytes,
                maxSubpackages,
                subpackageTimeout,
                bit,
                itemId,
                workerThreads,
                gpsTopic,
                deadLetterTopic);
    }

    public GatewayConfig withIdleTimeout(Duration idle) {
        return new GatewayConfig(
                bindHost,
                port,
                zone,
                authSecret,
                acceptAnyAuthCode,
                idle,
                maxFramesPerSecond,
                burstFrames,
                maxFrameBytes,
                maxSubpackages,
                subpackageTimeout,
                boxLiftedBit,
                liftItemId,
                workerThreads,
                gpsTopic,
                deadLetterTopic);
    }

    public GatewayConfig withAcceptAnyAuthCode(boolean any) {
        return new GatewayConfig(
                bindHost,
                port,
                zone,
                authSecret,
                any,
                idleTimeout,
                maxFramesPerSecond,
                burstFrames,
                maxFrameBytes,
                maxSubpackages,
                subpackageTimeout,
                boxLiftedBit,
                liftItemId,
                workerThreads,
                gpsTopic,
                deadLetterTopic);
    }

    public GatewayConfig withZone(ZoneId z) {
        return new GatewayConfig(
                bindHost,
                port,
                z,
                authSecret,
                acceptAnyAuthCode,
                idleTimeout,
                maxFramesPerSecond,
                burstFrames,
                maxFrameBytes,
                maxSubpackages,
                subpackageTimeout,
                boxLiftedBit,
                liftItemId,
                workerThreads,
                gpsTopic,
                deadLetterTopic);
    }

    public GatewayConfig withAuthSecret(String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException(
                    "the authentication secret must have at least 16 characters");
        }
        return new GatewayConfig(
                bindHost,
                port,
                zone,
                secret,
                acceptAnyAuthCode,
                idleTimeout,
                maxFramesPerSecond,
                burstFrames,
                maxFrameBytes,
                maxSubpackages,
                subpackageTimeout,
                boxLiftedBit,
                liftItemId,
                workerThreads,
                gpsTopic,
                deadLetterTopic);
    }
}

package org.gridwatch.gateway.net;

import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.gateway.GatewayMetrics;
import org.gridwatch.gateway.codec.Bcd;
import org.gridwatch.gateway.publish.GatewayOutput;

import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Counts and dead-letters what one terminal session refuses, with the raw bytes in hex and the
 * connection it came from. Kept apart from {@link Jt808SessionHandler} because every path of the
 * session (frames, sub-packages, locations, rate limit) refuses in the same way, and so that a dead
 * letter is built in one place only.
 */
final class Rejections {
    private static final HexFormat HEX = HexFormat.of();

    private final GatewayOutput output;
    private final GatewayMetrics metrics;
    private final Supplier<String> remote;

    /** {@code remote} is read per letter: the address is known only once the channel is active. */
    Rejections(GatewayOutput output, GatewayMetrics metrics, Supplier<String> remote) {
        this.output = output;
        this.metrics = metrics;
        this.remote = remote;
    }

    /** Counts the refusal under its reason code and dead-letters the input. */
    void reject(String reasonCode, String reason, byte[] raw, String phone) {
        metrics.rejected(reasonCode);
        output.deadLetter(deadLetter(reasonCode, reason, raw, phone));
    }

    /** The dead letter of one refused input, keyed by the terminal's canonical phone. */
    DeadLetter deadLetter(String reasonCode, String reason, byte[] raw, String phone) {
        String key = phone == null ? null : Bcd.canonicalPhone(phone);
        return new DeadLetter(
                reasonCode,
                reason + " (from " + remote.get() + ")",
                Jt808SessionHandler.SOURCE,
                -1,
                -1,
                key,
                HEX.formatHex(raw),
                "hex",
                System.currentTimeMillis());
    }
}

package org.gridwatch.gateway.codec;

import org.gridwatch.common.model.ReasonCodes;

import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reassembles sub-packaged messages of one connection. The parts of one message carry consecutive
 * serial numbers, so part {@code i} of a message whose first part has serial {@code s} has serial
 * {@code s + i - 1}: (message id, first serial, total) names the message. Parts may come in any
 * order and a repeated part replaces the earlier copy (terminals resend parts they got no reply
 * to).
 *
 * <p>Bounded: at most {@code maxParts} parts per message and {@code maxPending} messages in
 * progress (the oldest is given up when a new one would exceed it); a message not complete after
 * {@code timeoutMs} is given up at the next {@link #expire}. Given-up messages go to the {@code
 * dropped} callback with their parts so far, for the dead letter. Not thread-safe: one per
 * connection, used on its event loop.
 */
public final class SubpackageAssembler {
    private final int maxParts;
    private final int maxPending;
    private final long timeoutMs;
    private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();

    public SubpackageAssembler(int maxParts, int maxPending, long timeoutMs) {
        this.maxParts = maxParts;
        this.maxPending = maxPending;
        this.timeoutMs = timeoutMs;
    }

    /** A message given up before all its parts came. */
    public record Incomplete(
            int messageId,
            String phone,
            int total,
            int received,
            byte[] partsSoFar,
            String reason) {}

    private record Key(int messageId, int firstSerial, int total) {}

    private static final class Pending {
        final byte[][] parts;
        final long since;
        int received;

        Pending(int total, long since) {
            this.parts = new byte[total][];
            this.since = since;
        }
    }

    /**
     * Takes one part; returns the whole message when this part completes it, else null. The whole
     * message has the header of the completing part without the sub-package fields.
     */
    public Packet offer(Packet part, long nowMs, Consumer<Incomplete> dropped) {
        Header h = part.header();
        if (h.total() < 1 || h.index() < 1 || h.index() > h.total()) {
            throw new Jt808Exception(
                    ReasonCodes.JT808_SUBPACKAGE,
                    "sub-package "
                            + h.index()
                            + " of "
                            + h.total()
                            + " (the index counts from 1 to the total)");
        }
        if (h.total() > maxParts) {
            throw new Jt808Exception(
                    ReasonCodes.JT808_SUBPACKAGE,
                    "message split into "
                            + h.total()
                            + " sub-packages, more than the "
                            + maxParts
                            + " allowed");
        }
        Key key = new Key(h.messageId(), (h.serial() - h.index() + 1) & 0xffff, h.total());
        Pending p = pending.get(key);
        if (p == null) {
            while (pending.size() >= maxPending) {
                Iterator<Map.Entry<Key, Pending>> oldest = pending.entrySet().iterator();
                Map.Entry<Key, Pending> e = oldest.next();
                oldest.remove();
                dropped.accept(
                        incomplete(
                                e.getKey(),
                                e.getValue(),
                                h.phone(),
                                "more than "
                                        + maxPending
                                        + " sub-packaged messages in progress at once"));
            }
            p = new Pending(h.total(), nowMs);
            pending.put(key, p);
        }
        if (p.parts[h.index() - 1] == null) {
            p.received++;
        }
        p.parts[h.index() - 1] = part.body();
        if (p.received < h.total()) {
            return null;
        }
        pending.remove(key);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] b : p.parts) {
            body.writeBytes(b);
        }
        Header whole =
                new Header(
                        h.messageId(),
                        body.size(),
                        h.encryption(),
                        false,
                        h.protocolVersion(),
                        h.phone(),
                        h.serial(),
                        0,
                        0,
                        h.length() - 4);
        return new Packet(whole, body.toByteArray());
    }

    /** Gives up messages older than the timeout. */
    public void expire(long nowMs, String phone, Consumer<Incomplete> dropped) {
        Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Pending> e = it.next();
            if (nowMs - e.getValue().since > timeoutMs) {
                it.remove();
                dropped.accept(
                        incomplete(
                                e.getKey(),
                                e.getValue(),
                                phone,
                                "sub-packages still missing after " + timeoutMs / 1000 + " s"));
            }
        }
    }

    /** Gives up everything (the connection closed). */
    public void clear(String phone, Consumer<Incomplete> dropped) {
        pending.forEach(
                (k, p) ->
                        dropped.accept(
                                incomplete(
                                        k,
                                        p,
                                        phone,
                                        "connection closed with sub-packages missing")));
        pending.clear();
    }

    public int pendingMessages() {
        return pending.size();
    }

    private static Incomplete incomplete(Key k, Pending p, String phone, String why) {
        ByteArrayOutputStream so = new ByteArrayOutputStream();
        for (byte[] b : p.parts) {
            if (b != null) {
                so.writeBytes(b);
            }
        }
        return new Incomplete(
                k.messageId(),
                phone,
                k.total(),
                p.received,
                so.toByteArray(),
                String.format(
                        "message 0x%04x: %d of %d sub-packages received; %s",
                        k.messageId(), p.received, k.total(), why));
    }
}

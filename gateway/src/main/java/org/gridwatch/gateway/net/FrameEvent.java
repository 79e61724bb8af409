package org.gridwatch.gateway.net;

import org.gridwatch.gateway.codec.Header;
import org.gridwatch.gateway.codec.Packet;

/** What the frame decoder passes on: a good frame, or input it could not use. */
public sealed interface FrameEvent {

    /** The bytes as they came off the wire (escaped, with flags), for dead letters. */
    byte[] raw();

    /**
     * A frame that passed unescaping, length and check-code tests.
     *
     * @param decodedAtNanos {@link System#nanoTime()} when it was decoded (the latency metric's
     *     start)
     */
    record Good(Packet packet, byte[] raw, long decodedAtNanos) implements FrameEvent {}

    /**
     * Input that is not a usable frame.
     *
     * @param header the header, when it could still be read (so the terminal can be told "bad
     *     message"), or null
     */
    record Bad(String reasonCode, String reason, byte[] raw, Header header) implements FrameEvent {}
}

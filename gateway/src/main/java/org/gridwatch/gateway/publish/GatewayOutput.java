package org.gridwatch.gateway.publish;

import org.gridwatch.common.model.DeadLetter;

/**
 * Where the gateway puts what it decodes: positions for {@code gridwatch.gps} and dead letters.
 * Implementations must be thread-safe (every Netty event loop calls them) and must not block: the
 * calling thread serves thousands of connections.
 */
public interface GatewayOutput extends AutoCloseable {

    /**
     * One position record.
     *
     * @param key the Kafka key (the entity id)
     * @param value the JSON value
     * @param eventTime the fix time, used as the record timestamp
     * @param decodedAtNanos {@link System#nanoTime()} when its frame was decoded, for the latency
     *     metric
     * @param done called exactly once, on any thread, with true when the record is stored (Kafka
     *     acknowledged it) and false when it is not; the terminal's reply waits for it
     */
    void position(String key, byte[] value, long eventTime, long decodedAtNanos, Done done);

    /** Completion of one {@link #position}. */
    @FunctionalInterface
    interface Done {
        void stored(boolean ok);
    }

    void deadLetter(DeadLetter deadLetter);

    @Override
    default void close() {}
}

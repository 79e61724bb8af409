package org.gridwatch.sim.engine;

/** Where simulated events go: Kafka, NDJSON files, or a test's list. */
public interface EventSink extends AutoCloseable {
    void accept(SimEvent event) throws Exception;

    @Override
    default void close() throws Exception {}
}

package org.gridwatch.common.testing;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sink that keeps what it receives in memory, for MiniCluster tests (one JVM). Each instance has
 * its own bucket, so tests running in parallel do not see each other's records.
 */
public final class CollectingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, List<Object>> BUCKETS = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    public CollectingSink() {
        BUCKETS.put(id, new CopyOnWriteArrayList<>());
    }

    @SuppressWarnings("unchecked")
    public List<T> values() {
        return new ArrayList<>((List<T>) (List<?>) BUCKETS.get(id));
    }

    public void clear() {
        BUCKETS.get(id).clear();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        List<Object> bucket = BUCKETS.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                bucket.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}

package org.gridwatch.common.testing;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.functions.FromElementsGeneratorFunction;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;

import org.gridwatch.common.model.RawRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Bounded in-memory stand-ins for the Kafka input topics, for workflow tests. */
public final class TestSources {
    private TestSources() {}

    /**
     * One raw record per line, as if read from partition 0 of {@code topic} at offsets 0, 1, 2, ...
     */
    public static org.apache.flink.api.connector.source.Source<RawRecord, ?, ?> raw(
            String topic, List<String> lines) {
        List<RawRecord> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            records.add(
                    new RawRecord(
                            topic, 0, i, 0L, null, lines.get(i).getBytes(StandardCharsets.UTF_8)));
        }
        return of(records);
    }

    public static org.apache.flink.api.connector.source.Source<RawRecord, ?, ?> of(
            List<RawRecord> records) {
        TypeInformation<RawRecord> type = TypeInformation.of(RawRecord.class);
        if (records.isEmpty()) {
            return new EmptySource<>(type);
        }
        return new DataGeneratorSource<>(
                new FromElementsGeneratorFunction<>(type, records.toArray(RawRecord[]::new)),
                records.size(),
                type);
    }

    public static org.apache.flink.api.connector.source.Source<RawRecord, ?, ?> empty(
            String topic) {
        return raw(topic, List.of());
    }
}

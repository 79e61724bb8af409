package org.gridwatch.jobs;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.DeadLetter;

/**
 * What the detections of one workflow produce, gathered so that each kind of output gets exactly one
 * sink however many detectors a job runs.
 */
public final class Results {
    private final List<DataStream<Alert>> alerts = new ArrayList<>();
    private final List<DataStream<EsWriteRequest>> documents = new ArrayList<>();
    private final List<DataStream<DeadLetter>> deadLetters = new ArrayList<>();

    private Results() {}

    /** The results of a workflow over {@code streams}, starting with the dead letters of their ingestion. */
    public static Results of(GridWatchJob.Streams streams) {
        Results r = new Results();
        streams.deadLetters().forEach(r::deadLetters);
        return r;
    }

    public Results alerts(DataStream<Alert> s) {
        alerts.add(s);
        return this;
    }

    public Results documents(DataStream<EsWriteRequest> s) {
        documents.add(s);
        return this;
    }

    public Results deadLetters(DataStream<DeadLetter> s) {
        deadLetters.add(s);
        return this;
    }

    /** Unions each kind and hands it to its output; kinds nobody produced get no sink. */
    public void sendTo(Outputs outputs) {
        union(alerts).ifPresent(outputs.alerts());
        union(documents).ifPresent(outputs.documents());
        union(deadLetters).ifPresent(outputs.deadLetters());
    }

    @SuppressWarnings("unchecked")
    private static <T> java.util.Optional<DataStream<T>> union(List<DataStream<T>> streams) {
        if (streams.isEmpty()) {
            return java.util.Optional.empty();
        }
        DataStream<T> first = streams.get(0);
        if (streams.size() == 1) {
            return java.util.Optional.of(first);
        }
        return java.util.Optional.of(first.union(streams.subList(1, streams.size()).toArray(DataStream[]::new)));
    }
}

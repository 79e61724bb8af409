package org.gridwatch.jobs.wiring;

import org.apache.flink.streaming.api.datastream.DataStream;

import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.Position;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the detections of one workflow produce, gathered so that each kind of output gets exactly
 * one sink however many detectors a job runs. Detections only add streams here; {@link Workflows}
 * alone hands them to the {@link Outputs}, once, because the sinks have fixed uids.
 */
public final class Results {
    private final List<DataStream<Position>> positions = new ArrayList<>();
    private final List<DataStream<Alert>> alerts = new ArrayList<>();
    private final List<DataStream<EsWriteRequest>> documents = new ArrayList<>();
    private final List<DataStream<DeadLetter>> deadLetters = new ArrayList<>();
    private boolean sent;

    private Results() {}

    /**
     * The results of a workflow over {@code inputs}, starting with the dead letters of their
     * ingestion.
     */
    static Results of(ParsedInputs inputs) {
        Results r = new Results();
        inputs.deadLetters().forEach(r::deadLetters);
        return r;
    }

    /**
     * Latest positions for the live map; they have an output of their own (throttled position
     * documents).
     */
    public Results positions(DataStream<Position> s) {
        positions.add(s);
        return this;
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

    /** How many alert streams the detections have added so far. */
    int alertStreams() {
        return alerts.size();
    }

    /**
     * Passes the alerts of all detections through {@code stage} once, as one stream, before they go
     * to the sinks (the nearest-officer enrichment). Nothing happens when no detection added
     * alerts.
     */
    void throughStage(UnaryOperator<DataStream<Alert>> stage) {
        if (sent) {
            throw new IllegalStateException("the results were already sent to the outputs");
        }
        Optional<DataStream<Alert>> all = union(alerts);
        if (all.isPresent()) {
            DataStream<Alert> staged = stage.apply(all.get());
            alerts.clear();
            alerts.add(staged);
        }
    }

    /** Unions each kind and hands it to its output; kinds nobody produced get no sink. */
    void sendTo(Outputs outputs) {
        if (sent) {
            throw new IllegalStateException(
                    "the results of a workflow go to its outputs once: each sink has a fixed uid");
        }
        sent = true;
        union(positions).ifPresent(outputs.positions());
        union(alerts).ifPresent(outputs.alerts());
        union(documents).ifPresent(outputs.documents());
        union(deadLetters).ifPresent(outputs.deadLetters());
    }

    @SuppressWarnings("unchecked")
    private static <T> Optional<DataStream<T>> union(List<DataStream<T>> streams) {
        if (streams.isEmpty()) {
            return Optional.empty();
        }
        DataStream<T> first = streams.get(0);
        if (streams.size() == 1) {
            return Optional.of(first);
        }
        return Optional.of(
                first.union(streams.subList(1, streams.size()).toArray(DataStream[]::new)));
    }
}

package org.gridwatch.jobs.wiring;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.flink.Ingest;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.parse.GpsParser;
import org.gridwatch.common.parse.HotlineParser;
import org.gridwatch.common.parse.IotParser;
import org.gridwatch.common.parse.ReferenceParser;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads and parses the input topics of one workflow. Package-private and called by {@link
 * Workflows} only: the sources, parsers and the reference broadcast have fixed uids, so each may be
 * built at most once per workflow.
 */
final class Ingestion {
    private Ingestion() {}

    /**
     * Reads every input topic the inputs name, once. Unusable records are in {@link
     * ParsedInputs#deadLetters()}: {@link Results#of(ParsedInputs)} starts the workflow's results
     * with them, so that they and the detections' own dead letters ({@code unknown_case}, say)
     * reach the one dead-letter sink.
     */
    static ParsedInputs ingest(
            StreamExecutionEnvironment env, Inputs inputs, JobSettings settings) {
        List<DataStream<DeadLetter>> dead = new ArrayList<>();
        DataStream<GpsPing> gps =
                inputs.gps() == null
                        ? null
                        : keep(
                                dead,
                                Ingest.topic(
                                        env,
                                        inputs.gps(),
                                        Topics.GPS,
                                        new GpsParser(settings.parseLimits(), settings.cityZone()),
                                        GpsPing.class,
                                        (p, ts) -> p.eventTime(),
                                        settings));
        DataStream<HotlineEvent> hotline =
                inputs.hotline() == null
                        ? null
                        : keep(
                                dead,
                                Ingest.topic(
                                        env,
                                        inputs.hotline(),
                                        Topics.HOTLINE,
                                        new HotlineParser(
                                                settings.parseLimits(), settings.cityZone()),
                                        HotlineEvent.class,
                                        (e, ts) -> e.eventTime(),
                                        settings));
        DataStream<IotEvent> iot =
                inputs.iot() == null
                        ? null
                        : keep(
                                dead,
                                Ingest.topic(
                                        env,
                                        inputs.iot(),
                                        Topics.IOT,
                                        new IotParser(settings.parseLimits(), settings.cityZone()),
                                        IotEvent.class,
                                        (e, ts) -> e.eventTime(),
                                        settings));
        DataStream<ReferenceUpdate> reference =
                inputs.reference() == null
                        ? null
                        : keep(
                                dead,
                                Ingest.topic(
                                        env,
                                        inputs.reference(),
                                        Topics.REFERENCE,
                                        referenceParser(settings),
                                        ReferenceUpdate.class,
                                        (e, ts) -> e.eventTime(),
                                        settings));
        // The suffix "all" is in the broadcast's uid (reference-clock-all): kept for savepoint
        // compatibility.
        return new ParsedInputs(
                gps,
                hotline,
                iot,
                reference,
                reference == null ? null : ReferenceHolder.broadcast(reference, "all"),
                List.copyOf(dead));
    }

    /**
     * Reference updates checked against the city's bounds (its files' or its CITY record's), else
     * against China's.
     */
    static ReferenceParser referenceParser(JobSettings settings) {
        return new ReferenceParser(
                settings.parseLimits(), settings.cityBounds(), settings.cityZone());
    }

    private static <T> DataStream<T> keep(
            List<DataStream<DeadLetter>> dead, Ingest.Ingested<T> ingested) {
        dead.add(ingested.deadLetters());
        return ingested.events();
    }
}

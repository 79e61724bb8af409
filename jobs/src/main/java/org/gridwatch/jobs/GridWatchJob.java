package org.gridwatch.jobs;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.flink.Ingest;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.kafka.ReferenceBootstrap;
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
import org.gridwatch.jobs.positions.PositionsJob;

/**
 * All GridWatch detections in one Flink job, for the demo and for small cities: every input topic
 * is read and parsed once, and each detection attaches to the parsed streams. Each detection is also
 * a job of its own ({@link PositionsJob}, ...) for clusters that run them apart.
 */
public final class GridWatchJob {
    public static final String NAME = "gridwatch-all";

    private GridWatchJob() {}

    /**
     * The parsed, watermarked input streams of one job (null for a topic the job does not read), and
     * the reference updates broadcast to every detector.
     */
    public record Streams(
            DataStream<GpsPing> gps,
            DataStream<HotlineEvent> hotline,
            DataStream<IotEvent> iot,
            DataStream<ReferenceUpdate> reference,
            BroadcastStream<ReferenceUpdate> referenceBroadcast,
            List<DataStream<DeadLetter>> deadLetters) {}

    public static void defineWorkflow(StreamExecutionEnvironment env, Inputs inputs, Outputs outputs, JobSettings settings) {
        Streams streams = ingestAll(env, inputs, outputs, settings);
        PositionsJob.attach(streams.gps(), outputs, settings);
        Results results = Results.of(streams);
        // Detections attach here, each adding its alerts and documents to the results.
        org.gridwatch.jobs.cases.CaseJob.attach(streams, settings, results);
        org.gridwatch.jobs.coverage.CoverageJob.attach(streams, settings, results);
        org.gridwatch.jobs.noise.NoiseJob.attach(streams, settings, results);
        org.gridwatch.jobs.stalls.StallsJob.attach(streams, settings, results);
        org.gridwatch.jobs.trucks.TruckJob.attach(streams, settings, results);
        results.sendTo(outputs);
    }

    /**
     * Reads every input topic the inputs name, once. Unusable records are in {@link Streams#deadLetters()}:
     * start the workflow's {@link Results} with {@link Results#of(Streams)}, so that they and the
     * detections' own dead letters ({@code unknown_case}, say) reach the one dead-letter sink (its uid is
     * fixed; call at most once per workflow).
     */
    public static Streams ingestAll(StreamExecutionEnvironment env, Inputs inputs, Outputs outputs, JobSettings settings) {
        List<DataStream<DeadLetter>> dead = new ArrayList<>();
        DataStream<GpsPing> gps = inputs.gps() == null ? null : keep(dead, Ingest.topic(env, inputs.gps(), Topics.GPS,
                new GpsParser(settings.parseLimits(), settings.cityZone()), GpsPing.class, (p, ts) -> p.eventTime(), settings));
        DataStream<HotlineEvent> hotline = inputs.hotline() == null ? null : keep(dead, Ingest.topic(env, inputs.hotline(), Topics.HOTLINE,
                new HotlineParser(settings.parseLimits(), settings.cityZone()), HotlineEvent.class, (e, ts) -> e.eventTime(), settings));
        DataStream<IotEvent> iot = inputs.iot() == null ? null : keep(dead, Ingest.topic(env, inputs.iot(), Topics.IOT,
                new IotParser(settings.parseLimits(), settings.cityZone()), IotEvent.class, (e, ts) -> e.eventTime(), settings));
        DataStream<ReferenceUpdate> reference = inputs.reference() == null ? null : keep(dead, Ingest.topic(env, inputs.reference(),
                Topics.REFERENCE, referenceParser(settings), ReferenceUpdate.class, (e, ts) -> e.eventTime(), settings));
        return new Streams(gps, hotline, iot, reference, reference == null ? null : ReferenceHolder.broadcast(reference, "all"),
                List.copyOf(dead));
    }

    /** Reference updates checked against the city's bounds (its files' or its CITY record's), else against China's. */
    static ReferenceParser referenceParser(JobSettings settings) {
        return new ReferenceParser(settings.parseLimits(), settings.cityBounds(), settings.cityZone());
    }

    private static <T> DataStream<T> keep(List<DataStream<DeadLetter>> dead, Ingest.Ingested<T> ingested) {
        dead.add(ingested.deadLetters());
        return ingested.events();
    }

    public static void main(String[] args) throws Exception {
        JobSettings settings = ReferenceBootstrap.complete(JobSettings.fromArgs(args, NAME));
        StreamExecutionEnvironment env = JobRuntime.environment(settings, NAME);
        defineWorkflow(env, Inputs.kafka(settings), ProductionOutputs.create(settings, NAME), settings);
        env.execute(NAME);
    }
}

package org.gridwatch.jobs;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.flink.Ingest;
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

    /** The parsed, watermarked input streams of one job. */
    public record Streams(
            DataStream<GpsPing> gps,
            DataStream<HotlineEvent> hotline,
            DataStream<IotEvent> iot,
            DataStream<ReferenceUpdate> reference) {}

    public static void defineWorkflow(StreamExecutionEnvironment env, Inputs inputs, Outputs outputs, JobSettings settings) {
        Streams streams = ingestAll(env, inputs, outputs, settings);
        PositionsJob.attach(streams.gps(), outputs, settings);
    }

    /** Reads every input topic once; all unusable records go to the dead-letter output. */
    public static Streams ingestAll(StreamExecutionEnvironment env, Inputs inputs, Outputs outputs, JobSettings settings) {
        long now = System.currentTimeMillis();
        var gps = Ingest.topic(env, inputs.gps(), Topics.GPS,
                new GpsParser(settings.parseLimits()), GpsPing.class,
                (p, ts) -> p.eventTime(), settings);
        var hotline = Ingest.topic(env, inputs.hotline(), Topics.HOTLINE,
                new HotlineParser(settings.parseLimits()), HotlineEvent.class,
                (e, ts) -> e.eventTime(), settings);
        var iot = Ingest.topic(env, inputs.iot(), Topics.IOT,
                new IotParser(settings.parseLimits()), IotEvent.class,
                (e, ts) -> e.eventTime(), settings);
        var reference = Ingest.topic(env, inputs.reference(), Topics.REFERENCE,
                new ReferenceParser(settings.parseLimits()), ReferenceUpdate.class,
                (e, ts) -> e.eventTime(), settings);
        DataStream<DeadLetter> dead = gps.deadLetters()
                .union(hotline.deadLetters(), iot.deadLetters(), reference.deadLetters());
        outputs.deadLetters().accept(dead);
        return new Streams(gps.events(), hotline.events(), iot.events(), reference.events());
    }

    public static void main(String[] args) throws Exception {
        JobSettings settings = JobSettings.fromArgs(args, NAME);
        StreamExecutionEnvironment env = JobRuntime.environment(settings, NAME);
        defineWorkflow(env, Inputs.kafka(settings), ProductionOutputs.create(settings, NAME), settings);
        env.execute(NAME);
    }
}

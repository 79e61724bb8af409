package org.gridwatch.jobs.positions;

import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.common.kafka.ReferenceBootstrap;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.flink.Ingest;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.Position;
import org.gridwatch.common.parse.GpsParser;
import org.gridwatch.jobs.Inputs;
import org.gridwatch.jobs.JobRuntime;
import org.gridwatch.jobs.Outputs;
import org.gridwatch.jobs.ProductionOutputs;

/**
 * Latest positions of officers and trucks for the live map ({@code gridwatch-positions}, one
 * document per entity, throttled per entity in event time).
 */
public final class PositionsJob {
    public static final String NAME = "gridwatch-positions";
    /** Entities silent this long (event time) are forgotten by the job; their last document stays. */
    static final Duration RETENTION = Duration.ofHours(2);

    private PositionsJob() {}

    public static void defineWorkflow(StreamExecutionEnvironment env, Inputs inputs, Outputs outputs, JobSettings settings) {
        var gps = Ingest.topic(env, inputs.gps(), Topics.GPS,
                new GpsParser(settings.parseLimits(), settings.cityZone()), GpsPing.class,
                (p, ts) -> p.eventTime(), settings);
        outputs.deadLetters().accept(gps.deadLetters());
        attach(gps.events(), outputs, settings);
    }

    public static void attach(DataStream<GpsPing> gps, Outputs outputs, JobSettings settings) {
        DataStream<Position> positions = gps.keyBy(GpsPing::entityId)
                .process(new LatestPositionFunction(settings.positionThrottle().toMillis(), RETENTION.toMillis()))
                .uid("latest-position-v1")
                .name("Latest position per entity");
        outputs.positions().accept(positions);
    }

    public static void main(String[] args) throws Exception {
        JobSettings settings = ReferenceBootstrap.complete(JobSettings.fromArgs(args, NAME));
        StreamExecutionEnvironment env = JobRuntime.environment(settings, NAME);
        defineWorkflow(env, Inputs.kafka(settings), ProductionOutputs.create(settings, NAME), settings);
        env.execute(NAME);
    }
}

package org.gridwatch.jobs.noise;

import java.util.Set;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.common.kafka.ReferenceBootstrap;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.IotEventKind;
import org.gridwatch.jobs.GridWatchJob;
import org.gridwatch.jobs.Inputs;
import org.gridwatch.jobs.JobRuntime;
import org.gridwatch.jobs.Outputs;
import org.gridwatch.jobs.ProductionOutputs;
import org.gridwatch.jobs.Results;

/** NOISE_EXCEEDANCE alerts and hourly noise per sensor ({@code gridwatch-noise}). See the package README. */
public final class NoiseJob {
    public static final String NAME = "gridwatch-noise";

    private NoiseJob() {}

    public static void defineWorkflow(StreamExecutionEnvironment env, Inputs inputs, Outputs outputs, JobSettings settings) {
        GridWatchJob.Streams streams = GridWatchJob.ingestAll(env, inputs, outputs, settings);
        Results results = Results.of(streams);
        attach(streams, settings, results);
        results.sendTo(outputs);
    }

    public static void attach(GridWatchJob.Streams streams, JobSettings settings, Results results) {
        SingleOutputStreamOperator<Alert> alerts = streams.iot()
                .filter(e -> e.kind() == IotEventKind.NOISE_READING)
                .uid("noise-readings-v1")
                .name("Noise readings")
                .keyBy(e -> e.deviceId())
                .connect(streams.referenceBroadcast())
                .process(new NoiseFunction(ReferenceHolder.of(settings)))
                .uid("noise-exceedance-v1")
                .name("Noise LAeq per sensor (NOISE_EXCEEDANCE, noise per hour)");
        results.alerts(alerts);
        results.documents(alerts.getSideOutput(NoiseFunction.NOISE_DOCS));
        results.deadLetters(alerts.getSideOutput(NoiseFunction.DEAD_LETTERS));
    }

    public static void main(String[] args) throws Exception {
        JobSettings settings = ReferenceBootstrap.complete(JobSettings.fromArgs(args, NAME));
        StreamExecutionEnvironment env = JobRuntime.environment(settings, NAME);
        defineWorkflow(env, Inputs.kafka(settings, Set.of(Topics.IOT, Topics.REFERENCE)), ProductionOutputs.create(settings, NAME), settings);
        env.execute(NAME);
    }
}

package org.gridwatch.launcher.testing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.gridwatch.common.city.City;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.jobs.GridWatchJob;
import org.gridwatch.jobs.indexer.IndexerJob;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.ProductionOutputs;
import org.gridwatch.sim.engine.Scenario;
import org.gridwatch.sim.engine.Simulation;
import org.gridwatch.sim.output.KafkaEventSink;

import java.nio.file.Path;

/**
 * A short run as production does it: a simulated city into a real Kafka, then all jobs, bounded,
 * with the production sinks.
 */
public final class ProductionRun {
    private ProductionRun() {}

    /**
     * Simulates {@code scenario} over {@code city} into Kafka, runs every job until the end of the
     * input, and returns the simulation (its truth).
     */
    public static Simulation simulateAndRunAllJobs(
            City city, Scenario scenario, Path cityDir, String kafka, String es, String name)
            throws Exception {
        Simulation sim = new Simulation(city, scenario);
        try (KafkaEventSink sink = new KafkaEventSink(kafka)) {
            sim.sendReference(sink);
            sim.run(sink);
        }
        JobSettings settings =
                JobSettings.fromArgs(
                        new String[] {
                            "--kafka",
                            kafka,
                            "--es",
                            es,
                            "--bounded",
                            "true",
                            "--checkpoint-interval",
                            "0",
                            "--group-id",
                            name,
                            "--city",
                            cityDir.toString()
                        },
                        name);
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        GridWatchJob.defineWorkflow(
                env, Inputs.kafka(settings), ProductionOutputs.create(settings, name), settings);
        env.execute(name);
        index(settings, conf);
        return sim;
    }

    /**
     * Runs the indexer over everything the detections wrote to the documents topic (bounded, after
     * them).
     */
    public static void index(JobSettings detectionSettings, Configuration conf) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        JobSettings settings = IndexerJob.settingsBeside(detectionSettings);
        IndexerJob.defineProductionWorkflow(env, settings);
        env.execute(settings.groupId());
    }
}

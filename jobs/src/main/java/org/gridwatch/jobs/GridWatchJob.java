package org.gridwatch.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.jobs.cases.CaseDetection;
import org.gridwatch.jobs.coverage.CoverageDetection;
import org.gridwatch.jobs.noise.NoiseDetection;
import org.gridwatch.jobs.positions.PositionsDetection;
import org.gridwatch.jobs.shops.ShopsDetection;
import org.gridwatch.jobs.stalls.StallsDetection;
import org.gridwatch.jobs.trucks.TruckDetection;
import org.gridwatch.jobs.wiring.Detection;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.Outputs;
import org.gridwatch.jobs.wiring.Workflows;

import java.util.List;

/**
 * All GridWatch detections in one Flink job, for the demo and for small cities: every input topic
 * is read and parsed once, and each detection attaches to the parsed inputs ({@link Workflows}).
 * Each detection is also a job of its own ({@code PositionsJob}, {@code TruckJob}, ...) for
 * clusters that run them apart.
 */
public final class GridWatchJob {
    public static final String NAME = "gridwatch-all";

    /**
     * Every detection, in the order they attach (operator uids, not this order, are what savepoints
     * hold).
     */
    public static final List<Detection> DETECTIONS =
            List.of(
                    new PositionsDetection(),
                    new CaseDetection(),
                    new CoverageDetection(),
                    new NoiseDetection(),
                    new StallsDetection(),
                    new TruckDetection(),
                    new ShopsDetection());

    private GridWatchJob() {}

    /** The workflow of every detection; the inputs must carry every input topic. */
    public static void defineWorkflow(
            StreamExecutionEnvironment env, Inputs inputs, Outputs outputs, JobSettings settings) {
        Workflows.define(env, inputs, outputs, settings, DETECTIONS);
    }

    public static void main(String[] args) throws Exception {
        Workflows.run(args, NAME, DETECTIONS);
    }
}

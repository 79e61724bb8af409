package org.gridwatch.jobs.trucks;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.Outputs;
import org.gridwatch.jobs.wiring.Workflows;

/**
 * {@link TruckDetection} as a job of its own ({@code flink run -c ...TruckJob}): reads GPS and
 * reference.
 */
public final class TruckJob {
    public static final String NAME = "gridwatch-trucks";

    private TruckJob() {}

    public static void defineWorkflow(
            StreamExecutionEnvironment env, Inputs inputs, Outputs outputs, JobSettings settings) {
        Workflows.define(env, inputs, outputs, settings, new TruckDetection());
    }

    public static void main(String[] args) throws Exception {
        Workflows.run(args, NAME, new TruckDetection());
    }
}

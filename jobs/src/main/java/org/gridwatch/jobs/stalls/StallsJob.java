package org.gridwatch.jobs.stalls;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.Outputs;
import org.gridwatch.jobs.wiring.Workflows;

/**
 * {@link StallsDetection} as a job of its own ({@code flink run -c ...StallsJob}): reads iot,
 * hotline and reference.
 */
public final class StallsJob {
    public static final String NAME = "gridwatch-stalls";

    private StallsJob() {}

    public static void defineWorkflow(
            StreamExecutionEnvironment env, Inputs inputs, Outputs outputs, JobSettings settings) {
        Workflows.define(env, inputs, outputs, settings, new StallsDetection());
    }

    public static void main(String[] args) throws Exception {
        Workflows.run(args, NAME, new StallsDetection());
    }
}

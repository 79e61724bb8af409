package org.gridwatch.jobs.noise;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.Outputs;
import org.gridwatch.jobs.wiring.Workflows;

/**
 * {@link NoiseDetection} as a job of its own ({@code flink run -c ...NoiseJob}): reads iot and
 * reference.
 */
public final class NoiseJob {
    public static final String NAME = "gridwatch-noise";

    private NoiseJob() {}

    public static void defineWorkflow(
            StreamExecutionEnvironment env, Inputs inputs, Outputs outputs, JobSettings settings) {
        Workflows.define(env, inputs, outputs, settings, new NoiseDetection());
    }

    public static void main(String[] args) throws Exception {
        Workflows.run(args, NAME, new NoiseDetection());
    }
}

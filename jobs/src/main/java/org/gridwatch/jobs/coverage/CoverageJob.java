package org.gridwatch.jobs.coverage;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.Outputs;
import org.gridwatch.jobs.wiring.Workflows;

/**
 * {@link CoverageDetection} as a job of its own ({@code flink run -c ...CoverageJob}): reads GPS
 * and reference.
 */
public final class CoverageJob {
    public static final String NAME = "gridwatch-coverage";

    private CoverageJob() {}

    public static void defineWorkflow(
            StreamExecutionEnvironment env, Inputs inputs, Outputs outputs, JobSettings settings) {
        Workflows.define(env, inputs, outputs, settings, new CoverageDetection());
    }

    public static void main(String[] args) throws Exception {
        Workflows.run(args, NAME, new CoverageDetection());
    }
}

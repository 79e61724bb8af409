package org.gridwatch.jobs.shops;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.Outputs;
import org.gridwatch.jobs.wiring.Workflows;

/**
 * {@link ShopsDetection} as a job of its own ({@code flink run -c ...ShopsJob}): reads iot, hotline
 * and reference.
 */
public final class ShopsJob {
    public static final String NAME = "gridwatch-shops";

    private ShopsJob() {}

    public static void defineWorkflow(
            StreamExecutionEnvironment env, Inputs inputs, Outputs outputs, JobSettings settings) {
        Workflows.define(env, inputs, outputs, settings, new ShopsDetection());
    }

    public static void main(String[] args) throws Exception {
        Workflows.run(args, NAME, new ShopsDetection());
    }
}

package org.gridwatch.jobs.positions;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.Outputs;
import org.gridwatch.jobs.wiring.Workflows;

/**
 * {@link PositionsDetection} as a job of its own ({@code flink run -c ...PositionsJob}): reads GPS
 * only.
 */
public final class PositionsJob {
    public static final String NAME = "gridwatch-positions";

    private PositionsJob() {}

    public static void defineWorkflow(
            StreamExecutionEnvironment env, Inputs inputs, Outputs outputs, JobSettings settings) {
        Workflows.define(env, inputs, outputs, settings, new PositionsDetection());
    }

    public static void main(String[] args) throws Exception {
        Workflows.run(args, NAME, new PositionsDetection());
    }
}

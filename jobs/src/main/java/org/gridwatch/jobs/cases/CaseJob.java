package org.gridwatch.jobs.cases;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.Outputs;
import org.gridwatch.jobs.wiring.Workflows;

/**
 * {@link CaseDetection} as a job of its own ({@code flink run -c ...CaseJob}): reads hotline and
 * reference.
 */
public final class CaseJob {
    public static final String NAME = "gridwatch-cases";

    private CaseJob() {}

    public static void defineWorkflow(
            StreamExecutionEnvironment env, Inputs inputs, Outputs outputs, JobSettings settings) {
        Workflows.define(env, inputs, outputs, settings, new CaseDetection());
    }

    public static void main(String[] args) throws Exception {
        Workflows.run(args, NAME, new CaseDetection());
    }
}

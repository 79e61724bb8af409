package org.gridwatch.jobs.coverage;

import java.util.Set;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.gridwatch.common.kafka.ReferenceBootstrap;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.EntityType;
import org.gridwatch.jobs.GridWatchJob;
import org.gridwatch.jobs.Inputs;
import org.gridwatch.jobs.JobRuntime;
import org.gridwatch.jobs.Outputs;
import org.gridwatch.jobs.ProductionOutputs;
import org.gridwatch.jobs.Results;

/**
 * Patrol coverage: GRID_UNCOVERED alerts and hourly coverage per grid ({@code gridwatch-coverage}).
 * Officer pings keyed by officer are assigned to grids; grid signals keyed by grid drive each grid's
 * duty clock. See the package README.
 */
public final class CoverageJob {
    public static final String NAME = "gridwatch-coverage";

    private CoverageJob() {}

    public static void defineWorkflow(StreamExecutionEnvironment env, Inputs inputs, Outputs outputs, JobSettings settings) {
        GridWatchJob.Streams streams = GridWatchJob.ingestAll(env, inputs, outputs, settings);
        Results results = Results.of(streams);
        attach(streams, settings, results);
        results.sendTo(outputs);
    }

    public static void attach(GridWatchJob.Streams streams, JobSettings settings, Results results) {
        ReferenceHolder holder = ReferenceHolder.of(settings);
        var signals = streams.gps()
                .filter(p -> p.entityType() == EntityType.OFFICER)
                .uid("coverage-officer-pings-v1")
                .name("Officer pings")
                .keyBy(p -> p.entityId())
                .connect(streams.referenceBroadcast())
                .process(new OfficerGridFunction(holder))
                .uid("coverage-officer-grid-v1")
                .name("Officer ping to grid");
        SingleOutputStreamOperator<Alert> alerts = signals
                .keyBy(GridSignal::gridCode)
                .connect(streams.referenceBroadcast())
                .process(new GridCoverageFunction(holder))
                .uid("coverage-grid-clock-v1")
                .name("Grid duty clock (GRID_UNCOVERED, coverage per hour)");
        results.alerts(alerts);
        results.documents(alerts.getSideOutput(GridCoverageFunction.COVERAGE_DOCS));
    }

    public static void main(String[] args) throws Exception {
        JobSettings settings = ReferenceBootstrap.complete(JobSettings.fromArgs(args, NAME));
        StreamExecutionEnvironment env = JobRuntime.environment(settings, NAME);
        defineWorkflow(env, Inputs.kafka(settings, Set.of(Topics.GPS, Topics.REFERENCE)), ProductionOutputs.create(settings, NAME), settings);
        env.execute(NAME);
    }
}

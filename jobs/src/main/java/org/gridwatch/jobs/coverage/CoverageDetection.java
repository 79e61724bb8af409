package org.gridwatch.jobs.coverage;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.EntityType;
import org.gridwatch.jobs.wiring.Detection;
import org.gridwatch.jobs.wiring.ParsedInputs;
import org.gridwatch.jobs.wiring.Results;

import java.util.Set;

/**
 * Patrol coverage: GRID_UNCOVERED alerts and hourly coverage per grid ({@code gridwatch-coverage}).
 * Officer pings keyed by officer are assigned to grids; grid signals keyed by grid and the GPS
 * clock broadcast to the grid side drive each grid's duty clock. See the package README.
 */
public final class CoverageDetection implements Detection {
    @Override
    public String name() {
        return "coverage";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.GPS, Topics.REFERENCE);
    }

    @Override
    public void attach(ParsedInputs inputs, JobSettings settings, Results results) {
        ReferenceHolder holder = ReferenceHolder.of(settings);
        var signals =
                inputs.gps()
                        .filter(p -> p.entityType() == EntityType.OFFICER)
                        .uid("coverage-officer-pings-v1")
                        .name("Officer pings")
                        .keyBy(p -> p.entityId())
                        .connect(inputs.referenceBroadcast())
                        .process(new OfficerGridFunction(holder))
                        .uid("coverage-officer-grid-v1")
                        .name("Officer ping to grid");
        // The grid side gets the reference and the GPS clock (one record per officer instance and
        // tick) on one broadcast input.
        DataStream<GridBroadcast> referenceAndClock =
                ReferenceHolder.idleForEventTime(inputs.reference(), "coverage")
                        .map(GridBroadcast::of)
                        .returns(GridBroadcast.class)
                        .uid("coverage-reference-v1")
                        .name("Reference for the grids")
                        .union(signals.getSideOutput(OfficerGridFunction.CLOCK));
        SingleOutputStreamOperator<Alert> alerts =
                signals.keyBy(GridSignal::gridCode)
                        .connect(
                                referenceAndClock.broadcast(
                                        ReferenceHolder.STATE, GridCoverageFunction.CLOCK_STATE))
                        .process(new GridCoverageFunction(holder))
                        .uid("coverage-grid-clock-v1")
                        .name("Grid duty clock (GRID_UNCOVERED, coverage per hour)");
        results.alerts(alerts);
        results.documents(alerts.getSideOutput(GridCoverageFunction.COVERAGE_DOCS));
    }
}

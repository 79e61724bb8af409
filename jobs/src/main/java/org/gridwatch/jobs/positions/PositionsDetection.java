package org.gridwatch.jobs.positions;

import org.apache.flink.streaming.api.datastream.DataStream;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.Position;
import org.gridwatch.jobs.wiring.Detection;
import org.gridwatch.jobs.wiring.ParsedInputs;
import org.gridwatch.jobs.wiring.Results;

import java.time.Duration;
import java.util.Set;

/**
 * Latest positions of officers and trucks for the live map ({@code gridwatch-positions}, one
 * document per entity, throttled per entity in event time). Reads GPS only, no reference data.
 */
public final class PositionsDetection implements Detection {
    /**
     * Entities silent this long (event time) are forgotten by the job; their last document stays.
     */
    static final Duration RETENTION = Duration.ofHours(2);

    @Override
    public String name() {
        return "positions";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.GPS);
    }

    @Override
    public void attach(ParsedInputs inputs, JobSettings settings, Results results) {
        DataStream<Position> positions =
                inputs.gps()
                        .keyBy(GpsPing::entityId)
                        .process(
                                new LatestPositionFunction(
                                        settings.positionThrottle().toMillis(),
                                        RETENTION.toMillis()))
                        .uid("latest-position-v1")
                        .name("Latest position per entity");
        results.positions(positions);
    }
}

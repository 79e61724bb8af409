package org.gridwatch.jobs.trucks;

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
 * Muck-truck compliance: truck pings keyed by terminal → {@link TruckFunction} (all seven rules, in
 * event time, with the reference data broadcast; suspected dumping in the same keyed state as the
 * trip and the lost-signal timer, so its episode is opened and closed in one place). See the
 * package README for the rules, their defaults, their known false alarms and the state migration of
 * 2026-11 (the two dumping CEP operators removed).
 */
public final class TruckDetection implements Detection {
    @Override
    public String name() {
        return "trucks";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.GPS, Topics.REFERENCE);
    }

    @Override
    public void attach(ParsedInputs inputs, JobSettings settings, Results results) {
        SingleOutputStreamOperator<Alert> alerts =
                inputs.gps()
                        .filter(p -> p.entityType() == EntityType.TRUCK)
                        .uid("truck-pings-v1")
                        .name("Truck pings")
                        .keyBy(p -> p.entityId())
                        .connect(inputs.referenceBroadcast())
                        .process(new TruckFunction(ReferenceHolder.of(settings)))
                        .uid("truck-rules-v1")
                        .name("Truck rules (route, hours, permit, zones, speed, signal)");
        results.alerts(alerts);
    }
}

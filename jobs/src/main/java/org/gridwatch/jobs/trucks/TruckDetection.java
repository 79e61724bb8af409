package org.gridwatch.jobs.trucks;

import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.EntityType;
import org.gridwatch.jobs.trucks.logic.TruckObservation;
import org.gridwatch.jobs.wiring.Detection;
import org.gridwatch.jobs.wiring.ParsedInputs;
import org.gridwatch.jobs.wiring.Results;

/**
 * Muck-truck compliance: truck pings keyed by terminal → {@link TruckFunction} (six rules, in event
 * time, with the reference data broadcast) → observations → Flink CEP for suspected dumping
 * ({@link DumpingPatterns}). See the package README for the rules, their defaults and their known
 * false alarms.
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
        SingleOutputStreamOperator<Alert> alerts = inputs.gps()
                .filter(p -> p.entityType() == EntityType.TRUCK)
                .uid("truck-pings-v1")
                .name("Truck pings")
                .keyBy(p -> p.entityId())
                .connect(inputs.referenceBroadcast())
                .process(new TruckFunction(ReferenceHolder.of(settings)))
                .uid("truck-rules-v1")
                .name("Truck rules (route, hours, permit, zones, speed, signal)");
        KeyedStream<TruckObservation, String> observations = alerts.getSideOutput(TruckFunction.OBSERVATIONS).keyBy(TruckObservation::truckId);
        DataStream<Alert> opened = CEP.pattern(observations, DumpingPatterns.confirmed())
                .inEventTime()
                .process(new DumpingPatterns.ToOpen(), TypeInformation.of(Alert.class))
                .uid("truck-dumping-open-cep-v1")
                .name("CEP: moving, stopped 5 min outside sites (dumping opens)");
        DataStream<Alert> closed = CEP.pattern(observations, DumpingPatterns.ended())
                .inEventTime()
                .process(new DumpingPatterns.ToClosed(), TypeInformation.of(Alert.class))
                .uid("truck-dumping-close-cep-v1")
                .name("CEP: the stop ends, moving again or signal dropped (dumping closes)");
        results.alerts(alerts);
        results.alerts(opened);
        results.alerts(closed);
    }
}

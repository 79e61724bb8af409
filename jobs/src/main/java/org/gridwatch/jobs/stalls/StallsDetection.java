package org.gridwatch.jobs.stalls;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.WithinType;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.IotEventKind;
import org.gridwatch.jobs.wiring.Detection;
import org.gridwatch.jobs.wiring.ParsedInputs;
import org.gridwatch.jobs.wiring.Results;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * STALL_REAPPEARED: camera detections (iot) and clearances (hotline CLEARED with a spot id) per
 * spot → timeline (duplicates absorbed) → Flink CEP "detected, cleared, detected again", each step
 * within the look-back window of the previous one → one alert per reappearance, chronic from the
 * third in 7 days. See the package README.
 */
public final class StallsDetection implements Detection {
    @Override
    public String name() {
        return "stalls";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.IOT, Topics.HOTLINE, Topics.REFERENCE);
    }

    /**
     * The pattern: a stall, its clearance, a stall again, each within {@link StallRules#LOOK_BACK}
     * of the previous step.
     */
    public static Pattern<SpotEvent, SpotEvent> reappearance() {
        return Pattern.<SpotEvent>begin("detected")
                .where(kind(SpotEvent.APPEARED))
                .next("cleared")
                .where(kind(SpotEvent.CLEARED))
                .next("again")
                .where(kind(SpotEvent.APPEARED))
                .within(StallRules.LOOK_BACK, WithinType.PREVIOUS_AND_CURRENT);
    }

    private static SimpleCondition<SpotEvent> kind(String k) {
        return SimpleCondition.of(e -> k.equals(e.kind()));
    }

    /** Turns a match into the REAPPEARED event of the spot. */
    public static final class ToReappearance extends PatternProcessFunction<SpotEvent, SpotEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processMatch(
                Map<String, List<SpotEvent>> match, Context ctx, Collector<SpotEvent> out) {
            SpotEvent cleared = match.get("cleared").get(0);
            SpotEvent again = match.get("again").get(0);
            out.collect(
                    new SpotEvent(
                            again.spotId(),
                            SpotEvent.REAPPEARED,
                            again.time(),
                            again.ref(),
                            again.lat(),
                            again.lon(),
                            cleared.time()));
        }
    }

    @Override
    public void attach(ParsedInputs inputs, JobSettings settings, Results results) {
        DataStream<SpotEvent> detections =
                inputs.iot()
                        .filter(e -> e.kind() == IotEventKind.STALL_DETECTED && e.spotId() != null)
                        .uid("stall-detections-v1")
                        .name("Stall detections")
                        .map(SpotEvent::detected)
                        .uid("stall-detections-to-spot-v1")
                        .name("Detection to spot event");
        DataStream<SpotEvent> clearances =
                inputs.hotline()
                        .filter(e -> e.kind() == CaseEventKind.CLEARED && e.spotId() != null)
                        .uid("stall-clearances-v1")
                        .name("Spot clearances")
                        .map(SpotEvent::cleared)
                        .uid("stall-clearances-to-spot-v1")
                        .name("Clearance to spot event");
        DataStream<SpotEvent> timeline =
                detections
                        .union(clearances)
                        .keyBy(SpotEvent::spotId)
                        .process(
                                new SpotTimelineFunction(
                                        StallRules.GONE_AFTER.toMillis(),
                                        StallRules.MIN_ABSENCE.toMillis(),
                                        StallRules.LOOK_BACK.toMillis() + 86_400_000L))
                        .uid("stall-timeline-v1")
                        .name("Spot timeline (duplicates absorbed)");
        DataStream<SpotEvent> forCep =
                timeline.filter(e -> !SpotEvent.GONE.equals(e.kind()))
                        .uid("stall-cep-input-v1")
                        .name("Appeared / cleared");
        DataStream<SpotEvent> reappeared =
                CEP.pattern(forCep.keyBy(SpotEvent::spotId), reappearance())
                        .inEventTime()
                        .process(new ToReappearance(), TypeInformation.of(SpotEvent.class))
                        .uid("stall-reappearance-cep-v1")
                        .name("CEP: detected, cleared, detected again");
        DataStream<SpotEvent> ends =
                timeline.filter(e -> !SpotEvent.APPEARED.equals(e.kind()))
                        .uid("stall-ends-v1")
                        .name("Cleared / gone");
        DataStream<Alert> alerts =
                reappeared
                        .union(ends)
                        .keyBy(SpotEvent::spotId)
                        .connect(inputs.referenceBroadcast())
                        .process(new StallAlertFunction(ReferenceHolder.of(settings)))
                        .uid("stall-alerts-v1")
                        .name("STALL_REAPPEARED alerts");
        results.alerts(alerts);
    }
}

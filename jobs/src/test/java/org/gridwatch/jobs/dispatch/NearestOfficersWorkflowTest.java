package org.gridwatch.jobs.dispatch;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.model.NearbyOfficer;
import org.gridwatch.common.model.Severity;
import org.gridwatch.common.testing.CollectingSink;
import org.gridwatch.common.testing.TestSources;
import org.gridwatch.jobs.noise.NoiseDetection;
import org.gridwatch.jobs.positions.PositionsDetection;
import org.gridwatch.jobs.wiring.Detection;
import org.gridwatch.jobs.wiring.Inputs;
import org.gridwatch.jobs.wiring.Outputs;
import org.gridwatch.jobs.wiring.ParsedInputs;
import org.gridwatch.jobs.wiring.Results;
import org.gridwatch.jobs.wiring.Workflows;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The stage inside a workflow at parallelism 2: every alert leaving it names its nearest officers
 * from the GPS topic, though the detection that raised it reads no GPS; an alert without a location
 * leaves with none.
 */
class NearestOfficersWorkflowTest {
    private static final Instant T = Instant.parse("2026-11-22T02:00:00Z");
    private static final double LAT = 31.1;
    private static final double LON = 121.4;
    private static final double DEG_PER_M = 1 / (Math.toRadians(1) * 6_371_008.8);

    /** Turns each camera detection into an alert at its place and time (NaN for CAM-NOWHERE). */
    private static final class CameraAlerts implements Detection {
        private final boolean says;

        CameraAlerts(boolean saysItEmitsAlerts) {
            this.says = saysItEmitsAlerts;
        }

        @Override
        public String name() {
            return "camera-alerts";
        }

        @Override
        public Set<String> topics() {
            return Set.of(Topics.IOT, Topics.REFERENCE);
        }

        @Override
        public boolean emitsAlerts() {
            return says;
        }

        @Override
        public void attach(ParsedInputs inputs, JobSettings settings, Results results) {
            results.alerts(
                    inputs.iot()
                            .map(CameraAlerts::alert)
                            .returns(Alert.class)
                            .uid("test-camera-alerts")
                            .name("Camera alerts"));
        }

        private static Alert alert(IotEvent e) {
            boolean nowhere = e.deviceId().equals("CAM-NOWHERE");
            return new Alert(
                    "TEST:" + e.deviceId() + ":" + e.eventTime(),
                    AlertType.STALL_REAPPEARED,
                    AlertStatus.OPEN,
                    0,
                    Severity.LOW,
                    null,
                    Map.of(),
                    e.eventTime(),
                    0,
                    e.eventTime(),
                    e.eventTime(),
                    "SPOT",
                    e.spotId(),
                    null,
                    null,
                    nowhere ? Double.NaN : e.lat(),
                    nowhere ? Double.NaN : e.lon(),
                    "测试",
                    "test",
                    Map.of(),
                    List.of());
        }
    }

    private static String ping(String id, String type, Instant time, double northM) {
        return "{\"entityId\":\""
                + id
                + "\",\"entityType\":\""
                + type
                + "\",\"time\":\""
                + time
                + "\",\"lat\":"
                + (LAT + northM * DEG_PER_M)
                + ",\"lon\":"
                + LON
                + ",\"speed\":3.5,\"heading\":90,\"source\":\"test\"}";
    }

    private static String camera(String device, Instant time, double northM) {
        return "{\"deviceId\":\""
                + device
                + "\",\"kind\":\"STALL_DETECTED\",\"time\":\""
                + time
                + "\",\"lat\":"
                + (LAT + northM * DEG_PER_M)
                + ",\"lon\":"
                + LON
                + ",\"spotId\":\"SPOT-1\",\"confidence\":0.9}";
    }

    @Test
    void everyAlertLeavingTheWorkflowShouldNameItsNearestOnDutyOfficers() throws Exception {
        List<String> gps =
                new ArrayList<>(
                        List.of(
                                ping("OF-OLD", "OFFICER", T.minusSeconds(1200), 100),
                                ping("OF-NEAR", "OFFICER", T.minusSeconds(90), 900),
                                ping("OF-NEAR", "OFFICER", T.minusSeconds(30), 300),
                                ping("TRUCK-1", "TRUCK", T.minusSeconds(20), 5),
                                ping("OF-LATER", "OFFICER", T.plusSeconds(10), 50),
                                ping("OF-NEAR", "OFFICER", T.plusSeconds(20), 10)));
        List<String> iot =
                List.of(
                        camera("CAM-1", T, 0),
                        camera("CAM-FAR", T, 20_000),
                        camera("CAM-NOWHERE", T, 0));
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        JobSettings settings =
                JobSettings.fromArgs(new String[] {"--checkpoint-interval", "0"}, "test");
        CollectingSink<Alert> alerts = new CollectingSink<>();
        Workflows.define(
                env,
                new Inputs(
                        TestSources.raw(Topics.GPS, gps),
                        null,
                        TestSources.raw(Topics.IOT, iot),
                        TestSources.empty(Topics.REFERENCE)),
                new Outputs(
                        s -> s.sinkTo(new CollectingSink<>()),
                        s -> s.sinkTo(alerts),
                        s -> s.sinkTo(new CollectingSink<>()),
                        s -> s.sinkTo(new CollectingSink<>())),
                settings,
                new CameraAlerts(true));
        env.execute("nearest-officers-test");

        List<Alert> out =
                alerts.values().stream().sorted(Comparator.comparing(Alert::entityId)).toList();
        assertThat(out)
                .extracting(a -> a.alertId().split(":")[1])
                .containsExactlyInAnyOrder("CAM-1", "CAM-FAR", "CAM-NOWHERE");
        Alert near = byDevice(out, "CAM-1");
        assertThat(near.nearestOfficers())
                .extracting(NearbyOfficer::officerId)
                .containsExactly("OF-NEAR");
        NearbyOfficer o = near.nearestOfficers().get(0);
        assertThat(o.distanceM()).isCloseTo(300, within(0.5));
        assertThat(o.fixAgeSeconds()).isEqualTo(30);
        assertThat(o.name()).isNull();
        assertThat(byDevice(out, "CAM-FAR").nearestOfficers()).isEmpty();
        assertThat(byDevice(out, "CAM-NOWHERE").nearestOfficers()).isEmpty();
    }

    private static Alert byDevice(List<Alert> alerts, String device) {
        return alerts.stream()
                .filter(a -> a.alertId().startsWith("TEST:" + device + ":"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aWorkflowWithAlertsShouldReadTheGpsTopicEvenIfNoDetectionDoes() {
        assertThat(Workflows.topics(List.of(new NoiseDetection())))
                .contains(Topics.GPS, Topics.IOT, Topics.REFERENCE);
        assertThat(Workflows.topics(List.of(new PositionsDetection()))).containsExactly(Topics.GPS);
    }

    @Test
    void aDetectionAddingAlertsItDoesNotDeclareShouldBeRefused() {
        assertThatThrownBy(
                        () ->
                                Workflows.define(
                                        StreamExecutionEnvironment.getExecutionEnvironment(),
                                        new Inputs(
                                                TestSources.empty(Topics.GPS),
                                                null,
                                                TestSources.empty(Topics.IOT),
                                                TestSources.empty(Topics.REFERENCE)),
                                        new Outputs(
                                                s -> s.sinkTo(new DiscardingSink<>()),
                                                s -> s.sinkTo(new DiscardingSink<>()),
                                                s -> s.sinkTo(new DiscardingSink<>()),
                                                s -> s.sinkTo(new DiscardingSink<>())),
                                        JobSettings.fromArgs(new String[] {}, "test"),
                                        new CameraAlerts(false)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("camera-alerts")
                .hasMessageContaining("emitsAlerts");
    }
}

package org.gridwatch.jobs.noise;

import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.IotEventKind;
import org.gridwatch.jobs.wiring.Detection;
import org.gridwatch.jobs.wiring.ParsedInputs;
import org.gridwatch.jobs.wiring.Results;

import java.util.Set;

/**
 * NOISE_EXCEEDANCE alerts, noise per sensor and 5-minute window ({@code gridwatch-noise-windows})
 * and per sensor and hour ({@code gridwatch-noise}). See the package README.
 */
public final class NoiseDetection implements Detection {
    @Override
    public String name() {
        return "noise";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.IOT, Topics.REFERENCE);
    }

    @Override
    public void attach(ParsedInputs inputs, JobSettings settings, Results results) {
        SingleOutputStreamOperator<Alert> alerts =
                inputs.iot()
                        .filter(e -> e.kind() == IotEventKind.NOISE_READING)
                        .uid("noise-readings-v1")
                        .name("Noise readings")
                        .keyBy(e -> e.deviceId())
                        .connect(inputs.referenceBroadcast())
                        .process(new NoiseFunction(ReferenceHolder.of(settings)))
                        .uid("noise-exceedance-v1")
                        .name("Noise LAeq per sensor (NOISE_EXCEEDANCE, noise per hour)");
        results.alerts(alerts);
        results.documents(alerts.getSideOutput(NoiseFunction.NOISE_DOCS));
        results.deadLetters(alerts.getSideOutput(NoiseFunction.DEAD_LETTERS));
    }
}

package org.gridwatch.jobs.noise.logic;

import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.model.ReasonCodes;

/** Dead letters of the noise detection. */
final class NoiseDeadLetters {
    private NoiseDeadLetters() {}

    /**
     * The dead letter of a reading from an unknown device. The original bytes are not at hand here:
     * the reading as parsed is re-encoded in the topic's form (time as ISO UTC), partition and
     * offset -1.
     */
    static DeadLetter unknownDevice(IotEvent e, long now) {
        var n = Json.MAPPER.createObjectNode();
        n.put("deviceId", e.deviceId());
        n.put("kind", e.kind().name());
        n.put("time", Json.iso(e.eventTime()));
        n.put("lat", e.lat());
        n.put("lon", e.lon());
        n.put("laeq", e.laeqDb());
        if (e.lmaxDb() != null) {
            n.put("lmax", e.lmaxDb());
        }
        if (e.intervalSeconds() != null) {
            n.put("interval", e.intervalSeconds());
        }
        return new DeadLetter(
                ReasonCodes.UNKNOWN_DEVICE,
                String.format(
                        "noise reading from device '%s', which is not registered (no DEVICE record) and lies outside every noise zone "
                                + "at (%.6f, %.6f): no limit applies",
                        e.deviceId(), e.lat(), e.lon()),
                Topics.IOT,
                -1,
                -1,
                e.deviceId(),
                Json.text(n),
                "utf8",
                now);
    }
}

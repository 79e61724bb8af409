package org.gridwatch.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** How the latency probe links an alert revision to the event behind it. */
class AlertLatencyProbeTest {
    private static final long T = Instant.parse("2026-12-04T12:00:00Z").toEpochMilli();

    private static JsonNode alert(String type, String entity, long eventTime, String evidenceRef) {
        String evidence =
                evidenceRef == null
                        ? "[]"
                        : "[{\"ref\": \""
                                + evidenceRef
                                + "\", \"eventTime\": \""
                                + Instant.ofEpochMilli(eventTime)
                                + "\"}]";
        return Json.read(
                "{\"type\": \""
                        + type
                        + "\", \"entityId\": \""
                        + entity
                        + "\", \"eventTime\": \""
                        + Instant.ofEpochMilli(eventTime)
                        + "\", \"evidence\": "
                        + evidence
                        + "}");
    }

    @Test
    void anAlertOfASentEventIsTimedFromItsSend() {
        SendLog sent = new SendLog(60_000);
        sent.sent("T1", T, 1_000);
        sent.sent("K9", T, 2_000);

        assertThat(AlertLatencyProbe.link(alert("TRUCK_OVERSPEED", "T1", T, null), sent))
                .isEqualTo(new AlertLatencyProbe.Link(AlertLatencyProbe.Kind.EVENT, 1_000));
        assertThat(AlertLatencyProbe.link(alert("CASE_OVERDUE", "G1", T, "K9"), sent))
                .as("through an evidence item's reference")
                .isEqualTo(new AlertLatencyProbe.Link(AlertLatencyProbe.Kind.EVENT, 2_000));
    }

    @Test
    void anAlertOfNoSentEventIsTimerDriven() {
        SendLog sent = new SendLog(60_000);
        sent.sent("T1", T, 1_000);

        assertThat(
                        AlertLatencyProbe.link(
                                        alert("TRUCK_SIGNAL_LOST", "T1", T + 300_000, null), sent)
                                .kind())
                .isEqualTo(AlertLatencyProbe.Kind.TIMER);
    }

    /**
     * A noise exceedance carries its window's end, the time of the window's last reading; it can
     * only be decided once a later reading (or the watermark) shows the window closed, so timing it
     * from that last reading would count the reading interval as latency.
     */
    @Test
    void aNoiseExceedanceLinkedToItsWindowsLastReadingIsWindowDrivenNotTimed() {
        SendLog sent = new SendLog(60_000);
        sent.sent("N1", T, 1_000);

        assertThat(AlertLatencyProbe.link(alert("NOISE_EXCEEDANCE", "N1", T, null), sent))
                .isEqualTo(new AlertLatencyProbe.Link(AlertLatencyProbe.Kind.WINDOW, 1_000));
        assertThat(AlertLatencyProbe.link(alert("NOISE_EXCEEDANCE", "N2", T, null), sent).kind())
                .isEqualTo(AlertLatencyProbe.Kind.TIMER);
    }
}

package org.gridwatch.launcher.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatencyRecorderTest {

    @Test
    void percentilesAreNearestRankPerLabelAndOverall() {
        LatencyRecorder r = new LatencyRecorder();
        for (int ms = 1; ms <= 100; ms++) {
            r.record("TRUCK_OVERSPEED", ms);
        }
        r.record("NOISE_EXCEEDANCE", 5_000);

        LatencyRecorder.Summary trucks = r.summary("TRUCK_OVERSPEED");
        assertThat(trucks).isEqualTo(new LatencyRecorder.Summary(100, 50, 95, 99, 100));
        assertThat(trucks.format()).isEqualTo("n=100 p50=50 ms p95=95 ms p99=99 ms max=100 ms");

        LatencyRecorder.Summary all = r.overall();
        assertThat(all.count()).isEqualTo(101);
        assertThat(all.p50()).isEqualTo(51);
        assertThat(all.max()).isEqualTo(5_000);
        assertThat(r.labels()).containsExactly("NOISE_EXCEEDANCE", "TRUCK_OVERSPEED");
    }

    @Test
    void emptyAndSingleSamples() {
        LatencyRecorder r = new LatencyRecorder();
        assertThat(r.overall().format()).isEqualTo("n=0");
        assertThat(r.summary("CASE_OVERDUE").count()).isZero();
        r.record("CASE_OVERDUE", -3); // a clock step backwards never gives a negative latency
        assertThat(r.summary("CASE_OVERDUE")).isEqualTo(new LatencyRecorder.Summary(1, 0, 0, 0, 0));
        assertThatThrownBy(() -> LatencyRecorder.percentile(new long[0], 50))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sendLogLinksAnEventAndForgetsOldOnes() {
        SendLog log = new SendLog(60_000);
        log.sent("T0042", 1_000, 10_000);
        log.sent("T0042", 1_000, 10_500); // the injected duplicate keeps the first send
        assertThat(log.sentAt("T0042", 1_000)).isEqualTo(10_000);
        assertThat(log.sentAt("T0042", 1_001)).isEqualTo(-1);
        assertThat(log.sentAt(null, 1_000)).isEqualTo(-1);
        log.sent("T0043", 80_000, 80_000); // 70 s later: the first entry is past retention
        assertThat(log.sentAt("T0042", 1_000)).isEqualTo(-1);
        assertThat(log.size()).isEqualTo(1);
    }
}

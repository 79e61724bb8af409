package org.gridwatch.launcher.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ThroughputSeriesTest {
    private static final long S = 1_000_000_000L;

    @Test
    void steadyRateLeavesOutStartUpAndTail() {
        ThroughputSeries s = new ThroughputSeries();
        // 5 s of start-up, then 1,000 records/s for 10 s, then a slow tail of 100 records over 5 s.
        for (int t = 0; t <= 5; t++) {
            s.add(t * S, 0);
        }
        for (int t = 6; t <= 15; t++) {
            s.add(t * S, (t - 5) * 1_000L);
        }
        for (int t = 16; t <= 20; t++) {
            s.add(t * S, 10_000L + (t - 15) * 20L);
        }
        assertThat(s.finalCount()).isEqualTo(10_100);
        assertThat(s.firstRecordNanos()).hasValue(6 * S);
        assertThat(s.rateBetween(0.1, 0.9).orElseThrow()).isCloseTo(1_000.0, within(1.0));
        assertThat(s.inWindow(3 * S, 0.1, 0.9)).isFalse();
        assertThat(s.inWindow(10 * S, 0.1, 0.9)).isTrue();
        assertThat(s.inWindow(18 * S, 0.1, 0.9)).isFalse();
    }

    @Test
    void noRateFromTooFewSamples() {
        ThroughputSeries s = new ThroughputSeries();
        assertThat(s.rateBetween(0.1, 0.9)).isEmpty();
        s.add(S, 0);
        s.add(2 * S, 500);
        assertThat(s.firstRecordNanos()).hasValue(2 * S);
        assertThat(s.rateBetween(0.1, 0.9)).isEmpty();
    }

    @Test
    void aLowerCountIsIgnored() {
        ThroughputSeries s = new ThroughputSeries();
        s.add(S, 100);
        s.add(2 * S, 50);
        assertThat(s.finalCount()).isEqualTo(100);
    }
}

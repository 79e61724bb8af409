package org.gridwatch.jobs.noise.logic;

import org.gridwatch.common.rules.NoiseLimits;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NoiseExceedanceTest {
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    private static final NoiseLimits LIMITS = NoiseLimits.defaults(SH);
    private static final long W = 300_000;

    static long local(String t) {
        return LocalDateTime.parse(t).atZone(SH).toInstant().toEpochMilli();
    }

    private static final class Log implements NoiseExceedance.Listener {
        final List<String> events = new ArrayList<>();
        final List<Double> limits = new ArrayList<>();
        final List<List<NoiseExceedance.Scored>> openings = new ArrayList<>();

        @Override
        public void opened(long start, List<NoiseExceedance.Scored> windows, boolean burst) {
            openings.add(windows);
            events.add(
                    "open "
                            + LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(start), SH)
                            + (burst ? " burst" : ""));
        }

        @Override
        public void continued(NoiseWindow w, double level, double limit, boolean burst) {}

        @Override
        public void closed(long end, NoiseWindow w, double level, double limit) {
            events.add("close " + LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(end), SH));
        }

        @Override
        public void window(NoiseWindow w, double level, double limit) {
            limits.add(limit);
        }
    }

    /**
     * Feeds one 5-minute reading per window from {@code from}, the levels given, and closes them
     * all.
     */
    private static Log feed(
            NoiseExceedance r, String cls, String from, double[] laeq, double[] lmax) {
        Log log = new Log();
        long t = local(from);
        for (int i = 0; i < laeq.length; i++) {
            r.add(t + (i + 1) * W, laeq[i], 300, lmax == null ? laeq[i] + 5 : lmax[i]);
        }
        r.closeUpTo(t + laeq.length * W, cls, LIMITS, log);
        return log;
    }

    @Test
    void shouldAverageEnergyNotDecibels() {
        NoiseWindow w = new NoiseWindow(0);
        w.add(60_000, 70, 60, Double.NaN);
        for (int i = 2; i <= 5; i++) {
            w.add(i * 60_000L, 50, 60, Double.NaN);
        }
        assertThat(w.acc.level()).isCloseTo(63.2, org.assertj.core.data.Offset.offset(0.05));
        // A duplicated reading (same end time) counts once.
        assertThat(w.add(60_000, 70, 60, Double.NaN)).isFalse();
        assertThat(w.acc.readings).isEqualTo(5);
    }

    @Test
    void shouldOpenAfterTwoWindowsOverAndCloseAfterTwoUnder() {
        NoiseExceedance r = new NoiseExceedance(W, 2, 2);
        // Class 2 by day: 60 dB(A). One loud window alone is no alert; two are, from the first one.
        Log log =
                feed(
                        r,
                        "2",
                        "2026-11-02T10:00",
                        new double[] {62, 58, 61, 63, 64, 59, 61, 58, 57, 57},
                        null);
        assertThat(log.events).containsExactly("open 2026-11-02T10:10", "close 2026-11-02T10:35");
    }

    @Test
    void shouldUseTheNightLimitFrom22LocalAndAlertAtOnceOnANightBurst() {
        NoiseExceedance r = new NoiseExceedance(W, 2, 2);
        // Class 1: 55 by day, 45 at night. 50 dB(A) is fine until 22:00 and over the limit after.
        Log log = feed(r, "1", "2026-11-02T21:50", new double[] {50, 50, 50, 50, 40, 40}, null);
        assertThat(log.limits).containsExactly(55.0, 55.0, 45.0, 45.0, 45.0, 45.0);
        assertThat(log.events).containsExactly("open 2026-11-02T22:00", "close 2026-11-02T22:10");

        NoiseExceedance c = new NoiseExceedance(W, 2, 2);
        // Construction at night (55): one window with Lmax 71 > 55 + 15 opens at once, even with
        // LAeq under the limit.
        Log night =
                feed(
                        c,
                        "construction",
                        "2026-11-02T23:00",
                        new double[] {50, 50, 50},
                        new double[] {71, 60, 60});
        assertThat(night.events)
                .containsExactly("open 2026-11-02T23:00 burst", "close 2026-11-02T23:05");
        // The same burst by day is no alert (LAeq under 70, and bursts count only at night).
        NoiseExceedance d = new NoiseExceedance(W, 2, 2);
        assertThat(
                        feed(
                                        d,
                                        "construction",
                                        "2026-11-02T10:00",
                                        new double[] {60, 60, 60},
                                        new double[] {90, 60, 60})
                                .events)
                .isEmpty();
    }

    @Test
    void shouldPlaceReadingsInTheWindowTheyCoverAndIgnoreLateOnes() {
        NoiseExceedance r = new NoiseExceedance(W, 2, 2);
        long t = local("2026-11-02T10:00");
        assertThat(r.add(t + W, 70, 300, 75)).isEqualTo(t + W);
        assertThat(r.windows.get(0).start).isEqualTo(t);
        r.closeUpTo(t + W, "2", LIMITS, new Log());
        // A reading for a window already closed is late.
        assertThat(r.add(t + W - 1000, 70, 60, 75)).isEqualTo(-1);
    }

    @Test
    void shouldNotCountWindowsAcrossAGapAsConsecutive() {
        NoiseExceedance r = new NoiseExceedance(W, 2, 2);
        Log log = new Log();
        long t = local("2026-11-02T10:00");
        r.add(t + W, 65, 300, 70);
        r.add(t + 3 * W, 65, 300, 70);
        r.closeUpTo(t + 3 * W, "2", LIMITS, log);
        assertThat(log.events).isEmpty();
    }

    /**
     * Issue 19: an episode opened after two windows lost the first (severity, peaks, evidence from
     * the second only).
     */
    @Test
    void shouldHandEveryWindowOfTheOpeningRunToTheListener() {
        NoiseExceedance r = new NoiseExceedance(W, 2, 2);
        // Class 2 by day (60): the first window is the louder one.
        Log log = feed(r, "2", "2026-11-02T10:00", new double[] {72, 63}, new double[] {80, 70});
        assertThat(log.events).containsExactly("open 2026-11-02T10:00");
        assertThat(log.openings).hasSize(1);
        List<NoiseExceedance.Scored> run = log.openings.get(0);
        assertThat(run)
                .extracting(x -> x.window().start)
                .containsExactly(local("2026-11-02T10:00"), local("2026-11-02T10:05"));
        assertThat(run.get(0).level()).isCloseTo(72, org.assertj.core.data.Offset.offset(0.01));
        assertThat(run.get(0).window().acc.lmax).isEqualTo(80);
        assertThat(run.get(0).limit()).isEqualTo(60);
        assertThat(run.get(1).level()).isCloseTo(63, org.assertj.core.data.Offset.offset(0.01));
        // Nothing of the run is kept once the episode is open.
        assertThat(r.run).isEmpty();
    }

    @Test
    void shouldCarryTheLoudWindowBeforeANightBurstAndDropARunBrokenByAQuietWindow() {
        NoiseExceedance r = new NoiseExceedance(W, 3, 2);
        // Class 2 by day (60), three windows to open: 65, then 58 breaks the run, then 66, 67, 68
        // open it.
        Log log = feed(r, "2", "2026-11-02T10:00", new double[] {65, 58, 66, 67, 68}, null);
        assertThat(log.events).containsExactly("open 2026-11-02T10:10");
        assertThat(log.openings.get(0))
                .extracting(x -> x.window().start)
                .containsExactly(
                        local("2026-11-02T10:10"),
                        local("2026-11-02T10:15"),
                        local("2026-11-02T10:20"));

        // Construction at night (55), three windows to open: 60 (over, not a burst), then 58 with a
        // burst (Lmax 75 > 55 + 15) opens at once from the first; both are handed over.
        NoiseExceedance c = new NoiseExceedance(W, 3, 2);
        Log night =
                feed(
                        c,
                        "construction",
                        "2026-11-02T23:00",
                        new double[] {60, 58},
                        new double[] {65, 75});
        assertThat(night.events).containsExactly("open 2026-11-02T23:00 burst");
        assertThat(night.openings.get(0))
                .extracting(NoiseExceedance.Scored::burst)
                .containsExactly(false, true);
    }
}

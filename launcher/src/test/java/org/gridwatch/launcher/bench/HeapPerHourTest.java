package org.gridwatch.launcher.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HeapPerHourTest {
    private static final long MIN = 60_000L;
    private static final long HOUR = 60 * MIN;
    private static final long MB = 1024 * 1024;

    /** 2026-12-03 16:00 UTC, midnight in Shanghai. */
    private static final long T0 = Instant.parse("2026-12-03T16:00:00Z").toEpochMilli();

    /** Four samples an hour for {@code hours} hours, one GC per sample, heap {@code mb[hour]}. */
    private static HeapPerHour series(long... mb) {
        HeapPerHour h = new HeapPerHour();
        long gcs = 100;
        for (int hour = 0; hour < mb.length; hour++) {
            for (int q = 0; q < 4; q++) {
                h.add(T0 + hour * HOUR + q * 15 * MIN, (mb[hour] + q) * MB, ++gcs);
            }
        }
        return h;
    }

    @Test
    void flatSeriesIsFlat() {
        long[] mb = new long[24];
        for (int i = 0; i < mb.length; i++) {
            mb[i] = i == 0 ? 80 : 210 + (i % 3) * 4; // warm-up hour low, then a small saw-tooth
        }
        HeapPerHour h = series(mb);
        List<HeapPerHour.Row> rows = h.rows();
        assertThat(rows).hasSize(24);
        assertThat(rows.get(0).hour()).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(rows.get(5).heapMb())
                .isCloseTo(mb[5] + 3, within(1e-9)); // the hour's last sample
        assertThat(rows.get(0).gcs()).isEqualTo(3); // first hour: over its own lowest count
        assertThat(rows.get(1).gcs()).isEqualTo(4);
        assertThat(rows.get(1).samples()).isEqualTo(4);

        HeapPerHour.Verdict v = h.verdict().orElseThrow();
        // 23 judged hours (hour 0 is warm-up): k = 3.
        assertThat(v.firstHours()).containsExactly(1, 2, 3);
        assertThat(v.lastHours()).containsExactly(21, 22, 23);
        assertThat(v.word()).isEqualTo("flat");
        assertThat(v.change()).isBetween(-0.05, 0.05);
        assertThat(v.toString()).contains("hours 1-3", "hours 21-23", ": flat (");
    }

    @Test
    void growingSeriesGrows() {
        long[] mb = new long[12];
        for (int i = 0; i < mb.length; i++) {
            mb[i] = 200 + 20L * i;
        }
        HeapPerHour.Verdict v = series(mb).verdict().orElseThrow();
        // 11 judged hours: k = 2, hours 1-2 against 10-11.
        assertThat(v.firstHours()).containsExactly(1, 2);
        assertThat(v.lastHours()).containsExactly(10, 11);
        assertThat(v.firstMb()).isCloseTo(233, within(1e-9));
        assertThat(v.lastMb()).isCloseTo(413, within(1e-9));
        assertThat(v.word()).isEqualTo("grows");
        assertThat(v.toString()).contains("grows (+77 %");
    }

    @Test
    void shrinkingSeriesFalls() {
        HeapPerHour.Verdict v = series(300, 400, 390, 200, 190).verdict().orElseThrow();
        assertThat(v.toString())
                .startsWith("heap after GC: 403 MB in hour 1, 193 MB in hour 4: falls (-52 %");
    }

    @Test
    void hoursWithoutGcAreShownButNotJudged() {
        HeapPerHour h = new HeapPerHour();
        h.add(T0 + 10 * MIN, 50 * MB, 1); // warm-up
        h.add(T0 + 50 * MIN, 60 * MB, 2);
        h.add(T0 + HOUR + 30 * MIN, 200 * MB, 5); // hour 1: 3 GCs
        h.add(T0 + 2 * HOUR + 30 * MIN, 200 * MB, 5); // hour 2: none, stale heap
        h.add(T0 + 4 * HOUR + 30 * MIN, 210 * MB, 6); // hour 3 missing, hour 4: 1 GC
        List<HeapPerHour.Row> rows = h.rows();
        assertThat(rows).extracting(HeapPerHour.Row::gcs).containsExactly(1L, 3L, 0L, 1L);
        assertThat(rows.get(3).hour()).isEqualTo(Instant.ofEpochMilli(T0 + 4 * HOUR));
        HeapPerHour.Verdict v = h.verdict().orElseThrow();
        assertThat(v.firstHours()).containsExactly(1);
        assertThat(v.lastHours()).containsExactly(4); // numbered by time, the gap kept
        assertThat(v.toString()).contains("200 MB in hour 1, 210 MB in hour 4: flat (+5 %");

        String printed = print(h);
        assertThat(printed).contains("*  ", "no GC in that hour");
        assertThat(printed.lines().filter(l -> l.matches("\\s+\\d+ .*"))).hasSize(4);
    }

    @Test
    void noVerdictWithoutTwoJudgedHours() {
        HeapPerHour h = new HeapPerHour();
        assertThat(h.verdict()).isEmpty();
        assertThat(print(h)).contains("no samples");
        h.add(T0, 50 * MB, 1);
        h.add(T0 + HOUR, 60 * MB, 2);
        h.add(T0 + 2 * HOUR, 60 * MB, 2); // no GC: not judged
        assertThat(h.verdict()).isEmpty();
        assertThat(print(h)).contains("no verdict");
    }

    @Test
    void samplesOutOfOrderAndHoursGivenTwice() {
        HeapPerHour inOrder = new HeapPerHour();
        HeapPerHour shuffled = new HeapPerHour();
        long[][] samples = {
            {T0 + 5 * MIN, 40, 1},
            {T0 + 40 * MIN, 45, 2},
            {T0 + HOUR + 10 * MIN, 100, 4},
            {T0 + HOUR + 50 * MIN, 110, 6},
            {T0 + 2 * HOUR + 20 * MIN, 120, 9},
            {T0 + 2 * HOUR + 59 * MIN, 125, 10},
        };
        for (long[] s : samples) {
            inOrder.add(s[0], s[1] * MB, s[2]);
        }
        for (int i : new int[] {3, 0, 5, 2, 1, 4}) {
            shuffled.add(samples[i][0], samples[i][1] * MB, samples[i][2]);
        }
        assertThat(shuffled.rows()).isEqualTo(inOrder.rows());
        assertThat(shuffled.rows())
                .extracting(HeapPerHour.Row::heapMb, HeapPerHour.Row::gcs)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(45.0, 1L),
                        org.assertj.core.groups.Tuple.tuple(110.0, 4L),
                        org.assertj.core.groups.Tuple.tuple(125.0, 4L));

        // The same simulated time twice (the watermark did not move): the later sample wins.
        shuffled.add(T0 + 2 * HOUR + 59 * MIN, 130 * MB, 11);
        HeapPerHour.Row last = shuffled.rows().get(2);
        assertThat(last.heapMb()).isEqualTo(130.0);
        assertThat(last.gcs()).isEqualTo(5);
        assertThat(last.samples()).isEqualTo(3);
        // A lower GC count than one seen (a sample taken earlier, added late) never subtracts.
        shuffled.add(T0 + 2 * HOUR, 118 * MB, 3);
        assertThat(shuffled.rows().get(2).gcs()).isEqualTo(5);
    }

    @Test
    void judgedHoursWithGapsAreListed() {
        long[] mb = {100, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200};
        HeapPerHour h = new HeapPerHour();
        long gcs = 0;
        for (int hour = 0; hour < mb.length; hour++) {
            // hours 11 and 12 without a GC
            gcs += hour == 11 || hour == 12 ? 0 : 1;
            h.add(T0 + hour * HOUR, mb[hour] * MB, gcs);
        }
        // 11 judged hours (1-10, 13): k = 2, the last two are 10 and 13.
        assertThat(h.verdict().orElseThrow().toString())
                .contains("in hours 1-2, ", "in hours 10, 13: flat (+0 %");
    }

    @Test
    void heapSamplesGetTheSimulatedTimeInterpolatedBetweenWatermarks() {
        HeapPerHour h = new HeapPerHour();
        long s = 1_000_000_000L;
        h.heapAt(0, 10 * MB, 1); // before the first simulated time: dropped
        h.simulatedTimeAt(s, T0);
        // One simulated hour per wall-clock second; samples every 250 ms.
        h.heapAt(s + s / 4, 20 * MB, 2); // T0 + 15 min
        h.heapAt(s + s / 2, 30 * MB, 3); // T0 + 30 min
        h.heapAt(s + 3 * s / 4, 40 * MB, 4); // T0 + 45 min
        h.heapAt(2 * s, 50 * MB, 5); // T0 + 1 h: the next hour
        h.heapAt(2 * s + s / 4, 60 * MB, 6); // after the next simulated time: waits
        h.simulatedTimeAt(2 * s, T0 + HOUR);
        List<HeapPerHour.Row> rows = h.rows();
        assertThat(rows)
                .extracting(
                        HeapPerHour.Row::hour, HeapPerHour.Row::heapMb, HeapPerHour.Row::samples)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Instant.ofEpochMilli(T0), 40.0, 3),
                        org.assertj.core.groups.Tuple.tuple(
                                Instant.ofEpochMilli(T0 + HOUR), 50.0, 1));
        h.simulatedTimeAt(3 * s, T0 + 3 * HOUR);
        // 2.25 s: a quarter of the way from hour 1 to hour 3, so hour 1 + 30 min.
        assertThat(h.rows().get(1).heapMb()).isEqualTo(60.0);
        assertThat(h.rows().get(1).samples()).isEqualTo(2);
        assertThat(h.rows()).hasSize(2);
    }

    @Test
    void printsUtcAndCityTime() {
        String printed = print(series(100, 200, 200));
        assertThat(printed)
                .contains("city time Asia/Shanghai")
                .contains("     0  2026-12-03 16:00  12-04 00:00")
                .contains("     2  2026-12-03 18:00  12-04 02:00")
                .contains("heap after GC: 203 MB in hour 1, 203 MB in hour 2: flat (+0 %");
    }

    private static String print(HeapPerHour h) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        h.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), ZoneId.of("Asia/Shanghai"));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

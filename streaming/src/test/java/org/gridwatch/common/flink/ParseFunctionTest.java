package org.gridwatch.common.flink;

import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;

import org.gridwatch.common.kafka.Topics;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.RawRecord;
import org.gridwatch.common.parse.GpsParser;
import org.gridwatch.common.parse.ParseLimits;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parsing and the late-event verdicts, judged in each partition's own order, across a restore too.
 */
class ParseFunctionTest {
    private static final long T0 = Instant.parse("2026-11-22T01:00:00Z").toEpochMilli();
    private static final long BOUND = 2_000;

    private static RawRecord record(int partition, long offset, String json) {
        return new RawRecord(
                Topics.GPS,
                partition,
                offset,
                T0,
                "k".getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static String ping(String time) {
        return "{\"entityId\":\"o1\",\"entityType\":\"OFFICER\",\"time\":\""
                + time
                + "\",\"lat\":31.1,\"lon\":121.4}";
    }

    private static long at(String time) {
        return Instant.parse(time).toEpochMilli();
    }

    private static void send(
            OneInputStreamOperatorTestHarness<RawRecord, GpsPing> h,
            int partition,
            long offset,
            String time)
            throws Exception {
        h.processElement(record(partition, offset, ping(time)), at(time));
    }

    private static OneInputStreamOperatorTestHarness<RawRecord, GpsPing> harness(long tolerance)
            throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(
                new ParseFunction<>(
                        new GpsParser(ParseLimits.DEFAULTS), LateTolerance.fixed(tolerance)));
    }

    private static List<DeadLetter> deadLetters(
            OneInputStreamOperatorTestHarness<RawRecord, GpsPing> h) {
        return h.getSideOutput(ParseFunction.DEAD_LETTERS) == null
                ? List.of()
                : h.getSideOutput(ParseFunction.DEAD_LETTERS).stream()
                        .map(r -> r.getValue())
                        .toList();
    }

    @Test
    void shouldDeadLetterAnEventLateInItsOwnPartitionWithItsOriginalBytesPartitionAndOffset()
            throws Exception {
        try (var h = harness(BOUND)) {
            send(h, 3, 10, "2026-11-22T01:00:30Z");
            send(h, 3, 11, "2026-11-22T01:00:05Z");
            send(h, 3, 12, "2026-11-22T01:00:28Z");
            send(h, 4, 1, "2026-11-22T01:00:05Z");

            assertThat(h.extractOutputValues())
                    .extracting(GpsPing::eventTime)
                    .containsExactly(
                            at("2026-11-22T01:00:30Z"),
                            at("2026-11-22T01:00:28Z"),
                            at("2026-11-22T01:00:05Z"));
            assertThat(deadLetters(h))
                    .singleElement()
                    .satisfies(
                            d -> {
                                assertThat(d.reasonCode()).isEqualTo("late_event");
                                assertThat(d.original()).isEqualTo(ping("2026-11-22T01:00:05Z"));
                                assertThat(d.partition()).isEqualTo(3);
                                assertThat(d.offset()).isEqualTo(11);
                                assertThat(d.reason())
                                        .contains("2026-11-22T01:00:05Z")
                                        .contains("2026-11-22T01:00:30Z")
                                        .contains("partition 3");
                            });
        }
    }

    private static void sendAs(
            OneInputStreamOperatorTestHarness<RawRecord, GpsPing> h,
            String entity,
            long offset,
            String time)
            throws Exception {
        String json =
                "{\"entityId\":\""
                        + entity
                        + "\",\"entityType\":\"TRUCK\",\"time\":\""
                        + time
                        + "\",\"lat\":31.1,\"lon\":121.4}";
        h.processElement(
                new RawRecord(
                        Topics.GPS,
                        0,
                        offset,
                        T0,
                        entity.getBytes(StandardCharsets.UTF_8),
                        json.getBytes(StandardCharsets.UTF_8)),
                at(time));
    }

    @Test
    void shouldNotLetOneTerminalWhoseClockRunsAheadMakeTheOthersLate() throws Exception {
        // A feed at yesterday's time; one JT/T 808 terminal reports with a clock 8 h ahead (local
        // time taken for UTC). Before: every later event of the partition was late against it.
        try (var h = harness(BOUND)) {
            sendAs(h, "truck-1", 0, "2026-11-22T01:00:00Z");
            sendAs(h, "truck-2", 1, "2026-11-22T01:00:05Z");
            sendAs(h, "skewed", 2, "2026-11-22T09:00:10Z");
            for (int i = 0; i < 100; i++) {
                sendAs(
                        h,
                        i % 2 == 0 ? "truck-1" : "skewed",
                        3 + i,
                        Instant.parse(i % 2 == 0 ? "2026-11-22T01:00:10Z" : "2026-11-22T09:00:10Z")
                                .plusSeconds(i)
                                .toString());
            }
            assertThat(deadLetters(h)).isEmpty();
            assertThat(h.extractOutputValues()).hasSize(103);
            // A truly late event is still late against what the others reached.
            sendAs(h, "truck-2", 200, "2026-11-22T01:00:01Z");
            assertThat(deadLetters(h))
                    .singleElement()
                    .satisfies(d -> assertThat(d.reason()).contains("2026-11-22T01:01:48Z"));
        }
    }

    @Test
    void shouldJudgeByThePartitionsOrderNotByTheWatermark() throws Exception {
        try (var h = harness(BOUND)) {
            // Another partition of the reader took the watermark far ahead: this partition's events
            // are still on time.
            h.processWatermark(new Watermark(at("2026-11-22T02:00:00Z")));
            send(h, 0, 0, "2026-11-22T01:00:00Z");
            send(h, 0, 1, "2026-11-22T01:00:01Z");
            assertThat(h.extractOutputValues()).hasSize(2);
            assertThat(deadLetters(h)).isEmpty();
        }
    }

    @Test
    void shouldKeepItsVerdictsAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness(BOUND)) {
            send(h, 3, 10, "2026-11-22T01:00:30Z");
            snapshot = h.snapshot(1, 1);
        }
        try (var restored =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(
                                new ParseFunction<>(
                                        new GpsParser(ParseLimits.DEFAULTS),
                                        LateTolerance.<GpsPing>fixed(BOUND))))) {
            restored.initializeState(snapshot);
            restored.open();
            send(restored, 3, 11, "2026-11-22T01:00:05Z");
            assertThat(deadLetters(restored))
                    .singleElement()
                    .satisfies(d -> assertThat(d.offset()).isEqualTo(11));
        }
    }

    @Test
    void shouldPassReferenceUpdatesWhateverTheirTime() throws Exception {
        try (var h = harness(PartitionLateness.NEVER)) {
            send(h, 0, 0, "2026-11-22T01:00:30Z");
            send(h, 0, 1, "2026-11-20T01:00:05Z");
            assertThat(h.extractOutputValues()).hasSize(2);
            assertThat(deadLetters(h)).isEmpty();
        }
    }

    @Test
    void shouldDeadLetterUnparseableRecordsWithTheirReason() throws Exception {
        try (var h = harness(BOUND)) {
            h.processElement(record(0, 7, "{not json"), Long.MIN_VALUE);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(deadLetters(h))
                    .singleElement()
                    .satisfies(d -> assertThat(d.reasonCode()).isEqualTo("bad_json"));
        }
    }
}

package org.gridwatch.common.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
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

/** Parsing and the late-event diversion, driven with explicit timestamps and watermarks. */
class ParseFunctionTest {
    private static final long T0 = java.time.Instant.parse("2026-11-22T01:00:00Z").toEpochMilli();

    private static RawRecord record(long offset, String json) {
        return new RawRecord(Topics.GPS, 3, offset, T0, "k".getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    }

    private static String ping(String time) {
        return "{\"entityId\":\"o1\",\"entityType\":\"OFFICER\",\"time\":\"" + time + "\",\"lat\":31.1,\"lon\":121.4}";
    }

    private static OneInputStreamOperatorTestHarness<RawRecord, GpsPing> harness(boolean divertLate) throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(
                new ParseFunction<>(new GpsParser(ParseLimits.DEFAULTS), divertLate));
    }

    @Test
    void shouldDeadLetterAnEventBehindTheWatermarkWithItsOriginalBytesPartitionAndOffset() throws Exception {
        try (var h = harness(true)) {
            h.processElement(record(10, ping("2026-11-22T01:00:30Z")), T0 + 30_000);
            h.processWatermark(new Watermark(T0 + 27_999));
            String late = ping("2026-11-22T01:00:05Z");
            h.processElement(record(11, late), T0 + 5_000);
            h.processElement(record(12, ping("2026-11-22T01:00:28Z")), T0 + 28_000);

            assertThat(h.extractOutputValues()).extracting(GpsPing::eventTime).containsExactly(T0 + 30_000, T0 + 28_000);
            List<DeadLetter> dead = List.copyOf(h.getSideOutput(ParseFunction.DEAD_LETTERS)).stream().map(r -> r.getValue()).toList();
            assertThat(dead).singleElement().satisfies(d -> {
                assertThat(d.reasonCode()).isEqualTo("late_event");
                assertThat(d.original()).isEqualTo(late);
                assertThat(d.partition()).isEqualTo(3);
                assertThat(d.offset()).isEqualTo(11);
                assertThat(d.reason()).contains("2026-11-22T01:00:05Z").contains("behind the watermark");
            });
        }
    }

    @Test
    void shouldPassReferenceUpdatesWhateverTheirTime() throws Exception {
        try (var h = harness(false)) {
            h.processWatermark(new Watermark(T0 + 60_000));
            h.processElement(record(1, ping("2026-11-22T01:00:05Z")), T0 + 5_000);
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(h.getSideOutput(ParseFunction.DEAD_LETTERS)).isNull();
        }
    }

    @Test
    void shouldDeadLetterUnparseableRecordsWithTheirReason() throws Exception {
        try (var h = harness(true)) {
            h.processElement(record(7, "{not json"), Long.MIN_VALUE);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.getSideOutput(ParseFunction.DEAD_LETTERS)).singleElement()
                    .satisfies(r -> assertThat(r.getValue().reasonCode()).isEqualTo("bad_json"));
        }
    }
}

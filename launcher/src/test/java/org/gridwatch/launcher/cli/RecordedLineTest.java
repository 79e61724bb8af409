package org.gridwatch.launcher.cli;

import org.gridwatch.common.kafka.Topics;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** How replay reads a recorded line's key and time: nothing in a line may stop a replay. */
class RecordedLineTest {
    private static final long PREVIOUS = Instant.parse("2026-11-02T01:00:00Z").toEpochMilli();

    @Test
    void aReadableLineIsSentAtItsOwnTimeUnderItsKey() {
        RecordedLine r =
                RecordedLine.of(
                        "{\"caseId\":\"12345-1\",\"kind\":\"CLOSED\",\"time\":\"2026-11-02T02:00:00Z\"}",
                        Topics.HOTLINE);
        assertThat(r.key()).isEqualTo("12345-1");
        assertThat(r.eventTime()).isEqualTo(Instant.parse("2026-11-02T02:00:00Z").toEpochMilli());
        assertThat(r.sendTime(PREVIOUS)).isEqualTo(r.eventTime());
    }

    @Test
    void aTimeBefore1970IsSentOnAtThePreviousLinesTime() {
        // A real export carried a 1900-01-01 close date; Kafka refuses negative timestamps.
        RecordedLine r =
                RecordedLine.of(
                        "{\"caseId\":\"12345-1\",\"kind\":\"CLOSED\",\"time\":\"1900-01-01T00:00:00+08:00\"}",
                        Topics.HOTLINE);
        assertThat(r.key()).isEqualTo("12345-1");
        assertThat(r.eventTime()).isEqualTo(RecordedLine.NO_TIME);
        assertThat(r.sendTime(PREVIOUS)).isEqualTo(PREVIOUS);
        assertThat(
                        RecordedLine.of("{\"caseId\":\"c\",\"time\":-1}", Topics.HOTLINE)
                                .sendTime(PREVIOUS))
                .isEqualTo(PREVIOUS);
    }

    @Test
    void anOutOfRangeOrUnparsableTimeIsSentOnAtThePreviousLinesTime() {
        assertThat(
                        RecordedLine.of(
                                        "{\"caseId\":\"c\",\"time\":123456789012345678901234567890}",
                                        Topics.HOTLINE)
                                .sendTime(PREVIOUS))
                .isEqualTo(PREVIOUS);
        assertThat(
                        RecordedLine.of(
                                        "{\"caseId\":\"c\",\"time\":\"+999999999-12-31T23:59:59Z\"}",
                                        Topics.HOTLINE)
                                .sendTime(PREVIOUS))
                .isEqualTo(PREVIOUS);
        assertThat(
                        RecordedLine.of("{\"caseId\":\"c\",\"time\":\"yesterday\"}", Topics.HOTLINE)
                                .sendTime(PREVIOUS))
                .isEqualTo(PREVIOUS);
        assertThat(RecordedLine.of("{\"caseId\":\"c\"}", Topics.HOTLINE).sendTime(PREVIOUS))
                .isEqualTo(PREVIOUS);
        RecordedLine broken = RecordedLine.of("{not json", Topics.HOTLINE);
        assertThat(broken.key()).isNull();
        assertThat(broken.sendTime(PREVIOUS)).isEqualTo(PREVIOUS);
    }

    @Test
    void aFirstLineWithoutUsableTimeIsSentAtTheWallClock() {
        long before = System.currentTimeMillis();
        long t =
                RecordedLine.of(
                                "{\"caseId\":\"c\",\"time\":\"1900-01-01T00:00:00Z\"}",
                                Topics.HOTLINE)
                        .sendTime(RecordedLine.NO_TIME);
        assertThat(t).isBetween(before, System.currentTimeMillis());
    }
}

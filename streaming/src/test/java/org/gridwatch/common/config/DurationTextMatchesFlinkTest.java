package org.gridwatch.common.config;

import org.apache.flink.util.TimeUtils;

import org.gridwatch.common.reference.DurationText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rule value means what the same text means in a flag: the model's Flink-free parser ({@link
 * DurationText}, rule values) accepts and refuses what Flink's {@link TimeUtils#parseDuration}
 * (flags, {@link Durations}) does, to the nanosecond. Negative values, which flags and rules both
 * refuse, are checked in DurationTextTest.
 */
class DurationTextMatchesFlinkTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "500ms",
                "30s",
                "5m",
                "5 min",
                "2h",
                "7d",
                "PT5M",
                "pt5m",
                "+PT5S",
                "P1D",
                "PT1.5S",
                "0",
                " 0 ",
                "10",
                "05s",
                "5M",
                "5 MIN",
                "1DAY",
                "1 days",
                "5minute",
                "5minutes",
                "1sec",
                "1secs",
                "1second",
                "1 seconds",
                "1hour",
                "1 hours",
                "1 milli",
                "1millis",
                "1millisecond",
                "1µs",
                "1micros",
                "1ns",
                "1nanos",
                "1 nanosecond",
                "5  s",
                "9223372036854775807",
                "9223372036854775807d",
                "99999999999999999999s",
                "",
                "  ",
                "soon",
                "m",
                "+5s",
                "1.5s",
                "5mins",
                "1us",
                "1d2h",
                "1e3",
                "0x10",
                "5 m s",
                "5mm",
                "1 week",
                "1w",
                "P1W",
                "P1Y",
                "٣s",
                "１s"
            })
    void acceptsAndRefusesWhatFlinkDoes(String text) {
        Duration flink = parseOrNull(() -> TimeUtils.parseDuration(text));
        Duration model = parseOrNull(() -> DurationText.parse(text));
        assertThat(model).as("'%s'", text).isEqualTo(flink);
    }

    private static Duration parseOrNull(java.util.function.Supplier<Duration> parse) {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            return null;
        }
    }
}

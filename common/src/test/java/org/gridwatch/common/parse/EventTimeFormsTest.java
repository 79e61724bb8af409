package org.gridwatch.common.parse;

import org.gridwatch.common.model.ReasonCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.common.parse.ParserTestSupport.*;

/**
 * The forms of event time the parsers accept (issue 19, "real sensor clocks"): ISO-8601 with Z or
 * an offset and epoch ms as before, and local date-times without an offset, read in the city's
 * zone.
 */
class EventTimeFormsTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** A noise reading at {@code time} (a JSON value: a quoted string or a number). */
    private static byte[] reading(String time) {
        return bytes(
                "{\"deviceId\":\"NS-MH-QB-0112\",\"kind\":\"NOISE_READING\",\"time\":"
                        + time
                        + ",\"lat\":31.1,\"lon\":121.4,\"laeq\":62.5,\"lmax\":71.0,\"interval\":60}");
    }

    private static long iotTime(ZoneId zone, String time) throws InvalidInputException {
        return new IotParser(ParseLimits.DEFAULTS, CLOCK, zone).parse(reading(time)).eventTime();
    }

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void shouldReadSpaceSeparatedLocalTimeInTheCitysZone() throws Exception {
        assertThat(iotTime(SHANGHAI, "\"2025-03-21 00:00:30\""))
                .isEqualTo(ms("2025-03-20T16:00:30Z"));
    }

    @Test
    void shouldReadSpaceSeparatedLocalTimeWithMilliseconds() throws Exception {
        assertThat(iotTime(SHANGHAI, "\"2025-03-21 00:00:30.250\""))
                .isEqualTo(ms("2025-03-20T16:00:30.250Z"));
    }

    @Test
    void shouldReadIsoLocalTimeWithoutOffsetInTheCitysZone() throws Exception {
        assertThat(iotTime(SHANGHAI, "\"2025-03-21T00:00:30\""))
                .isEqualTo(ms("2025-03-20T16:00:30Z"));
        assertThat(iotTime(SHANGHAI, "\"2025-03-21T00:00:30.5\""))
                .isEqualTo(ms("2025-03-20T16:00:30.500Z"));
    }

    @Test
    void shouldReadSlashSeparatedLocalTimeInTheCitysZone() throws Exception {
        assertThat(iotTime(SHANGHAI, "\"2025/03/21 00:00:30\""))
                .isEqualTo(ms("2025-03-20T16:00:30Z"));
    }

    @Test
    void shouldKeepIsoWithZOrOffsetAsAnInstantWhateverTheZone() throws Exception {
        assertThat(iotTime(BERLIN, "\"2025-03-20T16:00:30Z\""))
                .isEqualTo(ms("2025-03-20T16:00:30Z"));
        assertThat(iotTime(BERLIN, "\"2025-03-21T00:00:30+08:00\""))
                .isEqualTo(ms("2025-03-20T16:00:30Z"));
    }

    @Test
    void shouldKeepEpochMillisecondsAndRefuseEpochSecondsAsBefore() throws Exception {
        assertThat(iotTime(BERLIN, "1742486430000")).isEqualTo(ms("2025-03-20T16:00:30Z"));
        // Seconds sent instead of ms stay out_of_range (schemas/examples/*.invalid.ndjson "seconds
        // instead of ms").
        assertRejected(
                new IotParser(ParseLimits.DEFAULTS, CLOCK, SHANGHAI),
                reading("1742486430"),
                ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldReadShanghaiLocalTimeAtPlusEightAllYear() throws Exception {
        // China keeps no daylight saving time: winter and summer are both UTC+8.
        assertThat(iotTime(SHANGHAI, "\"2025-01-15 12:00:00\""))
                .isEqualTo(ms("2025-01-15T04:00:00Z"));
        assertThat(iotTime(SHANGHAI, "\"2025-07-15 12:00:00\""))
                .isEqualTo(ms("2025-07-15T04:00:00Z"));
        assertThat(iotTime(SHANGHAI, "\"2025-03-30 02:30:00\""))
                .isEqualTo(ms("2025-03-29T18:30:00Z"));
    }

    @Test
    void shouldHonourAnotherZoneAcrossItsDaylightSavingChange() throws Exception {
        // Europe/Berlin moves from +01:00 to +02:00 at 2025-03-30 02:00 local (01:00Z).
        assertThat(iotTime(BERLIN, "\"2025-03-30 01:59:59\""))
                .isEqualTo(ms("2025-03-30T00:59:59Z"));
        assertThat(iotTime(BERLIN, "\"2025-03-30 03:00:00\""))
                .isEqualTo(ms("2025-03-30T01:00:00Z"));
        // 02:30 does not exist that night: moved forward by the gap, to 03:30 +02:00.
        assertThat(iotTime(BERLIN, "\"2025-03-30 02:30:00\""))
                .isEqualTo(ms("2025-03-30T01:30:00Z"));
        // 02:30 on 2025-10-26 occurs twice: the earlier instant (+02:00).
        assertThat(iotTime(BERLIN, "\"2025-10-26 02:30:00\""))
                .isEqualTo(ms("2025-10-26T00:30:00Z"));
        // The same text is another instant in Shanghai.
        assertThat(iotTime(SHANGHAI, "\"2025-03-30 03:00:00\""))
                .isEqualTo(ms("2025-03-29T19:00:00Z"));
    }

    @Test
    void shouldReadLocalTimeInEveryEventParser() throws Exception {
        String t = "\"2025-03-21 00:00:30\"";
        long expected = ms("2025-03-20T16:00:30Z");
        assertThat(
                        new GpsParser(ParseLimits.DEFAULTS, CLOCK, SHANGHAI)
                                .parse(
                                        bytes(
                                                "{\"entityId\":\"013912345601\",\"entityType\":\"TRUCK\",\"time\":"
                                                        + t
                                                        + ",\"lat\":31.0712,\"lon\":121.4105}"))
                                .eventTime())
                .isEqualTo(expected);
        assertThat(
                        new HotlineParser(ParseLimits.DEFAULTS, CLOCK, SHANGHAI)
                                .parse(
                                        bytes(
                                                "{\"eventId\":\"E1\",\"caseId\":\"C1\",\"kind\":\"CLOSED\",\"time\":"
                                                        + t
                                                        + "}"))
                                .eventTime())
                .isEqualTo(expected);
        // Without a zone the parsers assume Asia/Shanghai (no city known).
        assertThat(new IotParser(ParseLimits.DEFAULTS, CLOCK).parse(reading(t)).eventTime())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-03-21 00:00",
                "2025-02-30 00:00:30",
                "2025-03-21 24:00:00",
                "21/03/2025 00:00:30",
                "2025-03-21  00:00:30",
                "2025/03-21 00:00:30",
                "2025-03-21 00:00:30.1234567890",
                "yesterday"
            })
    void shouldRefuseOtherTextAsWrongType(String text) {
        InvalidInputException e =
                assertRejected(
                        new IotParser(ParseLimits.DEFAULTS, CLOCK, SHANGHAI),
                        reading("\"" + text + "\""),
                        ReasonCodes.WRONG_TYPE);
        assertThat(e.getMessage()).contains("Asia/Shanghai");
    }

    @Test
    void shouldStillCheckLocalTimesAgainstTheFutureAndYear2000Bounds() {
        var parser = new IotParser(ParseLimits.DEFAULTS, CLOCK, SHANGHAI);
        assertRejected(parser, reading("\"2099-01-01 00:00:00\""), ReasonCodes.FUTURE_TIME);
        assertRejected(parser, reading("\"1999-12-31 23:59:59\""), ReasonCodes.OUT_OF_RANGE);
    }
}

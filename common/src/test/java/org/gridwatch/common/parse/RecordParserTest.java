package org.gridwatch.common.parse;

import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.ReasonCodes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.common.parse.ParserTestSupport.*;

/** The checks every topic shares, exercised through the GPS parser: size, JSON, object, clock. */
class RecordParserTest {
    private static final String PING =
            "{\"entityId\":\"013912345601\",\"entityType\":\"TRUCK\",\"time\":\"2026-11-22T07:59:00Z\",\"lat\":31.0712,\"lon\":121.4105}";

    private final GpsParser parser = new GpsParser(ParseLimits.DEFAULTS, CLOCK);

    @Test
    void shouldRejectNullAndEmptyRecordAsBadJson() {
        assertRejected(parser, (byte[]) null, ReasonCodes.BAD_JSON);
        assertRejected(parser, new byte[0], ReasonCodes.BAD_JSON);
    }

    @Test
    void shouldRejectWhitespaceOnlyRecordAsBadJson() {
        assertRejected(parser, bytes("  \n\t "), ReasonCodes.BAD_JSON);
    }

    @Test
    void shouldRejectMalformedJson() {
        assertRejected(parser, bytes(PING.substring(0, PING.length() - 1)), ReasonCodes.BAD_JSON);
        assertRejected(parser, bytes("{'entityId':'x'}"), ReasonCodes.BAD_JSON);
        assertRejected(parser, bytes(PING.replace("31.0712", "NaN")), ReasonCodes.BAD_JSON);
    }

    @Test
    void shouldRejectTrailingContentAfterTheObject() {
        assertRejected(parser, bytes(PING + " x"), ReasonCodes.BAD_JSON);
        assertRejected(parser, bytes(PING + PING), ReasonCodes.BAD_JSON);
        assertRejected(parser, bytes(PING + "}"), ReasonCodes.BAD_JSON);
    }

    @Test
    void shouldAcceptSurroundingWhitespace() throws Exception {
        assertThat(parser.parse(bytes("\n  " + PING + " \r\n")).entityId())
                .isEqualTo("013912345601");
    }

    @Test
    void shouldRejectInvalidUtf8AsBadEncoding() {
        byte[] record = bytes(PING);
        record[15] = (byte) 0xC3; // a lead byte followed by ASCII: malformed UTF-8 inside a string
        assertRejected(parser, record, ReasonCodes.BAD_ENCODING);
        assertRejected(
                parser, new byte[] {0x7e, 0x02, 0x00, (byte) 0xff, 0x7e}, ReasonCodes.BAD_ENCODING);
    }

    @Test
    void shouldRejectTopLevelValuesThatAreNotObjects() {
        assertRejected(parser, bytes("[" + PING + "]"), ReasonCodes.NOT_AN_OBJECT);
        assertRejected(parser, bytes("\"013912345601\""), ReasonCodes.NOT_AN_OBJECT);
        assertRejected(parser, bytes("42"), ReasonCodes.NOT_AN_OBJECT);
        assertRejected(parser, bytes("null"), ReasonCodes.NOT_AN_OBJECT);
        assertRejected(parser, bytes("true"), ReasonCodes.NOT_AN_OBJECT);
    }

    @Test
    void shouldRejectRecordOverTheByteLimitBeforeParsing() {
        byte[] record = bytes(PING);
        GpsParser tight = new GpsParser(new ParseLimits(record.length - 1, FIVE_MIN, 4000), CLOCK);
        InvalidInputException e = assertRejected(tight, record, ReasonCodes.TOO_LARGE);
        assertThat(e.getMessage()).contains(record.length + " bytes");
        // too_large wins even over bad JSON: the record is not read at all
        assertRejected(tight, bytes(repeat('x', record.length)), ReasonCodes.TOO_LARGE);
    }

    @Test
    void shouldAcceptRecordExactlyAtTheByteLimit() throws Exception {
        byte[] record = bytes(PING);
        GpsParser exact = new GpsParser(new ParseLimits(record.length, FIVE_MIN, 4000), CLOCK);
        assertThat(exact.parse(record)).isNotNull();
    }

    @Test
    void shouldCountBytesNotCharactersForTheLimit() {
        String withChinese = PING.replace("}", ",\"plate\":\"沪D52817\"}");
        int chars = withChinese.length();
        byte[] record = withChinese.getBytes(StandardCharsets.UTF_8);
        assertThat(record.length).isGreaterThan(chars);
        assertRejected(
                new GpsParser(new ParseLimits(chars, FIVE_MIN, 4000), CLOCK),
                record,
                ReasonCodes.TOO_LARGE);
    }

    @Test
    void shouldRejectNestingDeeperThanJacksonsLimitAsBadJson() {
        String deep = "{\"x\":" + "[".repeat(1500) + "]".repeat(1500) + "}";
        assertRejected(parser, bytes(deep), ReasonCodes.BAD_JSON);
    }

    @Test
    void shouldRejectOverlongNumberLiteralAsBadJson() {
        assertRejected(
                parser,
                bytes(PING.replace("31.0712", "3" + "1".repeat(1500))),
                ReasonCodes.BAD_JSON);
    }

    @Test
    void shouldReadTheClockOnEveryRecord() throws Exception {
        long[] now = {NOW_MS};
        GpsParser moving = new GpsParser(ParseLimits.DEFAULTS, () -> now[0]);
        byte[] record = bytes(PING.replace("2026-11-22T07:59:00Z", "2026-11-22T08:10:00Z"));

        assertRejected(moving, record, ReasonCodes.FUTURE_TIME);
        now[0] += 6 * 60_000L;
        GpsPing ping = moving.parse(record);
        assertThat(ping.eventTime()).isEqualTo(NOW_MS + 10 * 60_000L);
    }
}

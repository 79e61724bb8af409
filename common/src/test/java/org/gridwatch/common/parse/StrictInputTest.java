package org.gridwatch.common.parse;

import org.gridwatch.common.model.ReasonCodes;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.common.parse.ParserTestSupport.*;

/**
 * Issue 16, input side: bytes that are not strict UTF-8, JSON with a key twice and ids with control
 * characters are refused with their own reason, on every topic (the checks sit in RecordParser and
 * JsonFields, shared by all parsers).
 */
class StrictInputTest {
    private static final String PING =
            "{\"entityId\":\"013912345601\",\"entityType\":\"TRUCK\",\"time\":\"2026-11-22T07:59:00Z\",\"lat\":31.0712,\"lon\":121.4105}";
    private static final String REFERENCE =
            "{\"kind\":\"TRUCK\",\"id\":\"013900000001\",\"time\":\"2026-11-22T07:00:00Z\",\"payload\":{\"truckId\":\"013900000001\",\"plate\":\"沪W93266\"}}";

    private final GpsParser gps = new GpsParser(ParseLimits.DEFAULTS, CLOCK);
    private final IotParser iot = new IotParser(ParseLimits.DEFAULTS, CLOCK);
    private final HotlineParser hotline = new HotlineParser(ParseLimits.DEFAULTS, CLOCK);
    private final ReferenceParser reference = new ReferenceParser(ParseLimits.DEFAULTS, CLOCK);

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void shouldRefuseUtf16WithAByteOrderMark() {
        // Jackson detects UTF-16 from the BOM and read this as a valid ping.
        assertRejected(
                gps,
                concat(
                        new byte[] {(byte) 0xFE, (byte) 0xFF},
                        PING.getBytes(StandardCharsets.UTF_16BE)),
                ReasonCodes.BAD_ENCODING);
        assertRejected(
                gps,
                concat(
                        new byte[] {(byte) 0xFF, (byte) 0xFE},
                        PING.getBytes(StandardCharsets.UTF_16LE)),
                ReasonCodes.BAD_ENCODING);
        assertRejected(gps, PING.getBytes(StandardCharsets.UTF_16), ReasonCodes.BAD_ENCODING);
    }

    @Test
    void shouldRefuseUtf16WithoutAByteOrderMark() {
        assertRejected(gps, PING.getBytes(StandardCharsets.UTF_16LE), ReasonCodes.BAD_ENCODING);
        assertRejected(gps, PING.getBytes(StandardCharsets.UTF_16BE), ReasonCodes.BAD_ENCODING);
    }

    @Test
    void shouldRefuseAUtf8ByteOrderMark() {
        InvalidInputException e =
                assertRejected(
                        gps,
                        concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes(PING)),
                        ReasonCodes.BAD_ENCODING);
        assertThat(e.getMessage()).contains("byte order mark");
    }

    @Test
    void shouldRefuseAnOverlongEncodingThatJacksonReadAsASlash() {
        // C0 AF is an overlong '/': the entity id became "/" before.
        byte[] record =
                concat(
                        bytes("{\"entityId\":\""),
                        new byte[] {(byte) 0xC0, (byte) 0xAF},
                        bytes(PING.substring(PING.indexOf("\",\"entityType"))));
        InvalidInputException e = assertRejected(gps, record, ReasonCodes.BAD_ENCODING);
        assertThat(e.getMessage()).contains("byte 13").contains("0xC0");
    }

    @Test
    void shouldRefuseOtherInvalidUtf8Sequences() {
        byte[][] bad = {
            {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong 3-byte '/'
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded UTF-16 surrogate (CESU-8)
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {(byte) 0xE4, (byte) 0xB8}, // truncated 中
            {(byte) 0x80}, // a lone continuation byte
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, // 5-byte form
        };
        for (byte[] seq : bad) {
            byte[] record =
                    concat(
                            bytes("{\"entityId\":\"T"),
                            seq,
                            bytes(PING.substring(PING.indexOf("\",\"entityType"))));
            assertRejected(gps, record, ReasonCodes.BAD_ENCODING);
        }
    }

    @Test
    void shouldStillAcceptValidMultiByteUtf8() throws Exception {
        byte[] record =
                bytes(
                        "{\"entityId\":\"沪A·D1234\",\"entityType\":\"TRUCK\",\"time\":\"2026-11-22T07:59:00Z\",\"lat\":31.07,\"lon\":121.41,\"plate\":\"沪AD1234𠀀\"}");
        assertThat(gps.parse(record).entityId()).isEqualTo("沪A·D1234");
    }

    @Test
    void shouldRefuseADuplicateKeyInsteadOfLettingTheLastWin() {
        assertRejected(
                gps,
                bytes(
                        PING.replace(
                                "{\"entityId\":\"013912345601\"",
                                "{\"entityId\":\"013912345601\",\"entityId\":\"T2\"")),
                ReasonCodes.DUPLICATE_KEY);
        assertRejected(
                gps,
                bytes(PING.replace("\"lat\":31.0712", "\"lat\":31.0712,\"lat\":0")),
                ReasonCodes.DUPLICATE_KEY);
    }

    @Test
    void shouldRefuseADuplicateKeyInsideANestedObject() {
        String duplicated =
                REFERENCE.replace(
                        "\"plate\":\"沪W93266\"", "\"plate\":\"沪W93266\",\"plate\":\"沪A00000\"");
        InvalidInputException e =
                assertRejected(reference, bytes(duplicated), ReasonCodes.DUPLICATE_KEY);
        assertThat(e.getMessage()).contains("'plate'");
    }

    @Test
    void shouldRefuseControlCharactersInIds() {
        assertRejected(
                gps, bytes(PING.replace("013912345601", "0139123456\\u0000")), ReasonCodes.BAD_ID);
        assertRejected(
                gps, bytes(PING.replace("013912345601", "01391\\u001b[31m")), ReasonCodes.BAD_ID);
        assertRejected(
                gps,
                bytes(PING.replace("013912345601", "0139\\u200B12345601")),
                ReasonCodes.BAD_ID);
        assertRejected(
                gps,
                bytes(PING.replace("013912345601", "0139\\u202E12345601")),
                ReasonCodes.BAD_ID);
        assertRejected(
                gps,
                bytes(PING.replace("013912345601", "0139\\ud80012345601")),
                ReasonCodes.BAD_ID);
        assertRejected(
                iot,
                bytes(
                        "{\"deviceId\":\"CAM\\u0007\",\"kind\":\"STALL_DETECTED\",\"time\":\"2026-11-22T07:59:00Z\",\"lat\":31.07,\"lon\":121.41}"),
                ReasonCodes.BAD_ID);
        assertRejected(
                hotline,
                bytes(
                        "{\"eventId\":\"E1\",\"caseId\":\"C\\n1\",\"kind\":\"CLOSED\",\"time\":\"2026-11-22T07:59:00Z\"}"),
                ReasonCodes.BAD_ID);
        assertRejected(
                reference,
                bytes(REFERENCE.replace("\"id\":\"013900000001\"", "\"id\":\"0139\\u0000\"")),
                ReasonCodes.BAD_ID);
    }

    @Test
    void shouldLeaveControlCharactersInFreeTextAlone() throws Exception {
        String complaint =
                "{\"eventId\":\"E1\",\"caseId\":\"C1\",\"kind\":\"RECEIVED\",\"channel\":\"12345\",\"category\":\"占道经营\","
                        + "\"time\":\"2026-11-22T07:59:00Z\",\"lat\":31.07,\"lon\":121.41,\"text\":\"第一行\\n第二行 <b>x</b>\"}";
        assertThat(hotline.parse(bytes(complaint)).text()).isEqualTo("第一行\n第二行 <b>x</b>");
    }
}

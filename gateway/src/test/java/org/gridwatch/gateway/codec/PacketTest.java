package org.gridwatch.gateway.codec;

import org.gridwatch.common.model.ReasonCodes;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gridwatch.gateway.codec.TestFrames.*;

class PacketTest {
    /** The standard's escaped 0x0200 example: serial 0x007e and fuel 0x007d are sent escaped. */
    static final String FRAME_F =
            "7E 02 00 00 26 12 34 56 78 90 12 00 7D 02 00 00 00 01 00 00 00 02 00 BA 7F 0E 07 E4 F1 1C"
                    + " 00 28 00 3C 00 00 18 10 15 10 10 10 01 04 00 00 00 64 02 02 00 7D 01 13 7E";

    /** A 2019 0x0704 with one 40-byte item (version flag, version 1, BCD[10] phone). */
    static final String BATCH_2019 =
            "7e0704402d0100000866496077582164881d0001000028000000000000000701a00192091f2a470016"
                    + "0000000226050916422701040000258230010031010e507e";

    @Test
    void shouldDecodeA2013HeaderAfterUnescaping() {
        Packet p = Packet.decode(Hex.content(FRAME_F));
        Header h = p.header();
        assertThat(h.messageId()).isEqualTo(0x0200);
        assertThat(h.bodyLength()).isEqualTo(38);
        assertThat(h.is2019()).isFalse();
        assertThat(h.phone()).isEqualTo("123456789012");
        assertThat(h.serial()).isEqualTo(126);
        assertThat(h.subpackaged()).isFalse();
        assertThat(h.length()).isEqualTo(12);
        assertThat(p.body()).hasSize(38);
    }

    @Test
    void shouldDecodeA2019Header() {
        Header h = Packet.decode(Hex.content(BATCH_2019)).header();
        assertThat(h.messageId()).isEqualTo(0x0704);
        assertThat(h.is2019()).isTrue();
        assertThat(h.protocolVersion()).isEqualTo(1);
        assertThat(h.phone()).isEqualTo("00000866496077582164");
        assertThat(h.serial()).isEqualTo(0x881d);
        assertThat(h.bodyLength()).isEqualTo(45);
        assertThat(h.length()).isEqualTo(17);
    }

    @Test
    void shouldRoundTripA2019HeaderBuiltByHand() {
        byte[] body = shanghai(T0);
        // 0x0200, props = 0x4000 | 28, version 1, BCD[10] phone, serial 0x1234, body, check code.
        String hand = "0200" + "401c" + "01" + "00000000013912345678" + "1234" + Hex.of(body);
        byte[] content = FrameCodec.withChecksum(Hex.bytes(hand));
        Packet p = Packet.decode(content);
        assertThat(p.header())
                .isEqualTo(new Header(0x0200, 28, 0, false, 1, PHONE_2019, 0x1234, 0, 0, 17));
        assertThat(p.body()).isEqualTo(body);
        assertThat(Packet.encode(Header.of(0x0200, PHONE_2019, 0x1234, 1), body))
                .isEqualTo(FrameCodec.escape(content));
    }

    @Test
    void shouldReadSubpackageFields() {
        // 0x0704 part 2 of 3: props 0x2000 | 5, then total and index after the serial.
        String hand = "0704" + "2005" + "013912345678" + "0011" + "0003" + "0002" + "0102030405";
        Header h = Packet.decode(FrameCodec.withChecksum(Hex.bytes(hand))).header();
        assertThat(h.subpackaged()).isTrue();
        assertThat(h.total()).isEqualTo(3);
        assertThat(h.index()).isEqualTo(2);
        assertThat(h.length()).isEqualTo(16);
        byte[] again = part(0x0704, 0x11, 3, 2, Hex.bytes("0102030405"));
        assertThat(Hex.of(again))
                .isEqualTo(Hex.of(FrameCodec.escape(FrameCodec.withChecksum(Hex.bytes(hand)))));
    }

    @Test
    void shouldRefuseABadCheckCode() {
        byte[] c = Hex.content(FRAME_F);
        c[c.length - 1] ^= 0x01;
        assertRefused(c, ReasonCodes.JT808_BAD_CHECKSUM);
    }

    @Test
    void shouldCallAFrameCutShortTruncatedNotBadChecksum() {
        byte[] c = Hex.content(FRAME_F);
        assertRefused(Arrays.copyOf(c, c.length - 5), ReasonCodes.JT808_TRUNCATED);
        assertRefused(Arrays.copyOf(c, 8), ReasonCodes.JT808_TRUNCATED);
    }

    @Test
    void shouldCallBytesBeyondTheDeclaredBodyOversized() {
        byte[] c = Hex.content(FRAME_F);
        byte[] longer = new byte[c.length + 3];
        System.arraycopy(c, 0, longer, 0, c.length - 1);
        longer[longer.length - 1] = (byte) FrameCodec.xor(longer, 0, longer.length - 1);
        assertRefused(longer, ReasonCodes.JT808_OVERSIZED);
    }

    @Test
    void shouldEncodeAReplyTheWayTheTerminalDecodesIt() {
        byte[] frame =
                Packet.encode(
                        Header.of(0x8001, PHONE, 0x7e, -1), Replies.general(0x7e7d, 0x0200, 0));
        Packet p = Packet.decode(FrameCodec.unescape(frame, 1, frame.length - 2));
        assertThat(p.header().messageId()).isEqualTo(0x8001);
        assertThat(p.header().serial()).isEqualTo(0x7e);
        assertThat(Hex.of(p.body())).isEqualTo("7e7d020000");
    }

    private static void assertRefused(byte[] content, String reason) {
        assertThatThrownBy(() -> Packet.decode(content))
                .isInstanceOfSatisfying(
                        Jt808Exception.class, e -> assertThat(e.reasonCode()).isEqualTo(reason));
    }
}

package org.gridwatch.gateway.codec;

import org.gridwatch.common.model.ReasonCodes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameCodecTest {

    @Test
    void shouldUnescapeBothEscapes() {
        // 30 7d02 08 7d01 55 -> 30 7e 08 7d 55 (the standard's own example of both escapes)
        byte[] in = Hex.bytes("307d02087d0155");
        assertThat(Hex.of(FrameCodec.unescape(in, 0, in.length))).isEqualTo("307e087d55");
    }

    @Test
    void shouldEscapeBothWaysAndAddFlags() {
        assertThat(Hex.of(FrameCodec.escape(Hex.bytes("307e087d55"))))
                .isEqualTo("7e307d02087d01557e");
    }

    @Test
    void shouldRoundTripEveryByteValue() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        byte[] framed = FrameCodec.escape(all);
        assertThat(framed[0]).isEqualTo(FrameCodec.FLAG);
        assertThat(framed[framed.length - 1]).isEqualTo(FrameCodec.FLAG);
        for (int i = 1; i < framed.length - 1; i++) {
            assertThat(framed[i]).isNotEqualTo(FrameCodec.FLAG);
        }
        assertThat(FrameCodec.unescape(framed, 1, framed.length - 2)).isEqualTo(all);
    }

    @Test
    void shouldRefuseUndefinedEscape() {
        byte[] in = Hex.bytes("307d03");
        assertThatThrownBy(() -> FrameCodec.unescape(in, 0, in.length))
                .isInstanceOfSatisfying(
                        Jt808Exception.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(ReasonCodes.JT808_BAD_ESCAPE));
    }

    @Test
    void shouldRefuseEscapeAtTheEnd() {
        byte[] in = Hex.bytes("307d");
        assertThatThrownBy(() -> FrameCodec.unescape(in, 0, in.length))
                .isInstanceOfSatisfying(
                        Jt808Exception.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(ReasonCodes.JT808_BAD_ESCAPE));
    }

    @Test
    void shouldXorEveryByte() {
        assertThat(FrameCodec.xor(Hex.bytes("0102040810"), 0, 5)).isEqualTo(0x1f);
        assertThat(Hex.of(FrameCodec.withChecksum(Hex.bytes("ff0f")))).isEqualTo("ff0ff0");
    }
}

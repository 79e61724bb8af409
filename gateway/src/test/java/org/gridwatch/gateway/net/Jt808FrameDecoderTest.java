package org.gridwatch.gateway.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.gridwatch.common.model.ReasonCodes;
import org.gridwatch.gateway.codec.Hex;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.gateway.codec.TestFrames.*;

class Jt808FrameDecoderTest {
    private final EmbeddedChannel ch = new EmbeddedChannel(new Jt808FrameDecoder(256));

    private List<FrameEvent> write(byte[]... chunks) {
        for (byte[] c : chunks) {
            ch.writeInbound(Unpooled.wrappedBuffer(c));
        }
        List<FrameEvent> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add((FrameEvent) o);
        }
        return out;
    }

    private static String describe(FrameEvent e) {
        return e instanceof FrameEvent.Good g
                ? String.format(
                        "good %04x #%d",
                        g.packet().header().messageId(), g.packet().header().serial())
                : "bad " + ((FrameEvent.Bad) e).reasonCode();
    }

    @Test
    void shouldDecodeFramesSplitAnywhere() {
        byte[] a = frame(0x0002, 1, new byte[0]);
        byte[] b = frame(0x0200, 2, shanghai(T0));
        byte[] both = concat(a, b);
        for (int cut = 1; cut < both.length; cut++) {
            List<FrameEvent> out =
                    write(
                            java.util.Arrays.copyOfRange(both, 0, cut),
                            java.util.Arrays.copyOfRange(both, cut, both.length));
            assertThat(out)
                    .as("cut at %d", cut)
                    .extracting(Jt808FrameDecoderTest::describe)
                    .containsExactly("good 0002 #1", "good 0200 #2");
        }
    }

    @Test
    void shouldTakeDoubledFlagsAsEndAndStart() {
        byte[] a = frame(0x0002, 1, new byte[0]);
        assertThat(write(concat(a, Hex.bytes("7e"), a)))
                .extracting(Jt808FrameDecoderTest::describe)
                .containsExactly("good 0002 #1", "good 0002 #1");
    }

    @Test
    void shouldReportGarbageBetweenFramesAndKeepTheNextFrame() {
        byte[] a = frame(0x0002, 1, new byte[0]);
        byte[] b = frame(0x0002, 2, new byte[0]);
        List<FrameEvent> out = write(concat(Hex.bytes("0d0a4154"), a, Hex.bytes("ffee"), b));
        assertThat(out)
                .extracting(Jt808FrameDecoderTest::describe)
                .containsExactly(
                        "bad jt808_garbage", "good 0002 #1", "bad jt808_garbage", "good 0002 #2");
        assertThat(Hex.of(out.get(0).raw())).isEqualTo("0d0a4154");
    }

    @Test
    void shouldResyncOnTheFlagThatClosedABadFrame() {
        // Garbage holding a flag: the "frame" it makes ends on the next message's start flag.
        byte[] b = frame(0x0002, 2, new byte[0]);
        List<FrameEvent> out = write(concat(Hex.bytes("7e0102"), b));
        assertThat(out)
                .extracting(Jt808FrameDecoderTest::describe)
                .containsExactly("bad jt808_truncated", "good 0002 #2");
    }

    @Test
    void shouldReportABadCheckCodeWithItsHeader() {
        byte[] good = frame(0x0200, 9, shanghai(T0));
        byte[] content = org.gridwatch.gateway.codec.FrameCodec.unescape(good, 1, good.length - 2);
        content[content.length - 1] ^= 0x01;
        byte[] a = org.gridwatch.gateway.codec.FrameCodec.escape(content);
        List<FrameEvent> out = write(a, frame(0x0002, 10, new byte[0]));
        assertThat(out)
                .extracting(Jt808FrameDecoderTest::describe)
                .containsExactly("bad jt808_bad_checksum", "good 0002 #10");
        FrameEvent.Bad bad = (FrameEvent.Bad) out.get(0);
        assertThat(bad.header().serial()).isEqualTo(9);
        assertThat(bad.raw()).isEqualTo(a);
    }

    @Test
    void shouldDropAnOversizedFrameOnceAndCarryOn() {
        byte[] huge = new byte[1000];
        java.util.Arrays.fill(huge, (byte) 0x11);
        List<FrameEvent> out =
                write(Hex.bytes("7e"), huge, Hex.bytes("117e"), frame(0x0002, 3, new byte[0]));
        assertThat(out)
                .extracting(Jt808FrameDecoderTest::describe)
                .containsExactly("bad jt808_oversized", "good 0002 #3");
        assertThat(out.get(0).raw()).hasSize(256);
    }

    @Test
    void shouldReportABadEscape() {
        byte[] a = frame(0x0002, 1, new byte[0]);
        byte[] bad = concat(Hex.bytes("7e7d05"), java.util.Arrays.copyOfRange(a, 1, a.length));
        assertThat(write(bad))
                .extracting(Jt808FrameDecoderTest::describe)
                .containsExactly("bad jt808_bad_escape");
        assertThat(ReasonCodes.JT808_BAD_ESCAPE).isEqualTo("jt808_bad_escape");
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }
}

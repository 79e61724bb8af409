package org.gridwatch.gateway.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import org.gridwatch.common.city.Truck;
import org.gridwatch.common.model.ReasonCodes;
import org.gridwatch.gateway.AuthCodes;
import org.gridwatch.gateway.CollectingOutput;
import org.gridwatch.gateway.GatewayConfig;
import org.gridwatch.gateway.GatewayMetrics;
import org.gridwatch.gateway.TerminalDirectory;
import org.gridwatch.gateway.codec.Authentication;
import org.gridwatch.gateway.codec.FrameCodec;
import org.gridwatch.gateway.codec.Hex;
import org.gridwatch.gateway.codec.LocationDecoder;
import org.gridwatch.gateway.codec.Packet;
import org.gridwatch.gateway.codec.Registration;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.gateway.codec.MessageIds.*;
import static org.gridwatch.gateway.codec.TestFrames.*;

class Jt808SessionHandlerTest {
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final CollectingOutput out = new CollectingOutput(metrics);
    private final AuthCodes codes = new AuthCodes("test-secret");
    private EmbeddedChannel ch = channel(GatewayConfig.defaults().withPort(0));

    private EmbeddedChannel channel(GatewayConfig config) {
        TerminalDirectory dir =
                TerminalDirectory.of(List.of(new Truck("T0042", "沪D52817", "申城运输", PHONE)));
        return new EmbeddedChannel(
                new Jt808FrameDecoder(config.maxFrameBytes()),
                new Jt808SessionHandler(
                        config,
                        dir,
                        out,
                        metrics,
                        codes,
                        new LocationDecoder(config.zone(), config.liftItemId())));
    }

    private List<Packet> send(byte[]... frames) {
        for (byte[] f : frames) {
            ch.writeInbound(Unpooled.wrappedBuffer(f));
        }
        ch.runPendingTasks(); // the replies that wait for the output's acknowledgement
        ch.flush();
        List<Packet> replies = new ArrayList<>();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            byte[] f = ByteBufUtil.getBytes(b);
            b.release();
            replies.add(Packet.decode(FrameCodec.unescape(f, 1, f.length - 2)));
        }
        return replies;
    }

    /** 0x8001 body as "serial/id/result". */
    private static String general(Packet p) {
        assertThat(p.header().messageId()).isEqualTo(PLATFORM_GENERAL_RESPONSE);
        byte[] b = p.body();
        return String.format(
                "%d/%04x/%d",
                ((b[0] & 0xff) << 8) | (b[1] & 0xff), ((b[2] & 0xff) << 8) | (b[3] & 0xff), b[4]);
    }

    private void login() {
        Registration reg = new Registration(31, 112, "GW", "M1", "T1", 2, "沪D52817");
        Packet r = send(frame(REGISTER, 1, reg.encode(false))).get(0);
        assertThat(r.header().messageId()).isEqualTo(REGISTER_RESPONSE);
        byte[] b = r.body();
        assertThat(b[0] << 8 | b[1]).isEqualTo(1);
        assertThat(b[2]).isEqualTo((byte) REGISTER_OK);
        String code = new String(b, 3, b.length - 3, StandardCharsets.US_ASCII);
        assertThat(code).isEqualTo(codes.codeFor(PHONE));
        assertThat(
                        general(
                                send(frame(
                                                AUTHENTICATE,
                                                2,
                                                new Authentication(code, null, null).encode(false)))
                                        .get(0)))
                .isEqualTo("2/0102/0");
    }

    @Test
    void shouldRegisterAuthenticateAndPublishALocation() {
        login();
        assertThat(general(send(frame(HEARTBEAT, 3, new byte[0])).get(0))).isEqualTo("3/0002/0");
        assertThat(general(send(frame(LOCATION, 4, shanghai(T0))).get(0))).isEqualTo("4/0200/0");
        assertThat(out.positions)
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.key()).isEqualTo("T0042");
                            assertThat(p.eventTime()).isEqualTo(T0.toEpochMilli());
                            assertThat(p.value().path("entityId").asText()).isEqualTo("T0042");
                            assertThat(p.value().path("source").asText()).isEqualTo("jt808");
                            assertThat(p.value().path("speed").asDouble()).isEqualTo(36.5);
                            assertThat(p.value().path("jt808").path("load").asText())
                                    .isEqualTo("full");
                        });
        assertThat(out.deadLetters).isEmpty();
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void shouldAnswerFailureWhenKafkaDoesNotTakeThePosition() {
        login();
        out.failing = true;
        assertThat(general(send(frame(LOCATION, 4, shanghai(T0))).get(0))).isEqualTo("4/0200/1");
        out.failing = false;
        assertThat(general(send(frame(LOCATION, 4, shanghai(T0))).get(0))).isEqualTo("4/0200/0");
    }

    @Test
    void shouldReplyInThe2019HeaderToA2019Terminal() {
        Packet r =
                send(frame2019(
                                REGISTER,
                                7,
                                new Registration(31, 112, "GW", "M1", "T1", 0, null).encode(true)))
                        .get(0);
        assertThat(r.header().is2019()).isTrue();
        assertThat(r.header().phone()).isEqualTo(PHONE_2019);
        String code = new String(r.body(), 3, r.body().length - 3, StandardCharsets.US_ASCII);
        send(
                frame2019(
                        AUTHENTICATE,
                        8,
                        new Authentication(code, "860000000000001", "1.0").encode(true)));
        assertThat(general(send(frame2019(LOCATION, 9, shanghai(T0))).get(0)))
                .isEqualTo("9/0200/0");
        // The 2019 spelling of the phone number maps to the same truck.
        assertThat(out.positions)
                .extracting(CollectingOutput.Position::key)
                .containsExactly("T0042");
    }

    @Test
    void shouldRefuseLocationsBeforeAuthentication() {
        assertThat(general(send(frame(LOCATION, 4, shanghai(T0))).get(0))).isEqualTo("4/0200/1");
        assertThat(general(send(frame(HEARTBEAT, 5, new byte[0])).get(0))).isEqualTo("5/0002/1");
        assertThat(out.positions).isEmpty();
        assertThat(out.reasons()).containsExactly(ReasonCodes.JT808_NOT_AUTHENTICATED);
        assertThat(out.deadLetters.get(0).original())
                .isEqualTo(Hex.of(frame(LOCATION, 4, shanghai(T0))));
        assertThat(out.deadLetters.get(0).originalEncoding()).isEqualTo("hex");
        assertThat(out.deadLetters.get(0).key()).isEqualTo(PHONE);
        assertThat(metrics.rejectedCount(ReasonCodes.JT808_NOT_AUTHENTICATED)).isEqualTo(2);
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void shouldRefuseAWrongAuthenticationCode() {
        assertThat(general(send(frame(AUTHENTICATE, 2, "nope".getBytes())).get(0)))
                .isEqualTo("2/0102/1");
        assertThat(out.reasons()).containsExactly(ReasonCodes.JT808_AUTH_FAILED);
    }

    @Test
    void shouldForgetTheAuthenticationOnUnregister() {
        login();
        assertThat(general(send(frame(UNREGISTER, 3, new byte[0])).get(0))).isEqualTo("3/0003/0");
        assertThat(general(send(frame(LOCATION, 4, shanghai(T0))).get(0))).isEqualTo("4/0200/1");
    }

    @Test
    void shouldAnswerBadMessagesAndKeepTheConnection() {
        login();
        byte[] good = frame(LOCATION, 5, shanghai(T0));
        byte[] content = FrameCodec.unescape(good, 1, good.length - 2);
        content[content.length - 1] ^= 0x55;
        List<Packet> replies =
                send(
                        FrameCodec.escape(content),
                        Hex.bytes("deadbeef"),
                        frame(0x0900, 6, new byte[] {1}),
                        frame(LOCATION, 7, location(0, 2, 0, 0, 0, 0, 0, T0)),
                        frame(LOCATION, 8, shanghai(T0)));
        assertThat(replies)
                .extracting(Jt808SessionHandlerTest::general)
                .containsExactly("5/0200/2", "6/0900/3", "7/0200/0", "8/0200/0");
        assertThat(out.reasons())
                .containsExactly(
                        ReasonCodes.JT808_BAD_CHECKSUM,
                        ReasonCodes.JT808_GARBAGE,
                        ReasonCodes.JT808_UNSUPPORTED_MESSAGE,
                        ReasonCodes.JT808_NO_FIX);
        assertThat(out.deadLetters.get(1).original()).isEqualTo("deadbeef");
        assertThat(out.positions).hasSize(1);
        assertThat(ch.isActive()).isTrue();
        assertThat(metrics.rejectedByReason()).containsEntry(ReasonCodes.JT808_GARBAGE, 1L);
    }

    @Test
    void shouldRefuseAnEncryptedBodyAsUnsupported() {
        login();
        byte[] f =
                Packet.encode(
                        new org.gridwatch.gateway.codec.Header(
                                LOCATION, 0, 1, false, -1, PHONE, 9, 0, 0, 0),
                        shanghai(T0));
        assertThat(general(send(f).get(0))).isEqualTo("9/0200/3");
        assertThat(out.reasons()).containsExactly(ReasonCodes.JT808_ENCRYPTED);
    }

    @Test
    void shouldReassembleASubpackagedBatch() {
        login();
        byte[] body =
                batch(shanghai(T0), shanghai(T0.plusSeconds(10)), shanghai(T0.plusSeconds(20)));
        byte[] first = java.util.Arrays.copyOfRange(body, 0, 40);
        byte[] second = java.util.Arrays.copyOfRange(body, 40, body.length);
        List<Packet> replies =
                send(part(LOCATION_BATCH, 20, 2, 1, first), part(LOCATION_BATCH, 21, 2, 2, second));
        assertThat(replies)
                .extracting(Jt808SessionHandlerTest::general)
                .containsExactly("20/0704/0", "21/0704/0");
        assertThat(out.positions)
                .extracting(CollectingOutput.Position::eventTime)
                .containsExactly(
                        T0.toEpochMilli(),
                        T0.plusSeconds(10).toEpochMilli(),
                        T0.plusSeconds(20).toEpochMilli());
        assertThat(out.positions.get(0).value().path("jt808").path("batch").asBoolean()).isTrue();
    }

    @Test
    void shouldDeadLetterAnIncompleteMessageWhenTheConnectionCloses() {
        login();
        send(part(LOCATION_BATCH, 20, 2, 1, new byte[] {0, 2, 0}));
        ch.close();
        assertThat(out.reasons()).containsExactly(ReasonCodes.JT808_SUBPACKAGE);
        assertThat(out.deadLetters.get(0).original()).isEqualTo("000200");
    }

    @Test
    void shouldRateLimitAFloodingTerminal() {
        ch = channel(GatewayConfig.defaults().withPort(0).withRate(1, 5));
        byte[][] flood = new byte[20][];
        for (int i = 0; i < flood.length; i++) {
            flood[i] = frame(HEARTBEAT, i, new byte[0]);
        }
        List<Packet> replies = send(Jt808FrameDecoderTest.concat(flood));
        assertThat(replies).hasSize(5);
        assertThat(metrics.rejectedCount(ReasonCodes.JT808_RATE_LIMITED)).isEqualTo(15);
        assertThat(out.reasons()).containsExactly(ReasonCodes.JT808_RATE_LIMITED);
        assertThat(ch.config().isAutoRead()).isFalse();
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void shouldCloseAnIdleConnection() {
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void shouldCountConnections() {
        assertThat(metrics.connections()).isEqualTo(1);
        ch.close();
        assertThat(metrics.connections()).isZero();
    }
}

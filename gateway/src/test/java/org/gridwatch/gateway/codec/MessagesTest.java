package org.gridwatch.gateway.codec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesTest {

    @Test
    void shouldDecodeA2013Registration() {
        String frame =
                "7E0100002D013511221122000500000000373031303748422D52303347424400000000000000000000003233363631"
                        + "303402CBD5424136383630387E";
        Packet p = Packet.decode(Hex.content(frame));
        Registration r = Registration.decode(p.body(), false);
        assertThat(r.maker()).isEqualTo("70107");
        assertThat(r.model()).isEqualTo("HB-R03GBD");
        assertThat(r.terminalId()).isEqualTo("2366104");
        assertThat(r.plateColor()).isEqualTo(2);
        assertThat(r.plate()).isEqualTo("苏BA6860");
    }

    @Test
    void shouldRoundTripA2019Registration() {
        Registration r =
                new Registration(31, 112, "GRIDWATCH01", "ZT-808-2019", "T0000001", 2, "沪D12345");
        byte[] body = r.encode(true);
        assertThat(body).hasSize(2 + 2 + 11 + 30 + 30 + 1 + 8);
        assertThat(Registration.decode(body, true)).isEqualTo(r);
    }

    @Test
    void shouldDecodeA2013Authentication() {
        Packet p =
                Packet.decode(
                        Hex.content("7E0102000E013511221122000661757468656E7469636174696F6E3F7E"));
        assertThat(Authentication.decode(p.body(), false).code()).isEqualTo("authentication");
    }

    @Test
    void shouldDecodeA2019AuthenticationAndToleratesA2013BodyUnderA2019Header() {
        Authentication a = new Authentication("c0de", "860000000000001", "V1.2.3");
        assertThat(Authentication.decode(a.encode(true), true)).isEqualTo(a);
        assertThat(Authentication.decode("c0de".getBytes(), true).code()).isEqualTo("c0de");
    }

    @Test
    void shouldBuildReplyBodies() {
        assertThat(Hex.of(Replies.general(0x1234, 0x0200, MessageIds.RESULT_UNSUPPORTED)))
                .isEqualTo("1234020003");
        assertThat(Hex.of(Replies.register(0x0005, MessageIds.REGISTER_OK, "ab")))
                .isEqualTo("0005006162");
        assertThat(Hex.of(Replies.register(0x0005, 4, "ab"))).isEqualTo("000504");
    }
}

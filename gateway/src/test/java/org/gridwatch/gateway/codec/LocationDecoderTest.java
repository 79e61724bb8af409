package org.gridwatch.gateway.codec;

import org.gridwatch.common.model.ReasonCodes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.gridwatch.gateway.codec.TestFrames.*;

class LocationDecoderTest {
    /**
     * A real Shanghai report (Traccar's test data): items 0x01, 0x30, 0x31, 0x25 and vendor items.
     */
    static final String FRAME_A =
            "7e0200009e017721028890061b00000000004c000301d9f2d4073ca28d002b01c200002401101726050104"
                    + "0000023c3001193101162504000000001404000000011504000000041604000000001702000018030000002b0400000000e10400735443"
                    + "e20400001211e30a4e61747572654c696e6be635244f42442d52542c2c35352e3030302c3130332e37382c2c302e302c342c2c2c2c302e"
                    + "3030302c2c31323336302e32382c2c2c0d0aa27e";

    private final LocationDecoder decoder = new LocationDecoder(CHINA, -1);

    @Test
    void shouldDecodeARealShanghaiReport() {
        Location l = decoder.decode(Packet.decode(Hex.content(FRAME_A)).body());
        assertThat(l.alarm()).isZero();
        assertThat(l.status()).isEqualTo(0x004C0003L);
        assertThat(l.accOn()).isTrue();
        assertThat(l.positioned()).isTrue();
        assertThat(l.lat()).isCloseTo(31.060692, within(1e-9));
        assertThat(l.lon()).isCloseTo(121.414285, within(1e-9));
        assertThat(l.altitudeM()).isEqualTo(43);
        assertThat(l.speedKmh()).isEqualTo(45.0);
        assertThat(l.heading()).isZero();
        assertThat(Instant.ofEpochMilli(l.time())).isEqualTo(Instant.parse("2024-01-10T09:26:05Z"));
        assertThat(l.mileageKm()).isEqualTo(57.2);
        assertThat(l.signalStrength()).isEqualTo(25);
        assertThat(l.satellites()).isEqualTo(22);
        assertThat(l.vehicleSignals()).isZero();
        assertThat(l.otherItems())
                .containsKeys("14", "15", "16", "17", "18", "2b", "e1", "e2", "e3", "e6");
        assertThat(l.otherItems().get("e1")).isEqualTo("00735443");
    }

    @Test
    void shouldDecodeTheStandardsEscapedExample() {
        Location l = decoder.decode(Packet.decode(Hex.content(PacketTest.FRAME_F)).body());
        assertThat(l.alarm()).isEqualTo(1); // SOS
        assertThat(l.status()).isEqualTo(2);
        assertThat(l.lat()).isCloseTo(12.222222, within(1e-9));
        assertThat(l.lon()).isCloseTo(132.444444, within(1e-9));
        assertThat(l.altitudeM()).isEqualTo(40);
        assertThat(l.speedKmh()).isEqualTo(6.0);
        assertThat(Instant.ofEpochMilli(l.time())).isEqualTo(Instant.parse("2018-10-15T02:10:10Z"));
        assertThat(l.mileageKm()).isEqualTo(10.0);
        assertThat(l.fuelL()).isEqualTo(12.5);
    }

    @Test
    void shouldApplyTheHemisphereBits() {
        // status bit 2 = south, bit 3 = west
        Location l =
                decoder.decode(
                        location(0, 0x02 | 0x04 | 0x08, 33_868_820, 151_209_296, 5, 0, 0, T0));
        assertThat(l.lat()).isCloseTo(-33.868820, within(1e-9));
        assertThat(l.lon()).isCloseTo(-151.209296, within(1e-9));
    }

    @Test
    void shouldDecodeStandardItemsAndKeepVendorItemsRaw() {
        byte[] body =
                location(
                        0x0102,
                        0x0303,
                        31_230_416,
                        121_473_701,
                        12,
                        365,
                        359,
                        T0,
                        item(0x01, "00000a8c"),
                        item(0x02, "01f4"),
                        item(0x03, "016d"),
                        item(0x25, "00000005"),
                        item(0x30, "1f"),
                        item(0x31, "0c"),
                        item(0xf3, "abcd"),
                        item(0x01, "00"));
        Location l = decoder.decode(body);
        assertThat(l.alarm()).isEqualTo(0x0102); // overspeed + power cut
        assertThat(l.loadState()).isEqualTo(3);
        assertThat(l.speedKmh()).isEqualTo(36.5);
        assertThat(l.heading()).isEqualTo(359);
        assertThat(l.mileageKm()).isEqualTo(270.0);
        assertThat(l.fuelL()).isEqualTo(50.0);
        assertThat(l.recorderSpeedKmh()).isEqualTo(36.5);
        assertThat(l.vehicleSignals()).isEqualTo(5);
        assertThat(l.signalStrength()).isEqualTo(31);
        assertThat(l.satellites()).isEqualTo(12);
        assertThat(l.lifted()).isNull();
        // a standard id with a wrong length is kept raw, not misread; the earlier 0x01 stays
        // decoded
        assertThat(l.otherItems()).isEqualTo(Map.of("f3", "abcd", "01", "00"));
    }

    @Test
    void shouldReadTheLiftFromTheConfiguredVendorItem() {
        LocationDecoder withLift = new LocationDecoder(CHINA, 0xe5);
        assertThat(withLift.decode(shanghaiWith(item(0xe5, "01"))).lifted()).isTrue();
        assertThat(withLift.decode(shanghaiWith(item(0xe5, "00"))).lifted()).isFalse();
        assertThat(withLift.decode(shanghai(T0)).lifted()).isNull();
    }

    @Test
    void shouldRefuseACutItem() {
        byte[] body = shanghaiWith(Hex.bytes("0104000001"));
        assertThatThrownBy(() -> decoder.decode(body))
                .isInstanceOfSatisfying(
                        Jt808Exception.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(ReasonCodes.JT808_TRUNCATED));
    }

    @Test
    void shouldRefuseAShortFixedPart() {
        assertThatThrownBy(() -> decoder.decode(new byte[27]))
                .isInstanceOfSatisfying(
                        Jt808Exception.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(ReasonCodes.JT808_TRUNCATED));
    }

    @Test
    void shouldRefuseCoordinatesOutOfRange() {
        assertThatThrownBy(
                        () -> decoder.decode(location(0, 2, 91_000_000, 121_000_000, 0, 0, 0, T0)))
                .isInstanceOfSatisfying(
                        Jt808Exception.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(ReasonCodes.JT808_BAD_BODY));
    }

    @Test
    void shouldDecodeA2019Batch() {
        Packet p = Packet.decode(Hex.content(PacketTest.BATCH_2019));
        List<Location> items =
                decoder.decodeBatch(
                        p.body(),
                        (i, b, e) -> {
                            throw e;
                        });
        assertThat(items).hasSize(1);
        Location l = items.get(0);
        // status 0x00000007 sets bit 2 (south): near Brisbane. A decode that ignores the hemisphere
        // bit would give +27.263378.
        assertThat(l.status()).isEqualTo(7);
        assertThat(l.lat()).isCloseTo(-27.263378, within(1e-9));
        assertThat(l.lon()).isCloseTo(153.037383, within(1e-9));
        assertThat(Instant.ofEpochMilli(l.time())).isEqualTo(Instant.parse("2026-05-09T08:42:27Z"));
        assertThat(l.satellites()).isEqualTo(14);
    }

    @Test
    void shouldKeepTheGoodItemsOfABatchWithABadOne() {
        byte[] bad = location(0, 2, 31_000_000, 121_000_000, 0, 0, 0, T0);
        bad[22] = (byte) 0xff; // year nibble 'f': not BCD
        List<String> errors = new ArrayList<>();
        List<Location> items =
                decoder.decodeBatch(
                        batch(shanghai(T0), bad, shanghai(T0.plusSeconds(10))),
                        (i, b, e) -> errors.add(i + ":" + e.reasonCode()));
        assertThat(items).hasSize(2);
        assertThat(errors).containsExactly("1:" + ReasonCodes.JT808_BAD_BODY);
    }

    private static byte[] shanghaiWith(byte[] extra) {
        byte[] base = shanghai(T0);
        byte[] out = new byte[base.length + extra.length];
        System.arraycopy(base, 0, out, 0, base.length);
        System.arraycopy(extra, 0, out, base.length, extra.length);
        return out;
    }
}

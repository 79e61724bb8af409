package org.gridwatch.gateway.codec;

import org.gridwatch.common.model.ReasonCodes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BcdTest {
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    @Test
    void shouldDecodeAndEncodePhoneNumbers() {
        assertThat(Bcd.decode(Hex.bytes("013912345678"), 0, 6)).isEqualTo("013912345678");
        assertThat(Hex.of(Bcd.encode("13912345678", 6))).isEqualTo("013912345678");
        assertThat(Hex.of(Bcd.encode("13912345678", 10))).isEqualTo("00000000013912345678");
    }

    @Test
    void shouldGiveOneSpellingForTheSameTerminalUnderBothHeaders() {
        assertThat(Bcd.canonicalPhone("013912345678")).isEqualTo("013912345678");
        assertThat(Bcd.canonicalPhone("00000000013912345678")).isEqualTo("013912345678");
        assertThat(Bcd.canonicalPhone("00000866496077582164")).isEqualTo("866496077582164");
        assertThat(Bcd.canonicalPhone("000000000000")).isEqualTo("000000000000");
    }

    @Test
    void shouldReadLocalTimeInTheTerminalsZone() {
        // 2024-01-10 17:26:05 in China is 09:26:05 UTC.
        long t = Bcd.time(Hex.bytes("240110172605"), 0, CHINA);
        assertThat(Instant.ofEpochMilli(t)).isEqualTo(Instant.parse("2024-01-10T09:26:05Z"));
        assertThat(Hex.of(Bcd.time(t, CHINA))).isEqualTo("240110172605");
        assertThat(Instant.ofEpochMilli(Bcd.time(Hex.bytes("240110172605"), 0, ZoneOffset.UTC)))
                .isEqualTo(Instant.parse("2024-01-10T17:26:05Z"));
    }

    @Test
    void shouldRefuseNibblesAboveNine() {
        assertThatThrownBy(() -> Bcd.decode(Hex.bytes("01a2"), 0, 2))
                .isInstanceOfSatisfying(
                        Jt808Exception.class,
                        e -> assertThat(e.reasonCode()).isEqualTo(ReasonCodes.JT808_BAD_BODY));
    }

    @Test
    void shouldRefuseImpossibleDates() {
        // Month 13, and the all-zero time some terminals send before their first fix.
        for (String t : new String[] {"241310172605", "000000000000"}) {
            assertThatThrownBy(() -> Bcd.time(Hex.bytes(t), 0, CHINA))
                    .isInstanceOfSatisfying(
                            Jt808Exception.class,
                            e -> assertThat(e.reasonCode()).isEqualTo(ReasonCodes.JT808_BAD_BODY));
        }
    }
}

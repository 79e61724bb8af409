package org.gridwatch.jobs.noise.logic;

import org.gridwatch.common.rules.NoiseLimits;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LaeqTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void shouldAverageEnergyNotDecibels() {
        assertThat(Laeq.combine(new double[] {70, 50}, new double[] {60, 240}))
                .isCloseTo(63.18, within(0.01));
        assertThat(Laeq.combine(new double[] {60, 60, 60}, new double[] {1, 1, 1}))
                .isCloseTo(60, within(1e-9));
        // Doubling the energy adds 3 dB.
        assertThat(Laeq.combine(new double[] {60, 63.0103}, new double[] {1, 1}))
                .isCloseTo(61.76, within(0.01));
    }

    @Test
    void shouldTrackTheMaximumLevel() {
        Laeq l = new Laeq().add(55, 60, 71).add(58, 60, Double.NaN);
        assertThat(l.lmax).isEqualTo(71);
        assertThat(l.readings).isEqualTo(2);
        assertThat(new Laeq().level()).isNaN();
    }

    @Test
    void shouldUseDayAndNightLimitsOfGb3096InLocalTime() {
        NoiseLimits limits = NoiseLimits.defaults(SHANGHAI);
        long dayShanghai = Instant.parse("2026-11-22T13:59:59Z").toEpochMilli(); // 21:59:59 local
        long nightShanghai = Instant.parse("2026-11-22T14:00:00Z").toEpochMilli(); // 22:00 local
        long morning = Instant.parse("2026-11-22T22:00:00Z").toEpochMilli(); // 06:00 local
        assertThat(limits.limit("1", dayShanghai)).isEqualTo(55);
        assertThat(limits.limit("1", nightShanghai)).isEqualTo(45);
        assertThat(limits.limit("1", morning)).isEqualTo(55);
        assertThat(limits.limit("4a", nightShanghai)).isEqualTo(55);
        assertThat(limits.limit("4b", nightShanghai)).isEqualTo(60);
        assertThat(limits.limit("construction", dayShanghai)).isEqualTo(70);
    }

    @Test
    void aNightBurstShouldNeedMoreThanFifteenDecibelsOverTheLimit() {
        NoiseLimits limits = NoiseLimits.defaults(SHANGHAI);
        long night = Instant.parse("2026-11-22T16:00:00Z").toEpochMilli(); // 00:00 local
        long day = Instant.parse("2026-11-22T04:00:00Z").toEpochMilli(); // 12:00 local
        assertThat(limits.isNightBurst("2", night, 65)).isFalse();
        assertThat(limits.isNightBurst("2", night, 65.1)).isTrue();
        assertThat(limits.isNightBurst("2", day, 90)).isFalse();
    }

    @Test
    void anUnknownZoneClassShouldBeAClearError() {
        assertThatThrownBy(() -> NoiseLimits.defaults(SHANGHAI).limit("5", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'5'");
    }
}

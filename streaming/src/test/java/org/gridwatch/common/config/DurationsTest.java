package org.gridwatch.common.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {
    @Test
    void shouldReadTheFormsTheReadmeDocuments() {
        assertThat(Durations.parse("x", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("x", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("x", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("x", "2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("x", "7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Durations.parse("x", "PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("x", " 0 ")).isZero();
    }

    @Test
    void shouldNameTheFlagWhenTheValueIsWrong() {
        assertThatThrownBy(() -> Durations.parse("idle-timeout", "soon"))
                .hasMessageContaining("--idle-timeout");
        assertThatThrownBy(() -> Durations.parse("idle-timeout", null))
                .hasMessageContaining("--idle-timeout");
        assertThatThrownBy(() -> Durations.parse("idle-timeout", "PT-5S"))
                .hasMessageContaining("--idle-timeout");
        assertThatThrownBy(() -> Durations.parse("idle-timeout", "-PT5S"))
                .hasMessageContaining("--idle-timeout");
        assertThatThrownBy(() -> Durations.parse("idle-timeout", "-5s"))
                .hasMessageContaining("--idle-timeout");
        assertThatThrownBy(() -> Durations.parsePositive("idle-timeout", "0", false))
                .hasMessageContaining("greater than zero");
    }
}

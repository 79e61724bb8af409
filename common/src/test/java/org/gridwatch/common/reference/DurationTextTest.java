package org.gridwatch.common.reference;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationTextTest {
    @Test
    void shouldReadTheFormsTheRulesDocument() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationText.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationText.parse("5 min")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationText.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationText.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(DurationText.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationText.parse("1 DAY")).isEqualTo(Duration.ofDays(1));
        assertThat(DurationText.parse("90"))
                .as("a bare number is milliseconds")
                .isEqualTo(Duration.ofMillis(90));
        assertThat(DurationText.parse(" 0 ")).isZero();
    }

    @Test
    void shouldRefuseNegativeUnknownAndEmptyValues() {
        for (String bad :
                new String[] {
                    "", " ", "soon", "-5s", "+5s", "-PT5S", "PT-5S", "1.5s", "5mins", "1w", "1d2h",
                    "5 m s"
                }) {
            assertThatThrownBy(() -> DurationText.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> DurationText.parse(null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationText.parse("99999999999999999999d"))
                .hasMessageContaining("too long");
    }
}

package org.gridwatch.gateway.intake;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsTest {
    private static final String KEY = "k3y-Open311-aZ9qPw7x2LmN";

    @Test
    void shouldApplyTheConsoleStrengthRule() {
        assertThat(Secrets.weakness("key", "short")).contains("too short");
        assertThat(Secrets.weakness("key", "ab".repeat(20))).contains("too simple");
        assertThat(Secrets.weakness("key", " " + KEY)).contains("blanks");
        assertThat(Secrets.weakness("key", KEY)).isNull();
        assertThat(Secrets.weakness("key", Secrets.generate())).isNull();
        assertThat(Secrets.weakness("key", "short")).doesNotContain("short characters");
    }

    @Test
    void shouldMatchOnlyAnExactKey() {
        assertThat(Secrets.matchesAny(KEY, List.of("other-key-1234567890abcdef", KEY))).isTrue();
        assertThat(Secrets.matchesAny(KEY.substring(1), List.of(KEY))).isFalse();
        assertThat(Secrets.matchesAny(null, List.of(KEY))).isFalse();
        assertThat(Secrets.matchesAny(KEY, List.of())).isFalse();
        assertThat(Secrets.bearer("Bearer " + KEY)).isEqualTo(KEY);
        assertThat(Secrets.bearer("Basic abc")).isNull();
    }

    @Test
    void shouldRefuseAWeakKeyAtStartUp() {
        assertThatThrownBy(() -> IntakeConfig.defaults().withOpen311Keys(List.of("1234")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GRIDWATCH_OPEN311_KEYS key is too short");
        assertThatThrownBy(() -> IntakeConfig.defaults().withMaxBodyBytes(10))
                .hasMessageContaining("body limit");
        assertThat(IntakeConfig.defaults().withIngestToken(KEY).describe()).doesNotContain(KEY);
    }
}

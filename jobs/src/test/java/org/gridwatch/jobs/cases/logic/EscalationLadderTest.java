package org.gridwatch.jobs.cases.logic;

import org.gridwatch.jobs.cases.logic.EscalationLadder.Level;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EscalationLadderTest {
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");

    @Test
    void shouldPlaceEachColourAtItsShareOfTheLimitInWorkingTime() {
        long received =
                LocalDateTime.parse("2026-11-23T09:00")
                        .atZone(SH)
                        .toInstant()
                        .toEpochMilli(); // Monday
        Map<Level, Long> d =
                EscalationLadder.DEFAULT.deadlines(received, 240, WorkingCalendar.defaults(SH));
        assertThat(local(d.get(Level.BLUE))).isEqualTo("2026-11-23T11:00");
        assertThat(local(d.get(Level.YELLOW))).isEqualTo("2026-11-23T13:12");
        assertThat(local(d.get(Level.ORANGE))).isEqualTo("2026-11-23T14:00");
        assertThat(local(d.get(Level.RED))).isEqualTo("2026-11-24T09:00");
    }

    @Test
    void fractionsMustRise() {
        assertThatThrownBy(() -> new EscalationLadder(0.5, 0.4, 1, 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String local(long ms) {
        return Instant.ofEpochMilli(ms).atZone(SH).toLocalDateTime().toString();
    }
}

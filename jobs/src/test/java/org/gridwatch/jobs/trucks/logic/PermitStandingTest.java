package org.gridwatch.jobs.trucks.logic;

import org.gridwatch.common.city.Permit;
import org.gridwatch.common.rules.DailyWindow;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.trucks.TruckTestCity.SH;
import static org.gridwatch.jobs.trucks.TruckTestCity.local;

class PermitStandingTest {
    private static Permit permit(String id, String source, LocalDate from, LocalDate to) {
        return new Permit(
                id,
                "T1",
                "沪A1",
                from,
                to,
                DailyWindow.parse("20:00", "06:00"),
                source,
                "DS1",
                null,
                null);
    }

    private final Permit nov =
            permit("P1", "CS1", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2));

    @Test
    void validityByDateComesBeforeTheHours() {
        assertThat(PermitStanding.at(List.of(nov), local("2026-11-02T21:00:00"), SH, null).kind())
                .isEqualTo(PermitStanding.Kind.ACTIVE);
        assertThat(PermitStanding.at(List.of(nov), local("2026-11-02T12:00:00"), SH, null).kind())
                .isEqualTo(PermitStanding.Kind.OFF_HOURS);
        assertThat(PermitStanding.at(List.of(nov), local("2026-11-05T21:00:00"), SH, null).kind())
                .isEqualTo(PermitStanding.Kind.NONE);
        assertThat(PermitStanding.at(List.of(), local("2026-11-02T21:00:00"), SH, null).kind())
                .isEqualTo(PermitStanding.Kind.NONE);
    }

    @Test
    void theSmallHoursBelongToTheNightThatBeganTheDayBefore() {
        // 03:00 on the 3rd is the night of the 2nd, the permit's last day.
        assertThat(PermitStanding.at(List.of(nov), local("2026-11-03T03:00:00"), SH, null).kind())
                .isEqualTo(PermitStanding.Kind.ACTIVE);
        // 03:00 on the 1st is the night of 31 October, before the permit.
        assertThat(PermitStanding.at(List.of(nov), local("2026-11-01T03:00:00"), SH, null).kind())
                .isEqualTo(PermitStanding.Kind.NONE);
    }

    @Test
    void prefersThePermitForTheSiteTheTripLeft() {
        Permit other = permit("P2", "CS2", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 2));
        assertThat(
                        PermitStanding.at(
                                        List.of(nov, other),
                                        local("2026-11-02T21:00:00"),
                                        SH,
                                        "CS2")
                                .permit())
                .isEqualTo(other);
        assertThat(
                        PermitStanding.at(
                                        List.of(other, nov),
                                        local("2026-11-02T21:00:00"),
                                        SH,
                                        "CS1")
                                .permit())
                .isEqualTo(nov);
    }
}

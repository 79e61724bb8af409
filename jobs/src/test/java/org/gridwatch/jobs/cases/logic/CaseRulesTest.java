package org.gridwatch.jobs.cases.logic;

import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.reference.CityReference;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaseRulesTest {
    private static final ZoneId Z = ZoneId.of("Asia/Shanghai");

    @Test
    void defaultsFollowDomainSectionEight() {
        CaseRules r = CaseRules.defaults(Z);
        assertThat(r.radiusM()).isEqualTo(250);
        assertThat(r.windowMs()).isEqualTo(7L * 24 * 3_600_000);
        assertThat(r.repeatThreshold()).isEqualTo(3);
        assertThat(r.limitMinutes("09006", null)).isEqualTo(120);
        assertThat(r.limitMinutes("06001", null)).isEqualTo(7 * 480);
        assertThat(r.limitMinutes("09006", 45)).isEqualTo(45);
        assertThat(r.limitMinutes("99999", null)).isEqualTo(CaseCategories.FALLBACK_LIMIT_MINUTES);
    }

    @Test
    void rulesChangeThroughReferenceUpdates() {
        CityReference ref = new CityReference(Z);
        ref.apply(
                rule(
                        "cases",
                        "{\"radiusMeters\":150,\"window\":\"3d\",\"repeatThreshold\":4,"
                                + "\"calendar\":{\"periods\":\"09:00-17:00\",\"weekdays\":\"MON-SAT\",\"holidays\":\"2026-11-09\"},"
                                + "\"limitMinutes\":{\"09006\":60}}"));
        CaseRules r = CaseRules.from(ref.rules(), Z);
        assertThat(r.radiusM()).isEqualTo(150);
        assertThat(r.windowMs()).isEqualTo(3L * 24 * 3_600_000);
        assertThat(r.repeatThreshold()).isEqualTo(4);
        assertThat(r.limitMinutes("09006", null)).isEqualTo(60);
        assertThat(r.calendar().isWorkingDay(LocalDate.parse("2026-11-07"))).isTrue(); // a Saturday
        assertThat(r.calendar().isWorkingDay(LocalDate.parse("2026-11-09")))
                .isFalse(); // the holiday Monday
        long sat1630 = ZonedDateTime.of(2026, 11, 7, 16, 30, 0, 0, Z).toInstant().toEpochMilli();
        // 60 working minutes from Saturday 16:30: 30 on Saturday, none on Sunday or the holiday, 30
        // on Tuesday.
        assertThat(r.calendar().addWorkingMinutes(sat1630, 60))
                .isEqualTo(
                        ZonedDateTime.of(2026, 11, 10, 9, 30, 0, 0, Z).toInstant().toEpochMilli());
    }

    @Test
    void anUnusableLadderOrCalendarFallsBackToTheDefault() {
        CityReference ref = new CityReference(Z);
        // Each value in its range, but out of order (blue after yellow): the ladder falls back.
        ref.apply(rule("cases", "{\"ladder\":{\"blue\":0.9,\"yellow\":0.8}}"));
        // A calendar that is not one is refused by the reference itself (bad_rule) and never
        // applied.
        assertThatThrownBy(
                        () -> ref.apply(rule("cases", "{\"calendar\":{\"periods\":\"nonsense\"}}")))
                .hasMessageContaining("cases.calendar.periods");
        CaseRules r = CaseRules.from(ref.rules(), Z);
        assertThat(r.ladder()).isEqualTo(EscalationLadder.DEFAULT);
        assertThat(r.calendar().minutesPerDay()).isEqualTo(480);
    }

    private static ReferenceUpdate rule(String id, String json) {
        return new ReferenceUpdate(
                "RULE", id, "UPSERT", 1_795_000_000_000L, Json.read(json).toString());
    }
}

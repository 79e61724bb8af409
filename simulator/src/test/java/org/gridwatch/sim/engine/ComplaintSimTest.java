package org.gridwatch.sim.engine;

import org.gridwatch.common.city.City;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.parse.HotlineParser;
import org.gridwatch.common.parse.ParseLimits;
import org.gridwatch.sim.city.CityGenerator;
import org.gridwatch.sim.city.CitySize;
import org.gridwatch.sim.score.TruthRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ComplaintSimTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final HotlineParser PARSER =
            new HotlineParser(ParseLimits.DEFAULTS, () -> Long.MAX_VALUE / 2);
    private static City city;

    @BeforeAll
    static void city() {
        city = CityGenerator.generate(1, CitySize.MINHANG, LocalDate.parse("2026-11-01"));
    }

    private record Run(ComplaintSim sim, List<HotlineEvent> events, List<TruthRecord> truth) {}

    private static Run run(String scenario) throws Exception {
        Scenario s = Scenario.load(scenario);
        long start = s.start().toEpochMilli();
        long end = start + s.durationMinutes() * 60_000L;
        Truth truth = new Truth(end);
        Simulation.Context ctx =
                new Simulation.Context(
                        city,
                        s,
                        new LocalProjection(city.centerLat(), city.centerLon()),
                        start,
                        end,
                        truth);
        ComplaintSim sim = new ComplaintSim(ctx);
        List<HotlineEvent> events = new ArrayList<>();
        long last = Long.MIN_VALUE;
        while (sim.nextTime() != Long.MAX_VALUE) {
            SimEvent e = sim.step();
            assertThat(e.eventTime()).isGreaterThanOrEqualTo(last).isLessThan(end);
            last = e.eventTime();
            HotlineEvent h = PARSER.parse(e.value());
            assertThat(h.eventTime()).isEqualTo(e.eventTime());
            assertThat(e.key()).isEqualTo(h.caseId());
            events.add(h);
        }
        return new Run(sim, events, truth.records());
    }

    @Test
    void shouldProduceParseableComplaintsFromEveryChannelWithARealisticMix() throws Exception {
        Run r = run("default");
        List<HotlineEvent> received =
                r.events().stream().filter(e -> e.kind() == CaseEventKind.RECEIVED).toList();
        assertThat(received.size()).isBetween(500, 800);
        assertThat(received)
                .extracting(HotlineEvent::channel)
                .containsOnly("12345", "12319", "962000", "96310", "web", "app")
                .contains("12345", "12319", "962000", "96310", "web", "app");
        long street = received.stream().filter(e -> e.category().startsWith("09")).count();
        // The shops' complaints (09005 店外经营, issue 21) add to the street-order share.
        assertThat((double) street / received.size()).isBetween(0.45, 0.70);
        assertThat(received).allSatisfy(e -> assertThat(e.timeLimitMinutes()).isPositive());
        // More complaints at 10:00 than at 03:00 local.
        long ten = received.stream().filter(e -> hour(e.eventTime()) == 10).count();
        long three = received.stream().filter(e -> hour(e.eventTime()) == 3).count();
        assertThat(ten).isGreaterThan(3 * three);
        assertThat(r.events())
                .extracting(HotlineEvent::kind)
                .contains(
                        CaseEventKind.DISPATCHED,
                        CaseEventKind.HANDLED,
                        CaseEventKind.CLOSED,
                        CaseEventKind.REOPENED);
    }

    @Test
    void shouldRecordTruthForRepeatsAndEveryColourOnRealCasesAtWorkingInstants() throws Exception {
        Run r = run("default");
        Set<String> cases = new HashSet<>();
        r.events().stream()
                .filter(e -> e.kind() == CaseEventKind.RECEIVED)
                .forEach(e -> cases.add(e.caseId()));
        Map<String, Integer> perType = new HashMap<>();
        for (TruthRecord t : r.truth()) {
            perType.merge(t.type(), 1, Integer::sum);
            assertThat(cases).contains(t.entityId());
            if (t.type().startsWith("CASE_OVERDUE.")) {
                ZonedDateTime z = Instant.ofEpochMilli(t.from()).atZone(ZONE);
                assertThat(z.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
                LocalTime lt = z.toLocalTime();
                assertThat(lt.isAfter(LocalTime.of(8, 30)) && !lt.isAfter(LocalTime.of(17, 30)))
                        .isTrue();
            }
        }
        System.out.println("complaint truth per type (default): " + perType);
        assertThat(perType)
                .containsKeys(
                        "COMPLAINT_REPEAT",
                        "CASE_OVERDUE.BLUE",
                        "CASE_OVERDUE.YELLOW",
                        "CASE_OVERDUE.ORANGE",
                        "CASE_OVERDUE.RED");
        assertThat(perType.get("COMPLAINT_REPEAT")).isGreaterThan(20);
    }

    @Test
    void lawfulCasesCloseWellWithinTheirLimits() throws Exception {
        Run r = run("lawful");
        assertThat(r.truth()).noneMatch(t -> t.type().startsWith("CASE_OVERDUE"));
        // No injected repeats; an accidental triple would be truth by the rule, and is not
        // expected.
        assertThat(r.truth()).isEmpty();
    }

    @Test
    void kpiTruthAddsUpToTheEventsEmitted() throws Exception {
        Run r = run("default");
        long received = r.events().stream().filter(e -> e.kind() == CaseEventKind.RECEIVED).count();
        long reopened = r.events().stream().filter(e -> e.kind() == CaseEventKind.REOPENED).count();
        long complaints = 0;
        long repeats = 0;
        long blue = 0;
        for (Map<String, ComplaintSim.KpiTruth> perDistrict : r.sim().kpiTruth().values()) {
            for (ComplaintSim.KpiTruth k : perDistrict.values()) {
                complaints += k.complaints();
                repeats += k.repeats();
                blue += k.overdue().get("BLUE");
                assertThat(k.onTimeClosures()).isLessThanOrEqualTo(k.closures());
                assertThat(k.distinctCases()).isLessThanOrEqualTo(k.complaints());
            }
        }
        assertThat(complaints).isEqualTo(received + reopened);
        assertThat(repeats).isPositive().isLessThan(complaints);
        assertThat(blue)
                .isEqualTo(
                        r.truth().stream()
                                .filter(t -> t.type().equals("CASE_OVERDUE.BLUE"))
                                .count());
    }

    @Test
    void workingTimeSkipsNightsLunchAndWeekends() {
        CaseWorkingTime cal = new CaseWorkingTime(ZONE);
        long fri1700 = ZonedDateTime.of(2026, 11, 6, 17, 0, 0, 0, ZONE).toInstant().toEpochMilli();
        assertThat(cal.plus(fri1700, 60))
                .isEqualTo(
                        ZonedDateTime.of(2026, 11, 9, 9, 0, 0, 0, ZONE).toInstant().toEpochMilli());
        long mon1130 = ZonedDateTime.of(2026, 11, 9, 11, 30, 0, 0, ZONE).toInstant().toEpochMilli();
        assertThat(cal.plus(mon1130, 60))
                .isEqualTo(
                        ZonedDateTime.of(2026, 11, 9, 13, 30, 0, 0, ZONE)
                                .toInstant()
                                .toEpochMilli());
        long sun2000 = ZonedDateTime.of(2026, 11, 1, 20, 0, 0, 0, ZONE).toInstant().toEpochMilli();
        assertThat(cal.plus(sun2000, 30))
                .isEqualTo(
                        ZonedDateTime.of(2026, 11, 2, 9, 0, 0, 0, ZONE).toInstant().toEpochMilli());
    }

    private static int hour(long t) {
        return Instant.ofEpochMilli(t).atZone(ZONE).getHour();
    }
}

package org.gridwatch.jobs.coverage.logic;

import org.gridwatch.common.rules.DailyWindow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GridCoverageTest {
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    private static final GapRule RULE =
            new GapRule(DailyWindow.parse("07:00", "22:00"), SH, 120 * 60_000L);

    private static long local(String isoLocal) {
        return java.time.LocalDateTime.parse(isoLocal).atZone(SH).toInstant().toEpochMilli();
    }

    private static final class Log implements GridCoverage.Listener {
        final List<String> events = new ArrayList<>();
        final List<HourBucket> hours = new ArrayList<>();

        @Override
        public void opened(long at, long lastSeen) {
            events.add("open " + Instant.ofEpochMilli(at).atZone(SH).toLocalDateTime());
        }

        @Override
        public void closed(long at, Presence arrival) {
            events.add(
                    "close "
                            + Instant.ofEpochMilli(at).atZone(SH).toLocalDateTime()
                            + (arrival == null ? " duty" : " " + arrival.officerId()));
        }

        @Override
        public void hour(HourBucket bucket) {
            hours.add(bucket);
        }
    }

    private static Presence at(String t, String officer, boolean entered) {
        return new Presence(local(t), officer, entered, 31.1, 121.4);
    }

    @Test
    void shouldFindTheDutyOccurrenceInLocalTime() {
        DailyWindow night = DailyWindow.parse("22:00", "06:00");
        long[] o = DutyWindows.occurrence(night, SH, local("2026-11-02T03:00"));
        assertThat(o).containsExactly(local("2026-11-01T22:00"), local("2026-11-02T06:00"));
        o = DutyWindows.occurrence(RULE.duty(), SH, local("2026-11-02T06:59:59"));
        assertThat(o).containsExactly(local("2026-11-02T07:00"), local("2026-11-02T22:00"));
        o = DutyWindows.occurrence(RULE.duty(), SH, local("2026-11-02T07:00"));
        assertThat(o).containsExactly(local("2026-11-02T07:00"), local("2026-11-02T22:00"));
        // 22:00 itself is off duty (end exclusive): the next occurrence is tomorrow's.
        o = DutyWindows.occurrence(RULE.duty(), SH, local("2026-11-02T22:00"));
        assertThat(o).containsExactly(local("2026-11-03T07:00"), local("2026-11-03T22:00"));
    }

    @Test
    void shouldRaiseAGridNobodyEntersOnceTheGapPassesAfterDutyBegins() {
        GridCoverage c = new GridCoverage();
        Log log = new Log();
        c.observe(local("2026-11-01T19:30"));
        c.advance(local("2026-11-02T12:00"), RULE, log);
        // Observed from 19:30: uncovered at 21:30, duty ends 22:00; next day duty 07:00 + 2 h =
        // 09:00.
        assertThat(log.events)
                .containsExactly(
                        "open 2026-11-01T21:30",
                        "close 2026-11-01T22:00 duty",
                        "open 2026-11-02T09:00");
        assertThat(c.isOpen()).isTrue();
    }

    @Test
    void shouldNotRaiseWhenGapIsExactlyJustUnderTheLimit() {
        GridCoverage c = new GridCoverage();
        Log log = new Log();
        c.observe(local("2026-11-02T07:00"));
        c.add(at("2026-11-02T08:59:59", "GW1", true));
        c.add(at("2026-11-02T10:59:00", "GW1", true));
        c.advance(local("2026-11-02T12:00"), RULE, log);
        assertThat(log.events).isEmpty();
        c.advance(local("2026-11-02T13:00"), RULE, log);
        assertThat(log.events).containsExactly("open 2026-11-02T12:59");
    }

    @Test
    void shouldCloseWhenAnOfficerArrivesRegardlessOfArrivalOrder() {
        GridCoverage c = new GridCoverage();
        Log log = new Log();
        c.observe(local("2026-11-02T07:00"));
        c.advance(local("2026-11-02T09:30"), RULE, log);
        // Two pings arrive out of order before the clock passes them: the earlier one ends the
        // episode.
        c.add(at("2026-11-02T09:40:30", "GW2", false));
        c.add(at("2026-11-02T09:40:00", "GW1", true));
        c.advance(local("2026-11-02T10:00"), RULE, log);
        assertThat(log.events)
                .containsExactly("open 2026-11-02T09:00", "close 2026-11-02T09:40 GW1");
        assertThat(c.lastSeen).isEqualTo(local("2026-11-02T09:40:30"));
        assertThat(c.pending).isEmpty();
    }

    @Test
    void shouldNotRaiseAfterDutyNorCarryYesterdaysVisitIntoToday() {
        GridCoverage c = new GridCoverage();
        Log log = new Log();
        c.observe(local("2026-11-01T21:00"));
        c.add(at("2026-11-01T21:50", "GW1", true));
        c.advance(local("2026-11-02T08:59"), RULE, log);
        assertThat(log.events).isEmpty();
        c.advance(local("2026-11-02T09:00"), RULE, log);
        assertThat(log.events).containsExactly("open 2026-11-02T09:00");
    }

    @Test
    void shouldCountMinutesVisitsAndOfficersPerHour() {
        GridCoverage c = new GridCoverage();
        Log log = new Log();
        c.observe(local("2026-11-02T08:00"));
        c.add(at("2026-11-02T08:10:00", "GW1", true));
        c.add(at("2026-11-02T08:10:30", "GW1", false));
        c.add(at("2026-11-02T08:11:00", "GW1", false));
        c.add(at("2026-11-02T08:40:00", "GW2", true));
        c.advance(local("2026-11-02T10:00"), RULE, log);
        assertThat(log.hours).hasSize(2);
        HourBucket h = log.hours.get(0);
        assertThat(h.start).isEqualTo(local("2026-11-02T08:00"));
        assertThat(h.minutesCovered()).isEqualTo(3);
        assertThat(h.visits).isEqualTo(2);
        assertThat(h.officers).containsExactly("GW1", "GW2");
        assertThat(h.duty).isTrue();
        assertThat(log.hours.get(1).isEmpty()).isTrue();
        assertThat(log.hours.get(1).duty).isTrue();
    }

    @Test
    void shouldWakeAtTheDeadlineWhenNothingElseIsDue() {
        GridCoverage c = new GridCoverage();
        Log log = new Log();
        c.observe(local("2026-11-02T07:30"));
        c.add(at("2026-11-02T07:45", "GW1", true));
        c.advance(local("2026-11-02T07:59"), RULE, log);
        assertThat(c.nextWake(RULE)).isEqualTo(local("2026-11-02T08:00"));
        c.advance(local("2026-11-02T08:00"), RULE, log);
        assertThat(c.nextWake(RULE)).isEqualTo(local("2026-11-02T09:00"));
        c.advance(local("2026-11-02T09:44"), RULE, log);
        assertThat(c.nextWake(RULE)).isEqualTo(local("2026-11-02T09:45"));
        c.advance(local("2026-11-02T09:45"), RULE, log);
        assertThat(log.events).containsExactly("open 2026-11-02T09:45");
        // Open: the next thing due is the end of the hour (duty ends at 22:00).
        assertThat(c.nextWake(RULE)).isEqualTo(local("2026-11-02T10:00"));
    }
}

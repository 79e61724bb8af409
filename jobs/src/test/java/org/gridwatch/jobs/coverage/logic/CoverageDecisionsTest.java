package org.gridwatch.jobs.coverage.logic;

import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.city.GeoJson;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.Severity;
import org.gridwatch.common.rules.DailyWindow;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The coverage decisions without Flink: the duty clock advanced by hand, alert revisions, documents
 * and timers out.
 */
class CoverageDecisionsTest {
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    private static final DailyWindow DUTY = DailyWindow.parse("07:00", "22:00");
    private static final Grid GRID = grid();
    private static final CoverageDecisions DETECTION =
            new CoverageDecisions(GRID, new GapRule(DUTY, SH, 120 * 60_000L), SH);

    private final GridCoverage clock = new GridCoverage();
    private final List<Alert> alerts = new ArrayList<>();
    private final List<String> documents = new ArrayList<>();
    private Episode episode;

    private static Grid grid() {
        double lat0 = 31.10;
        double lon0 = 121.40;
        double d = 0.01;
        var poly =
                GeoJson.FACTORY.createPolygon(
                        new Coordinate[] {
                            new Coordinate(lon0, lat0),
                            new Coordinate(lon0 + d, lat0),
                            new Coordinate(lon0 + d, lat0 + d),
                            new Coordinate(lon0, lat0 + d),
                            new Coordinate(lon0, lat0)
                        });
        return new Grid(
                "31011200100102", "310112", "闵行区", "001", "莘庄镇", "001", "莘庄第1社区", DUTY, 120, poly);
    }

    static long local(String t) {
        return LocalDateTime.parse(t).atZone(SH).toInstant().toEpochMilli();
    }

    /**
     * A clock tick at {@code t}, then the grid advanced to the watermark {@code t}, as the function
     * does.
     */
    private CoverageDecisions.Outcome tick(long t) {
        clock.observe(t);
        return advance(t, t);
    }

    private CoverageDecisions.Outcome advance(long upTo, long watermark) {
        CoverageDecisions.Outcome o = DETECTION.advance(clock, episode, upTo, watermark, 5);
        alerts.addAll(o.alerts());
        o.documents().forEach(d -> documents.add(d.id()));
        episode = o.episode();
        return o;
    }

    @Test
    void shouldOpenForAGridNobodyEntersWriteItsHoursAndWakeAtTheNextHour() {
        tick(local("2026-11-02T07:00"));
        CoverageDecisions.Outcome o = tick(local("2026-11-02T09:10"));
        assertThat(alerts)
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.type()).isEqualTo(AlertType.GRID_UNCOVERED);
                            assertThat(a.status()).isEqualTo(AlertStatus.OPEN);
                            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
                            assertThat(a.alertId())
                                    .isEqualTo("GRID_UNCOVERED:31011200100102:20261102T010000Z");
                            assertThat(a.detectedAt()).isEqualTo(5);
                            assertThat(a.messageZh())
                                    .isEqualTo(
                                            "网格31011200100102（莘庄第1社区）已超过120分钟无人巡查（值守时段07:00-22:00）");
                            assertThat(a.messageEn())
                                    .isEqualTo(
                                            "Grid 31011200100102 (莘庄第1社区) has had no officer inside for more than 120 min during duty hours 07:00-22:00");
                            assertThat(a.attributes())
                                    .containsEntry("maxGapMinutes", "120")
                                    .containsEntry("community", "莘庄第1社区")
                                    .doesNotContainKey("lastOfficerSeen");
                            assertThat(a.evidence())
                                    .singleElement()
                                    .satisfies(
                                            e ->
                                                    assertThat(e.detail())
                                                            .isEqualTo(
                                                                    "no officer seen since duty began"));
                        });
        assertThat(documents)
                .containsExactly(
                        "31011200100102@2026-11-01T23:00:00Z",
                        "31011200100102@2026-11-02T00:00:00Z");
        assertThat(o.episode()).isNotNull();
        assertThat(o.timer()).hasValue(local("2026-11-02T10:00"));
    }

    @Test
    void shouldCloseWhenAnOfficerArrivesOrDutyEnds() {
        tick(local("2026-11-02T07:00"));
        tick(local("2026-11-02T09:10"));
        clock.add(new Presence(local("2026-11-02T09:40:10"), "GW2", true, 31.105, 121.405));
        tick(local("2026-11-02T09:41"));
        Alert arrived = alerts.get(1);
        assertThat(arrived.status()).isEqualTo(AlertStatus.CLOSED);
        assertThat(arrived.episodeEnd()).isEqualTo(local("2026-11-02T09:40:10"));
        assertThat(arrived.attributes()).containsEntry("closedBy", "GW2");
        assertThat(arrived.messageEn())
                .isEqualTo(
                        "Officer GW2 arrived in grid 31011200100102 after about 160 min without patrol");
        assertThat(arrived.messageZh()).isEqualTo("网格31011200100102已有队员GW2到岗，无人巡查约160分钟");
        assertThat(episode).isNull();

        // Uncovered again from 11:40:10 (the arrival + 120 min) to the end of duty; the minutes
        // count the gap too.
        tick(local("2026-11-02T22:30"));
        assertThat(alerts).hasSize(4);
        Alert ended = alerts.get(3);
        assertThat(ended.status()).isEqualTo(AlertStatus.CLOSED);
        assertThat(ended.episodeEnd()).isEqualTo(local("2026-11-02T22:00"));
        assertThat(ended.attributes()).containsEntry("closedBy", "dutyEnded");
        assertThat(ended.messageEn())
                .isEqualTo(
                        "Duty hours ended in grid 31011200100102 after about 739 min without patrol");
    }

    @Test
    void shouldGoNoFurtherThanTheDataAndOnlyMoveTheClockOnAQuietTick() {
        tick(local("2026-11-02T07:00"));
        clock.observe(local("2026-11-02T08:30"));
        assertThat(CoverageDecisions.tickOnlyMovesClock(clock, local("2026-11-02T08:30")))
                .isFalse();
        CoverageDecisions.Outcome o = advance(Long.MAX_VALUE, Long.MAX_VALUE);
        assertThat(alerts).isEmpty();
        assertThat(clock.processedTo).isEqualTo(local("2026-11-02T08:30"));
        // The next wake-up (the end of hour 08) lies behind the watermark but beyond the data: no
        // timer, the next tick goes there.
        assertThat(o.timer()).isEmpty();
        clock.observe(local("2026-11-02T08:31"));
        assertThat(CoverageDecisions.tickOnlyMovesClock(clock, local("2026-11-02T08:31"))).isTrue();
    }

    @Test
    void shouldCloseTheOpenEpisodeOfARemovedGridWhereItsClockStopped() {
        assertThat(CoverageDecisions.gridRemoved(null, clock, 5)).isEmpty();
        tick(local("2026-11-02T07:00"));
        tick(local("2026-11-02T09:10"));
        assertThat(CoverageDecisions.gridRemoved(episode, clock, 5))
                .singleElement()
                .satisfies(
                        a -> {
                            assertThat(a.status()).isEqualTo(AlertStatus.CLOSED);
                            assertThat(a.episodeEnd()).isEqualTo(local("2026-11-02T09:10"));
                            assertThat(a.messageEn())
                                    .isEqualTo("Grid removed from the reference; alert closed");
                        });
    }
}

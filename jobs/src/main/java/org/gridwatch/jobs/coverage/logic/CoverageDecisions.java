package org.gridwatch.jobs.coverage.logic;

import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.model.Severity;
import org.locationtech.jts.geom.Point;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * GRID_UNCOVERED and the hourly coverage documents of one grid (docs/alerts.md#grid_uncovered,
 * docs/rules.md#coverage), decided without Flink: the function hands in the kept duty clock ({@link
 * GridCoverage}), the open episode, the event-time clock and the watermark, and keeps, emits and
 * schedules what comes back.
 *
 * <ul>
 *   <li>Rule ({@link GridCoverage}): during duty hours (default 07:00-22:00 local) a grid is
 *       uncovered once no officer has been inside for longer than its gap (default 120 min); the
 *       episode (severity MEDIUM) ends at the next officer ping inside ({@code closedBy} the
 *       officer) or at the end of duty ({@code closedBy} {@code dutyEnded}).
 *   <li>The clock only advances as far as the data reaches ({@code min(wanted, newest input)}), so
 *       the final watermark of a bounded input never invents alerts after the last ping.
 *   <li>An hour with duty time or any presence gets a document ({@link CoverageDocuments}).
 *   <li>A grid deleted from the reference has its open episode closed; the function then clears its
 *       state.
 * </ul>
 *
 * Known false alarms: GPS jitter at grid edges (a visit skimming a corner may be missed), phones
 * off or without a fix while the officer is there. Officers of other teams passing through count as
 * coverage (by design: someone was there).
 */
public final class CoverageDecisions {
    /**
     * What advancing the grid produced: alert revisions and hourly documents, in order.
     *
     * @param episode the open episode to keep, or null
     * @param timer the event-time timer to register for the next wake-up, if one is worth it
     */
    public record Outcome(
            List<Alert> alerts,
            List<EsWriteRequest> documents,
            Episode episode,
            OptionalLong timer) {}

    private final Grid grid;
    private final GapRule rule;
    private final ZoneId zone;

    public CoverageDecisions(Grid grid, GapRule rule, ZoneId zone) {
        this.grid = grid;
        this.rule = rule;
        this.zone = zone;
    }

    /**
     * After a start was observed: true when nothing can happen before the next wake-up, so the
     * start only moves the clock.
     */
    public static boolean tickOnlyMovesClock(GridCoverage c, long watermark) {
        return c.pending.isEmpty() && Math.min(watermark, c.clock) < c.wakeAt;
    }

    /** The grid left the reference: closes the open episode (if any) where the clock stopped. */
    public static List<Alert> gridRemoved(Episode open, GridCoverage c, long now) {
        if (open == null) {
            return List.of();
        }
        return List.of(
                open.close(
                        Math.max(open.episodeStart, c.processedTo),
                        now,
                        CoverageMessages.REMOVED_ZH,
                        CoverageMessages.REMOVED_EN));
    }

    /**
     * Applies everything up to {@code upTo} (the watermark or a timer time), but no further than
     * the newest input; {@code c} is updated in place, including its next wake-up.
     */
    public Outcome advance(GridCoverage c, Episode open, long upTo, long watermark, long now) {
        Revisions revisions = new Revisions(open, now);
        c.advance(Math.min(upTo, c.clock), rule, revisions);
        long wake = c.nextWake(rule);
        c.wakeAt = wake;
        return new Outcome(
                revisions.alerts,
                revisions.documents,
                revisions.episode,
                timer(c, wake, watermark));
    }

    /**
     * When to wake up for {@code wake}: then, unless the watermark has passed it but the data (the
     * clock) has not reached it yet (the GPS clock of the officer side moves a tick at a time, the
     * watermark a second at a time). The grid then looks again at the next watermark, and so on
     * until the clock has reached the wake-up; not at the end of the input (the maximum watermark),
     * where the data goes no further.
     */
    static OptionalLong timer(GridCoverage c, long wake, long watermark) {
        if (wake == Long.MAX_VALUE || wake <= c.processedTo) {
            return OptionalLong.empty();
        }
        if (wake > watermark || wake <= c.clock) {
            return OptionalLong.of(wake);
        }
        return watermark == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(watermark + 1);
    }

    Episode openEpisode(long at, long lastSeen) {
        Point p = grid.polygon().getInteriorPoint();
        Episode e =
                Episode.open(AlertType.GRID_UNCOVERED, "GRID", grid.gridCode(), at, Severity.MEDIUM)
                        .at(p.getY(), p.getX(), grid.gridCode(), grid.districtName());
        e.attribute("maxGapMinutes", Long.toString(rule.maxGapMs() / 60_000))
                .attribute("duty", rule.duty().toString())
                .attribute("street", grid.streetName())
                .attribute("community", grid.communityName())
                .attribute(
                        "lastOfficerSeen",
                        lastSeen == GridCoverage.NONE
                                ? null
                                : Instant.ofEpochMilli(lastSeen).toString());
        e.evidence(
                new Evidence(
                        "grid",
                        grid.gridCode(),
                        at,
                        p.getY(),
                        p.getX(),
                        lastSeen == GridCoverage.NONE
                                ? "no officer seen since duty began"
                                : "last officer ping " + Instant.ofEpochMilli(lastSeen)));
        return e;
    }

    /**
     * Turns what the duty clock reports into alert revisions and documents, carrying the open
     * episode along.
     */
    private final class Revisions implements GridCoverage.Listener {
        final long now;
        final List<Alert> alerts = new ArrayList<>();
        final List<EsWriteRequest> documents = new ArrayList<>();
        Episode episode;

        Revisions(Episode episode, long now) {
            this.episode = episode;
            this.now = now;
        }

        @Override
        public void opened(long at, long lastSeen) {
            episode = openEpisode(at, lastSeen);
            alerts.add(
                    episode.emit(
                            at,
                            now,
                            CoverageMessages.uncoveredZh(grid, rule),
                            CoverageMessages.uncoveredEn(grid, rule)));
        }

        @Override
        public void closed(long at, Presence arrival) {
            Episode e = episode;
            if (e == null) {
                return;
            }
            long minutes = (at - e.episodeStart + rule.maxGapMs()) / 60_000;
            if (arrival != null) {
                e.attribute("closedBy", arrival.officerId());
                e.evidence(
                        new Evidence(
                                "gps",
                                arrival.officerId(),
                                arrival.time(),
                                arrival.lat(),
                                arrival.lon(),
                                "officer arrived"));
                alerts.add(
                        e.close(
                                at,
                                now,
                                CoverageMessages.arrivedZh(grid, arrival.officerId(), minutes),
                                CoverageMessages.arrivedEn(grid, arrival.officerId(), minutes)));
            } else {
                e.attribute("closedBy", "dutyEnded");
                alerts.add(
                        e.close(
                                at,
                                now,
                                CoverageMessages.dutyEndedZh(grid, minutes),
                                CoverageMessages.dutyEndedEn(grid, minutes)));
            }
            episode = null;
        }

        @Override
        public void hour(HourBucket b) {
            if (b.duty || !b.isEmpty()) {
                documents.add(CoverageDocuments.hour(grid, b, zone));
            }
        }
    }
}

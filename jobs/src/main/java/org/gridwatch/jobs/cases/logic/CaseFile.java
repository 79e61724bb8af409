package org.gridwatch.jobs.cases.logic;

import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One case (案卷) as the case job keeps it: its complaints from every channel, lifecycle timestamps,
 * time limit and colour schedule, and its two alert episodes (CASE_OVERDUE, whose levels BLUE to
 * RED are updates of one episode, and COMPLAINT_REPEAT). Plain logic without Flink: the function
 * feeds it events in event-time order and asks it which levels are due.
 *
 * <p>Rules: the limit clock starts at the first complaint (and again at a reopen); each colour is
 * reached when its fraction of the limit, in working time, has passed while the case is not closed.
 * A close at or before a colour's instant cancels it. Complaints that joined the case and reopens
 * count towards the repeat threshold; reaching it raises COMPLAINT_REPEAT, later repeats update it,
 * and closing the case closes both episodes. A Flink POJO (public fields, no-arg constructor).
 *
 * <p>Its document is rendered by {@link CaseDocument} and its alert texts by {@link
 * CaseAlertTexts}, so that this state class holds only the case's rules.
 */
public final class CaseFile {
    /** Complaints kept in the channel history of one case. */
    public static final int MAX_HISTORY = 50;

    public String caseId;
    public String category;
    public double lat = Double.NaN;
    public double lon = Double.NaN;
    public String district;
    public String gridCode;
    public String street;

    /**
     * The first complaint's address as given (issue 19), or null; kept so an unlocated case can be
     * placed by hand.
     */
    public String address;

    public String status;
    public long receivedAt;
    public long dispatchedAt;
    public long handledAt;
    public long closedAt;
    public long firstClosedAt;
    public long reopenedAt;
    public long clockStart;
    public int limitMinutes;

    /** Level name to the instant it is due, for the current clock; a reached level is removed. */
    public Map<String, Long> schedule = new LinkedHashMap<>();

    /** Level name to when it was reached, over the case's whole life (for KPIs). */
    public Map<String, Long> reached = new LinkedHashMap<>();

    public int complaints;
    public int reopenCount;
    public List<String> historyTickets = new ArrayList<>();
    public List<String> historyChannels = new ArrayList<>();
    public List<Long> historyTimes = new ArrayList<>();
    public Episode overdue;
    public Episode repeat;
    public long lastEventTime;

    /** External version of the case document: one more for every change. */
    public long docVersion;

    public CaseFile() {}

    public boolean isOpen() {
        return !"CLOSED".equals(status);
    }

    /** The earliest colour still due, or {@code Long.MAX_VALUE}. */
    public long nextDue() {
        return schedule.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    }

    /**
     * The deadline (100 % of the limit, orange) of the current clock, or 0 before the case exists.
     */
    public long deadline(CaseRules rules) {
        return limitMinutes == 0 ? 0 : rules.calendar().addWorkingMinutes(clockStart, limitMinutes);
    }

    /**
     * Applies one event of this case (the case's own, or a complaint that joined it) and returns
     * the alert updates it causes. {@code place} is the grid lookup (gridCode, district, street),
     * or null.
     */
    public List<Alert> apply(
            HotlineEvent e,
            String ticketId,
            boolean joined,
            CaseRules rules,
            String[] place,
            long now) {
        List<Alert> out = new ArrayList<>();
        lastEventTime = Math.max(lastEventTime, e.eventTime());
        if (e.kind() == CaseEventKind.RECEIVED) {
            if (caseId == null) {
                open(e, rules, place);
                return out;
            }
            if (historyTickets.contains(ticketId)) {
                return out; // the same complaint again (a duplicate the dedup did not see)
            }
            complaints++;
            history(ticketId, e.channel(), e.eventTime());
            repeatCheck(e, ticketId, "complaint", rules, now, out);
            return out;
        }
        if (caseId == null || joined) {
            // A lifecycle step of a complaint merged into another case: the case itself decides.
            return out;
        }
        switch (e.kind()) {
            case DISPATCHED -> {
                dispatchedAt = e.eventTime();
                if (isOpen()) {
                    status = "DISPATCHED";
                }
            }
            case HANDLED -> {
                handledAt = e.eventTime();
                if (isOpen()) {
                    status = "HANDLED";
                }
            }
            case CLOSED -> {
                if (!isOpen()) {
                    return out;
                }
                out.addAll(due(e.eventTime() - 1, now));
                status = "CLOSED";
                closedAt = e.eventTime();
                if (firstClosedAt == 0) {
                    firstClosedAt = closedAt;
                }
                schedule.clear();
                if (overdue != null) {
                    out.add(
                            overdue.close(
                                    closedAt, now, "案件已结案：" + caseId, "Case closed: " + caseId));
                    overdue = null;
                }
                if (repeat != null) {
                    out.add(
                            repeat.close(
                                    closedAt,
                                    now,
                                    "重复投诉案件已结案：" + caseId,
                                    "Repeat-complaint case closed: " + caseId));
                    repeat = null;
                }
            }
            case REOPENED -> {
                if (isOpen()) {
                    return out;
                }
                reopenCount++;
                complaints++;
                reopenedAt = e.eventTime();
                status = "REOPENED";
                startClock(e.eventTime(), rules);
                history(
                        ticketId + "#reopen" + reopenCount,
                        e.channel() == null ? "reopen" : e.channel(),
                        e.eventTime());
                repeatCheck(e, ticketId, "reopen", rules, now, out);
            }
            default -> {
                // CLEARED belongs to stall clearances (CLR- ids), filtered before the case job.
            }
        }
        return out;
    }

    private void open(HotlineEvent e, CaseRules rules, String[] place) {
        caseId = e.caseId();
        category = e.category();
        lat = e.lat();
        lon = e.lon();
        district = e.district();
        gridCode = e.gridCode();
        address = e.address();
        if (place != null) {
            gridCode = gridCode != null ? gridCode : place[0];
            district = district != null ? district : place[1];
            street = place[2];
        }
        status = "RECEIVED";
        receivedAt = e.eventTime();
        limitMinutes = rules.limitMinutes(category, e.timeLimitMinutes());
        complaints = 1;
        history(e.caseId(), e.channel(), e.eventTime());
        startClock(e.eventTime(), rules);
    }

    private void startClock(long at, CaseRules rules) {
        clockStart = at;
        schedule.clear();
        rules.ladder()
                .deadlines(at, limitMinutes, rules.calendar())
                .forEach((level, t) -> schedule.put(level.name(), t));
    }

    private void history(String ticket, String channel, long at) {
        if (historyTickets.size() >= MAX_HISTORY) {
            return;
        }
        historyTickets.add(ticket);
        historyChannels.add(channel == null ? "unknown" : channel);
        historyTimes.add(at);
    }

    private void repeatCheck(
            HotlineEvent e,
            String ticketId,
            String what,
            CaseRules rules,
            long now,
            List<Alert> out) {
        if (complaints < rules.repeatThreshold()) {
            return;
        }
        boolean first = repeat == null;
        if (first) {
            repeat =
                    Episode.open(
                                    AlertType.COMPLAINT_REPEAT,
                                    "CASE",
                                    caseId,
                                    e.eventTime(),
                                    Severity.MEDIUM)
                            .at(lat, lon, gridCode, district)
                            .attribute("category", category)
                            .attribute("categoryName", CaseCategories.of(category).nameEn());
            for (int i = 0; i < historyTickets.size(); i++) {
                repeat.evidence(
                        new Evidence(
                                "complaint",
                                historyTickets.get(i),
                                historyTimes.get(i),
                                lat,
                                lon,
                                historyChannels.get(i)));
            }
        } else {
            repeat.evidence(
                    new Evidence(
                            "complaint",
                            ticketId,
                            e.eventTime(),
                            e.lat(),
                            e.lon(),
                            what + " " + e.channel()));
        }
        repeat.attribute("complaints", Integer.toString(complaints))
                .attribute("reopenCount", Integer.toString(reopenCount))
                .attribute("channels", String.join(",", new java.util.TreeSet<>(historyChannels)));
        if (complaints >= 2 * rules.repeatThreshold()) {
            repeat.severity = Severity.HIGH;
        }
        out.add(
                repeat.emit(
                        e.eventTime(),
                        now,
                        CaseAlertTexts.repeatZh(caseId, category, complaints),
                        CaseAlertTexts.repeatEn(caseId, category, complaints)));
    }

    /**
     * Raises every colour due at or before {@code time} while the case is open (in ladder order).
     */
    public List<Alert> due(long time, long now) {
        List<Alert> out = new ArrayList<>();
        if (!isOpen()) {
            return out;
        }
        for (EscalationLadder.Level level : EscalationLadder.Level.values()) {
            Long at = schedule.get(level.name());
            if (at == null || at > time) {
                continue;
            }
            schedule.remove(level.name());
            if (overdue == null) {
                overdue =
                        Episode.open(AlertType.CASE_OVERDUE, "CASE", caseId, at, level.severity)
                                .at(lat, lon, gridCode, district)
                                .attribute("category", category)
                                .attribute("limitMinutes", Integer.toString(limitMinutes))
                                .evidence(
                                        new Evidence(
                                                "case",
                                                caseId,
                                                clockStart,
                                                lat,
                                                lon,
                                                "received, limit "
                                                        + limitMinutes
                                                        + " working min"));
            }
            overdue.severity = level.severity;
            overdue.level(level.name(), at);
            reached.putIfAbsent(level.name(), at);
            overdue.attribute("status", status);
            out.add(
                    overdue.emit(
                            at,
                            now,
                            CaseAlertTexts.overdue(level, caseId, category, limitMinutes, true),
                            CaseAlertTexts.overdue(level, caseId, category, limitMinutes, false)));
        }
        return out;
    }

    /** The case document for {@code gridwatch-cases}. */
    public String document(CaseRules rules) {
        return CaseDocument.of(this, rules);
    }
}

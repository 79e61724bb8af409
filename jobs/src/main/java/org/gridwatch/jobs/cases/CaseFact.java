package org.gridwatch.jobs.cases;

import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.jobs.cases.logic.CaseFile;
import org.gridwatch.jobs.cases.logic.CaseRules;

/**
 * One countable fact of the case stream, for hotspots and KPIs.
 *
 * @param kind what happened
 * @param newCase a complaint that opened a case of its own
 * @param repeat a complaint that joined an existing case, or a reopen
 * @param firstClose the first close of the case
 * @param onTime a first close within the limit
 * @param level the colour, for LEVEL
 */
public record CaseFact(
        CaseFact.Kind kind,
        String caseId,
        String category,
        String gridCode,
        String district,
        String street,
        double lat,
        double lon,
        long time,
        boolean newCase,
        boolean repeat,
        boolean firstClose,
        boolean onTime,
        String level) {

    /** The facts hotspots and KPIs count. */
    public enum Kind {
        /** A complaint received: a new case or a repeat of one. */
        COMPLAINT,
        /** The case was closed. */
        CLOSED,
        /** A closed case was reopened. */
        REOPENED,
        /** The case reached an overdue colour. */
        LEVEL
    }

    /**
     * True for the case steps that are facts: a close and a reopen (dispatch, handling are not
     * counted).
     */
    static boolean counts(CaseEventKind step) {
        return step == CaseEventKind.CLOSED || step == CaseEventKind.REOPENED;
    }

    static CaseFact complaint(CaseFile f, CaseInput in, boolean repeat) {
        HotlineEvent e = in.event();
        return new CaseFact(
                Kind.COMPLAINT,
                f.caseId,
                f.category,
                f.gridCode,
                f.district,
                f.street,
                e.lat(),
                e.lon(),
                e.eventTime(),
                !in.joined(),
                repeat,
                false,
                false,
                null);
    }

    /** A close or a reopen ({@link #counts}). */
    static CaseFact step(CaseFile f, HotlineEvent e, CaseRules rules) {
        boolean first = e.kind() == CaseEventKind.CLOSED && f.firstClosedAt == e.eventTime();
        boolean onTime =
                first
                        && f.firstClosedAt
                                <= rules.calendar().addWorkingMinutes(f.receivedAt, f.limitMinutes);
        return new CaseFact(
                e.kind() == CaseEventKind.CLOSED ? Kind.CLOSED : Kind.REOPENED,
                f.caseId,
                f.category,
                f.gridCode,
                f.district,
                f.street,
                f.lat,
                f.lon,
                e.eventTime(),
                false,
                e.kind() == CaseEventKind.REOPENED,
                first,
                onTime,
                null);
    }

    static CaseFact level(CaseFile f, String level, long at) {
        return new CaseFact(
                Kind.LEVEL,
                f.caseId,
                f.category,
                f.gridCode,
                f.district,
                f.street,
                f.lat,
                f.lon,
                at,
                false,
                false,
                false,
                false,
                level);
    }
}

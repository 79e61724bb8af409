package org.gridwatch.jobs.cases;

import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;

import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Named instants and event factories for the case tests. */
final class CaseTestEvents {
    static final ZoneId Z = ZoneId.of("Asia/Shanghai");

    /** Monday 2026-11-02 09:00 local. */
    static final long MON_0900 = at(2026, 11, 2, 9, 0);

    static final double LAT = 31.11;
    static final double LON = 121.38;
    static final double DEG_PER_M = 1 / 111_320.0;

    private CaseTestEvents() {}

    static long at(int y, int mo, int d, int h, int mi) {
        return ZonedDateTime.of(y, mo, d, h, mi, 0, 0, Z).toInstant().toEpochMilli();
    }

    static HotlineEvent received(String ticket, String channel, long t, double northM, int limit) {
        return new HotlineEvent(
                ticket + "-R",
                ticket,
                CaseEventKind.RECEIVED,
                channel,
                t,
                "09006",
                LAT + northM * DEG_PER_M,
                LON,
                "闵行区",
                null,
                limit,
                null,
                "test");
    }

    static HotlineEvent step(String ticket, CaseEventKind kind, long t) {
        return new HotlineEvent(
                ticket + "-" + kind + "-" + t,
                ticket,
                kind,
                null,
                t,
                null,
                Double.NaN,
                Double.NaN,
                null,
                null,
                null,
                null,
                null);
    }
}

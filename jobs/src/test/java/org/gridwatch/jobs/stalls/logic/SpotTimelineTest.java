package org.gridwatch.jobs.stalls.logic;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.stalls.logic.TimelineEvent.*;

/** The timeline of one spot on its own values, without Flink or the stalls job's event type. */
class SpotTimelineTest {
    private static final long MIN = 60_000;
    private static final long T0 = 1_000 * MIN;
    private static final long AN_HOUR_LATER = T0 + 61 * MIN;

    private static TimelineEvent detected(long t) {
        return new TimelineEvent(DETECTED, t, "CAM-1");
    }

    @Test
    void shouldAbsorbRepeatedDetectionsAndDuplicateClearances() {
        SpotTimeline t = new SpotTimeline(30 * MIN, 10 * MIN);
        assertThat(t.apply(detected(T0))).containsExactly(new TimelineEvent(APPEARED, T0, "CAM-1"));
        assertThat(t.apply(detected(T0 + MIN))).isEmpty();
        TimelineEvent clearance = new TimelineEvent(CLEARED, T0 + 2 * MIN, "C1");
        assertThat(t.apply(clearance)).containsExactly(clearance);
        assertThat(t.apply(new TimelineEvent(CLEARED, T0 + 3 * MIN, "C2"))).isEmpty();
        assertThat(t.state).isEqualTo(CLEARED);
    }

    @Test
    void shouldIgnorePackingUpAfterAClearanceButNotALaterReturn() {
        SpotTimeline t = new SpotTimeline(30 * MIN, 10 * MIN);
        t.apply(detected(T0));
        t.apply(new TimelineEvent(CLEARED, T0 + MIN, "C1"));
        assertThat(t.apply(detected(T0 + 5 * MIN))).isEmpty();
        assertThat(t.apply(detected(T0 + 11 * MIN)))
                .containsExactly(new TimelineEvent(APPEARED, T0 + 11 * MIN, "CAM-1"));
    }

    @Test
    void shouldEndAPresenceWithoutReportsAtItsLastReport() {
        SpotTimeline t = new SpotTimeline(30 * MIN, 10 * MIN);
        t.apply(detected(T0));
        t.apply(new TimelineEvent(DETECTED, T0 + 5 * MIN, "CAM-2"));
        assertThat(t.goneAt()).isEqualTo(T0 + 35 * MIN);
        List<TimelineEvent> out = new ArrayList<>();
        t.expire(T0 + 34 * MIN, out);
        assertThat(out).isEmpty();
        t.expire(T0 + 35 * MIN, out);
        assertThat(out).containsExactly(new TimelineEvent(GONE, T0 + 5 * MIN, "CAM-2"));
        assertThat(t.goneAt()).isEqualTo(-1);
        // A detection after the stall left is a new presence, the GONE coming first when it was not
        // yet expired.
        SpotTimeline u = new SpotTimeline(30 * MIN, 10 * MIN);
        u.apply(detected(T0));
        assertThat(u.apply(detected(AN_HOUR_LATER)))
                .containsExactly(
                        new TimelineEvent(GONE, T0, "CAM-1"),
                        new TimelineEvent(APPEARED, AN_HOUR_LATER, "CAM-1"));
    }
}

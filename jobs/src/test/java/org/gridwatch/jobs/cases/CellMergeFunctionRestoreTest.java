package org.gridwatch.jobs.cases;

import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

import org.gridwatch.common.flink.ReferenceHolder;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.jobs.testing.RestoreRoundTrip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.cases.CaseTestEvents.MON_0900;
import static org.gridwatch.jobs.cases.CaseTestEvents.Z;
import static org.gridwatch.jobs.cases.CaseTestEvents.received;
import static org.gridwatch.jobs.cases.CaseTestEvents.step;

/**
 * Repeat merging keeps each cell's tickets, its buffer and the merge rule (broadcast state) across
 * a restore.
 */
class CellMergeFunctionRestoreTest {
    private static final long MIN = 60_000;

    /**
     * The 9 copies of an event of the ticket whose complaint is {@code rec}, as the router sends
     * them.
     */
    private static void routed(
            KeyedBroadcastOperatorTestHarness<String, RoutedEvent, ReferenceUpdate, CaseInput> h,
            HotlineEvent rec,
            HotlineEvent e)
            throws Exception {
        List<RoutedEvent> copies = new ArrayList<>();
        TicketRouteFunction.fanOut(rec, e, new ListCollector<>(copies));
        for (RoutedEvent r : copies) {
            h.processElement(r, e.eventTime());
        }
    }

    @Test
    void shouldJoinABufferedRepeatUnderTheMergeRadiusSetBeforeTheRestore() throws Exception {
        HotlineEvent first = received("12345-1", "12345", MON_0900, 0, 120);
        HotlineEvent near = received("web-2", "web", MON_0900 + 10 * MIN, 40, 120);
        HotlineEvent far =
                received(
                        "app-3",
                        "app",
                        MON_0900 + 20 * MIN,
                        150,
                        120); // within the default 250 m, not within 100 m
        HotlineEvent closed = step("12345-1", CaseEventKind.CLOSED, MON_0900 + 30 * MIN);
        var result =
                RestoreRoundTrip.of(
                                () ->
                                        RestoreRoundTrip.keyedBroadcast(
                                                new CellMergeFunction(null, Z),
                                                RoutedEvent::cell,
                                                ReferenceHolder.STATE))
                        .broadcastState(ReferenceHolder.STATE)
                        .run(
                                h -> {
                                    h.processBroadcastElement(
                                            new ReferenceUpdate(
                                                    "RULE",
                                                    "cases.radiusMeters",
                                                    "UPSERT",
                                                    0,
                                                    "{\"value\": 100}"),
                                            0);
                                    h.processBroadcastWatermark(Long.MAX_VALUE);
                                    routed(h, first, first);
                                    h.processWatermark(MON_0900 + MIN);
                                    routed(
                                            h, near,
                                            near); // buffered at the snapshot: the watermark has
                                    // not passed it
                                },
                                h -> {
                                    h.processBroadcastWatermark(
                                            Long.MAX_VALUE); // input watermarks are not state:
                                    // the reference side must again
                                    // hold nothing back
                                    routed(h, far, far);
                                    routed(h, first, closed);
                                    h.processWatermark(MON_0900 + 40 * MIN);
                                    h.processWatermark(
                                            MON_0900
                                                    + 30 * MIN
                                                    + CellMergeFunction.MAX_OPEN.toMillis()
                                                    + 1);
                                })
                        .assertSameAsUninterrupted();

        assertThat(result.afterRestore().values())
                .map(v -> (CaseInput) v)
                .extracting(c -> c.ticketId() + "->" + c.caseId() + (c.joined() ? " joined" : ""))
                .containsExactly("web-2->12345-1 joined", "app-3->app-3", "12345-1->12345-1");
        assertThat(
                        result.restored()
                                .atSplit()
                                .broadcastState()
                                .get(ReferenceHolder.STATE.getName()))
                .containsKey("RULE:cases.radiusMeters");
        assertThat(result.restored().atEnd().keyedStateEntries())
                .as("facts swept once the cases expired")
                .isZero();
    }

    /**
     * The same rule set twice, as a single key and inside a rule group: the update that came last
     * wins. After a restore the reference is rebuilt from broadcast state (latest update per kind
     * and id): a group drops the single rules it supersedes, and groups replay before single rules.
     */
    @ParameterizedTest(name = "group last: {0}")
    @ValueSource(booleans = {true, false})
    void shouldApplyTheLastOfTwoUpdatesOfOneRuleAfterARestore(boolean groupLast) throws Exception {
        ReferenceUpdate single =
                new ReferenceUpdate("RULE", "cases.radiusMeters", "UPSERT", 0, "{\"value\": 100}");
        ReferenceUpdate group =
                new ReferenceUpdate("RULE", "cases", "UPSERT", 0, "{\"radiusMeters\": 200}");
        HotlineEvent first = received("12345-1", "12345", MON_0900, 0, 120);
        HotlineEvent repeat =
                received(
                        "web-2",
                        "web",
                        MON_0900 + 10 * MIN,
                        150,
                        120); // joins under 200 m, not under 100 m
        var result =
                RestoreRoundTrip.of(
                                () ->
                                        RestoreRoundTrip.keyedBroadcast(
                                                new CellMergeFunction(null, Z),
                                                RoutedEvent::cell,
                                                ReferenceHolder.STATE))
                        .run(
                                h -> {
                                    h.processBroadcastElement(groupLast ? single : group, 0);
                                    h.processBroadcastElement(groupLast ? group : single, 0);
                                    h.processBroadcastWatermark(Long.MAX_VALUE);
                                    routed(h, first, first);
                                    h.processWatermark(MON_0900 + MIN);
                                },
                                h -> {
                                    h.processBroadcastWatermark(Long.MAX_VALUE);
                                    routed(h, repeat, repeat);
                                    h.processWatermark(MON_0900 + 20 * MIN);
                                });

        assertThat(result.uninterrupted().afterSplit().values())
                .map(v -> ((CaseInput) v).joined())
                .containsExactly(groupLast);
        result.assertSameAsUninterrupted();
    }
}

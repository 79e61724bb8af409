package org.gridwatch.jobs.cases;

import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.json.Json;
import org.gridwatch.jobs.testing.RestoreRoundTrip;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.cases.CaseTestEvents.LAT;
import static org.gridwatch.jobs.cases.CaseTestEvents.LON;
import static org.gridwatch.jobs.cases.CaseTestEvents.MON_0900;
import static org.gridwatch.jobs.cases.CaseTestEvents.Z;

/** Hotspot buckets keep counting across a restore, and are cleared by the timer set before it. */
class HotspotFunctionRestoreTest {
    private static CaseFact complaint(String caseId, long t, boolean repeat) {
        return new CaseFact(
                CaseFact.Kind.COMPLAINT,
                caseId,
                "09006",
                "31011200100101",
                "闵行区",
                "莘庄镇",
                LAT,
                LON,
                t,
                !repeat,
                repeat,
                false,
                false,
                null);
    }

    @Test
    void shouldKeepCountingABucketAcrossARestoreAndClearItOnTime() throws Exception {
        var result =
                RestoreRoundTrip.of(
                                () ->
                                        RestoreRoundTrip.keyed(
                                                new HotspotFunction(Z),
                                                (CaseFact f) -> HotspotFunction.key(f, Z)))
                        .run(
                                h -> {
                                    h.processElement(
                                            complaint("A", MON_0900 + 60_000, false),
                                            MON_0900 + 60_000);
                                    h.processElement(
                                            complaint("A", MON_0900 + 120_000, true),
                                            MON_0900 + 120_000);
                                    h.processWatermark(MON_0900 + 120_000);
                                },
                                h -> {
                                    h.processElement(
                                            complaint("B", MON_0900 + 180_000, false),
                                            MON_0900 + 180_000);
                                    h.processWatermark(MON_0900 + 3 * 3_600_000L);
                                })
                        .assertSameAsUninterrupted();

        EsWriteRequest doc = (EsWriteRequest) result.afterRestore().values().get(0);
        assertThat(doc.version()).isEqualTo(3);
        assertThat(Json.read(doc.json()).get("count").asLong()).isEqualTo(3);
        assertThat(Json.read(doc.json()).get("repeats").asLong()).isEqualTo(1);
        assertThat(result.restored().atSplit().eventTimeTimers()).isEqualTo(1);
        assertThat(result.restored().atEnd().keyedStateEntries()).isZero();
    }
}

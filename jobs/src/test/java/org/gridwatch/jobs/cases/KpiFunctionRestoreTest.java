package org.gridwatch.jobs.cases;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.json.Json;
import org.gridwatch.jobs.testing.RestoreRoundTrip;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.jobs.cases.CaseTestEvents.LAT;
import static org.gridwatch.jobs.cases.CaseTestEvents.LON;
import static org.gridwatch.jobs.cases.CaseTestEvents.MON_0900;
import static org.gridwatch.jobs.cases.CaseTestEvents.Z;
import static org.gridwatch.jobs.cases.CaseTestEvents.at;

/** District KPIs keep their counters and the day's set of cases across a restore. */
class KpiFunctionRestoreTest {
    private static CaseFact fact(
            CaseFact.Kind kind,
            String caseId,
            long t,
            boolean repeat,
            boolean firstClose,
            String level) {
        return new CaseFact(
                kind,
                caseId,
                "09006",
                "31011200100101",
                "闵行区",
                "莘庄镇",
                LAT,
                LON,
                t,
                false,
                repeat,
                firstClose,
                firstClose,
                level);
    }

    @Test
    void shouldNotCountACaseTwiceWhenItComesBackAfterARestore() throws Exception {
        var result =
                RestoreRoundTrip.of(
                                () ->
                                        RestoreRoundTrip.keyed(
                                                new KpiFunction(Z),
                                                (CaseFact f) -> KpiFunction.key(f, Z)))
                        .run(
                                h -> {
                                    h.processElement(
                                            fact(
                                                    CaseFact.Kind.COMPLAINT,
                                                    "A",
                                                    MON_0900,
                                                    false,
                                                    false,
                                                    null),
                                            MON_0900);
                                    h.processElement(
                                            fact(
                                                    CaseFact.Kind.COMPLAINT,
                                                    "B",
                                                    MON_0900 + 60_000,
                                                    false,
                                                    false,
                                                    null),
                                            MON_0900 + 60_000);
                                    h.processElement(
                                            fact(
                                                    CaseFact.Kind.LEVEL,
                                                    "A",
                                                    MON_0900 + 3_600_000,
                                                    false,
                                                    false,
                                                    "BLUE"),
                                            MON_0900 + 3_600_000);
                                    h.processWatermark(MON_0900 + 3_600_000);
                                },
                                h -> {
                                    h.processElement(
                                            fact(
                                                    CaseFact.Kind.REOPENED,
                                                    "A",
                                                    MON_0900 + 4_000_000,
                                                    true,
                                                    false,
                                                    null),
                                            MON_0900 + 4_000_000);
                                    h.processElement(
                                            fact(
                                                    CaseFact.Kind.CLOSED,
                                                    "B",
                                                    MON_0900 + 5_000_000,
                                                    false,
                                                    true,
                                                    null),
                                            MON_0900 + 5_000_000);
                                    h.processWatermark(at(2026, 11, 3, 1, 0));
                                })
                        .assertSameAsUninterrupted();

        List<Object> after = result.afterRestore().values();
        JsonNode last = Json.read(((EsWriteRequest) after.get(after.size() - 1)).json());
        assertThat(last.get("complaints").asLong()).isEqualTo(3);
        assertThat(last.get("distinctCases").asLong())
                .as("A was counted before the restore")
                .isEqualTo(2);
        assertThat(last.get("overdueBlue").asLong()).isEqualTo(1);
        assertThat(last.get("closures").asLong()).isEqualTo(1);
        assertThat(result.restored().atEnd().keyedStateEntries()).isZero();
    }
}

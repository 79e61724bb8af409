package org.gridwatch.sim.score;

import org.gridwatch.common.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAtEndTest {
    private static com.fasterxml.jackson.databind.JsonNode alert(
            String id, int revision, String type, String status) {
        return Json.read(
                "{\"alertId\":\""
                        + id
                        + "\",\"revision\":"
                        + revision
                        + ",\"type\":\""
                        + type
                        + "\",\"status\":\""
                        + status
                        + "\"}");
    }

    @Test
    void onlyTheLatestRevisionOfEachAlertCounts() {
        List<com.fasterxml.jackson.databind.JsonNode> alerts =
                List.of(
                        alert("d1", 2, "TRUCK_SUSPECTED_DUMPING", "CLOSED"),
                        alert("d1", 1, "TRUCK_SUSPECTED_DUMPING", "OPEN"),
                        alert("d2", 1, "TRUCK_SUSPECTED_DUMPING", "OPEN"),
                        alert("c1", 1, "CASE_OVERDUE", "OPEN"),
                        alert("c1", 2, "CASE_OVERDUE", "UPDATED"));
        assertThat(OpenAtEnd.count(alerts))
                .isEqualTo(Map.of("TRUCK_SUSPECTED_DUMPING", 1, "CASE_OVERDUE", 1));
    }
}

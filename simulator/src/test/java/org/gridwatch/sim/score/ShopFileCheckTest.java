package org.gridwatch.sim.score;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShopFileCheckTest {
    private static JsonNode file(String id, int outside, int piled, int complaints) {
        return Json.read(
                String.format(
                        "{\"kind\":\"SHOP\",\"shopId\":\"%s\",\"counts\":{\"d365\":{"
                                + "\"OUTSIDE_BUSINESS\":%d,\"PILED_MATERIALS\":%d,\"total\":%d}},"
                                + "\"totalRecords\":%d,\"complaints365d\":%d}",
                        id, outside, piled, outside + piled, outside + piled, complaints));
    }

    private static ShopCount count(String id, int outside, int piled, int complaints) {
        ShopCount.Builder b = new ShopCount.Builder(id);
        for (int i = 0; i < outside; i++) {
            b.record("OUTSIDE_BUSINESS");
        }
        for (int i = 0; i < piled; i++) {
            b.record("PILED_MATERIALS");
        }
        for (int i = 0; i < complaints; i++) {
            b.complaint();
        }
        return b.build();
    }

    @Test
    void matchingFilesAndCountsAgree() {
        ShopFileCheck.Result r =
                ShopFileCheck.compare(
                        List.of(count("S1", 3, 1, 1), count("S2", 0, 0, 0)),
                        List.of(file("S1", 3, 1, 1)));
        assertThat(r.shops()).isEqualTo(1);
        assertThat(r.matching()).isEqualTo(1);
        assertThat(r.mismatches()).isEmpty();
    }

    @Test
    void aMissingFileAWrongCountAndAFileTheSimulatorNeverFedAreEachReported() {
        JsonNode ambiguous = Json.read("{\"kind\":\"AMBIGUOUS\",\"shopId\":\"S9\"}");
        ShopFileCheck.Result r =
                ShopFileCheck.compare(
                        List.of(count("S1", 2, 0, 0), count("S2", 1, 0, 0)),
                        List.of(file("S1", 3, 0, 0), file("S3", 1, 0, 0), ambiguous));
        assertThat(r.shops()).isEqualTo(3);
        assertThat(r.matching()).isZero();
        assertThat(r.mismatches())
                .hasSize(3)
                .anySatisfy(m -> assertThat(m).startsWith("shop S1: records per type"))
                .anySatisfy(m -> assertThat(m).startsWith("shop S2: no file"))
                .anySatisfy(m -> assertThat(m).startsWith("shop S3: records per type {"));
    }
}

package org.gridwatch.common.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import org.gridwatch.common.model.ReferenceUpdate;
import org.junit.jupiter.api.Test;

class CityReferenceTest {
    private static final String GRID = """
            {"type":"Feature","id":"31011200100101","geometry":{"type":"Polygon","coordinates":[[[121.40,31.10],[121.41,31.10],[121.41,31.11],[121.40,31.11],[121.40,31.10]]]},
             "properties":{"gridCode":"31011200100101","districtCode":"310112","districtName":"闵行区","streetCode":"001","streetName":"江川路街道",
             "communityCode":"001","communityName":"一村","dutyStart":"08:00","dutyEnd":"20:00","maxGapMinutes":60}}""";

    private final CityReference ref = new CityReference(ZoneId.of("Asia/Shanghai"));

    @Test
    void shouldFindAGridAddedAtRuntimeAndForgetItWhenDeleted() {
        assertThat(ref.gridAt(31.105, 121.405)).isNull();
        assertThat(ref.apply(new ReferenceUpdate("GRID", "31011200100101", "UPSERT", 0, GRID))).isTrue();
        assertThat(ref.gridAt(31.105, 121.405).gridCode()).isEqualTo("31011200100101");
        assertThat(ref.gridAt(31.125, 121.405)).isNull();

        ref.apply(new ReferenceUpdate("GRID", "31011200100101", "DELETE", 1, null));
        assertThat(ref.gridAt(31.105, 121.405)).isNull();
        assertThat(ref.version()).isEqualTo(2);
    }

    @Test
    void shouldReadRulesWithDefaultsAndFallBackWhenDeleted() {
        assertThat(ref.rules().number("truck.corridorM", 100)).isEqualTo(100);
        ref.apply(new ReferenceUpdate("RULE", "truck.corridorM", "UPSERT", 0, "{\"value\":150}"));
        ref.apply(new ReferenceUpdate("RULE", "truck.stopMin", "UPSERT", 0, "\"7m\""));
        assertThat(ref.rules().number("truck.corridorM", 100)).isEqualTo(150);
        assertThat(ref.rules().duration("truck.stopMin", Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(7));
        ref.apply(new ReferenceUpdate("RULE", "truck.corridorM", "DELETE", 1, null));
        assertThat(ref.rules().number("truck.corridorM", 100)).isEqualTo(100);
    }

    @Test
    void shouldIgnoreUnknownKindsAndRejectUnusablePayloads() {
        assertThat(ref.apply(new ReferenceUpdate("WEATHER", "x", "UPSERT", 0, "{}"))).isFalse();
        assertThat(ref.version()).isZero();
        assertThatThrownBy(() -> ref.apply(new ReferenceUpdate("GRID", "g", "UPSERT", 0, "{\"type\":\"Feature\",\"properties\":{}}")))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> ref.apply(new ReferenceUpdate("RULE", "truck.corridorM", "UPSERT", 0, "{\"value\":[1]}")))
                .hasMessageContaining("scalar");
    }
}

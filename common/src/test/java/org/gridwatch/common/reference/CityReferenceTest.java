package org.gridwatch.common.reference;

import org.gridwatch.common.model.ReferenceUpdate;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CityReferenceTest {
    private static final String GRID =
            """
            {"type":"Feature","id":"31011200100101","geometry":{"type":"Polygon","coordinates":[[[121.40,31.10],[121.41,31.10],[121.41,31.11],[121.40,31.11],[121.40,31.10]]]},
             "properties":{"gridCode":"31011200100101","districtCode":"310112","districtName":"闵行区","streetCode":"001","streetName":"江川路街道",
             "communityCode":"001","communityName":"一村","dutyStart":"08:00","dutyEnd":"20:00","maxGapMinutes":60}}""";

    private final CityReference ref = new CityReference(ZoneId.of("Asia/Shanghai"));

    @Test
    void shouldFindAGridAddedAtRuntimeAndForgetItWhenDeleted() {
        assertThat(ref.gridAt(31.105, 121.405)).isNull();
        assertThat(ref.apply(new ReferenceUpdate("GRID", "31011200100101", "UPSERT", 0, GRID)))
                .isTrue();
        assertThat(ref.gridAt(31.105, 121.405).gridCode()).isEqualTo("31011200100101");
        assertThat(ref.gridAt(31.125, 121.405)).isNull();

        ref.apply(new ReferenceUpdate("GRID", "31011200100101", "DELETE", 1, null));
        assertThat(ref.gridAt(31.105, 121.405)).isNull();
        assertThat(ref.version()).isEqualTo(2);
    }

    @Test
    void anIndexIsRebuiltOnlyWhenItsOwnKindChanges() {
        ref.apply(new ReferenceUpdate("GRID", "31011200100101", "UPSERT", 0, GRID));
        var sites = ref.siteIndex();
        assertThat(ref.siteIndex()).isSameAs(sites);
        // A burst of truck, officer and rule updates at start-up used to rebuild every index before
        // each ping.
        ref.apply(
                new ReferenceUpdate(
                        "TRUCK",
                        "T0001",
                        "UPSERT",
                        1,
                        "{\"truckId\":\"T0001\",\"plate\":\"沪A12345\"}"));
        ref.apply(new ReferenceUpdate("RULE", "truck.corridorM", "UPSERT", 1, "{\"value\":150}"));
        assertThat(ref.siteIndex()).isSameAs(sites);
        ref.apply(new ReferenceUpdate("GRID", "31011200100101", "DELETE", 2, null));
        assertThat(ref.siteIndex()).as("grids changed, not sites").isSameAs(sites);
        assertThat(ref.gridAt(31.105, 121.405)).as("the grid index follows its own kind").isNull();
    }

    @Test
    void shouldReadRulesWithDefaultsAndFallBackWhenDeleted() {
        assertThat(ref.rules().number("truck.corridorM", 100)).isEqualTo(100);
        ref.apply(new ReferenceUpdate("RULE", "truck.corridorM", "UPSERT", 0, "{\"value\":150}"));
        ref.apply(new ReferenceUpdate("RULE", "truck.stopMin", "UPSERT", 0, "\"7m\""));
        assertThat(ref.rules().number("truck.corridorM", 100)).isEqualTo(150);
        assertThat(ref.rules().duration("truck.stopMin", Duration.ofMinutes(5)))
                .isEqualTo(Duration.ofMinutes(7));
        ref.apply(new ReferenceUpdate("RULE", "truck.corridorM", "DELETE", 1, null));
        assertThat(ref.rules().number("truck.corridorM", 100)).isEqualTo(100);
    }

    @Test
    void parsedRuleValuesFollowEveryChange() {
        assertThat(ref.rules().duration("coverage.visitGap", Duration.ofMinutes(5)))
                .isEqualTo(Duration.ofMinutes(5));
        ref.apply(new ReferenceUpdate("RULE", "coverage.visitGap", "UPSERT", 0, "\"8m\""));
        assertThat(ref.rules().duration("coverage.visitGap", Duration.ofMinutes(5)))
                .isEqualTo(Duration.ofMinutes(8));
        assertThat(ref.rules().duration("coverage.visitGap", Duration.ofMinutes(5)))
                .isEqualTo(Duration.ofMinutes(8));
        // Read as a number too: kept apart from the duration read.
        assertThat(ref.rules().number("coverage.visitGap", 3)).isEqualTo(3);
        ref.apply(new ReferenceUpdate("RULE", "coverage", "UPSERT", 1, "{\"visitGap\": \"9m\"}"));
        assertThat(ref.rules().duration("coverage.visitGap", Duration.ofMinutes(5)))
                .isEqualTo(Duration.ofMinutes(9));
        ref.apply(new ReferenceUpdate("RULE", "coverage.visitGap", "DELETE", 2, null));
        assertThat(ref.rules().duration("coverage.visitGap", Duration.ofMinutes(5)))
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldIgnoreUnknownKindsAndRejectUnusablePayloads() {
        assertThat(ref.apply(new ReferenceUpdate("WEATHER", "x", "UPSERT", 0, "{}"))).isFalse();
        assertThat(ref.version()).isZero();
        assertThatThrownBy(
                        () ->
                                ref.apply(
                                        new ReferenceUpdate(
                                                "GRID",
                                                "g",
                                                "UPSERT",
                                                0,
                                                "{\"type\":\"Feature\",\"properties\":{}}")))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(
                        () ->
                                ref.apply(
                                        new ReferenceUpdate(
                                                "RULE",
                                                "truck.corridorM",
                                                "UPSERT",
                                                0,
                                                "{\"value\":[1]}")))
                .hasMessageContaining("scalar");
    }

    @Test
    void shouldRefuseAnUpsertWhosePayloadNamesAnotherObjectNamingBothIds() {
        assertThatThrownBy(
                        () ->
                                ref.apply(
                                        new ReferenceUpdate(
                                                "GRID", "31011200100199", "UPSERT", 0, GRID)))
                .isInstanceOf(ReferenceRejected.class)
                .hasMessageContaining("31011200100199")
                .hasMessageContaining("31011200100101")
                .hasMessageContaining("gridCode")
                .satisfies(
                        e ->
                                assertThat(((ReferenceRejected) e).reasonCode())
                                        .isEqualTo("bad_reference"));
        String truck = "{\"truckId\":\"T0002\",\"plate\":\"沪A12345\"}";
        assertThatThrownBy(
                        () -> ref.apply(new ReferenceUpdate("TRUCK", "T0001", "UPSERT", 0, truck)))
                .isInstanceOf(ReferenceRejected.class)
                .hasMessageContaining("T0001")
                .hasMessageContaining("T0002");
        String device =
                "{\"deviceId\":\"N9\",\"kind\":\"NOISE_METER\",\"lat\":31.105,\"lon\":121.405}";
        assertThatThrownBy(
                        () -> ref.apply(new ReferenceUpdate("DEVICE", "N1", "UPSERT", 0, device)))
                .isInstanceOf(ReferenceRejected.class)
                .hasMessageContaining("deviceId");
        String site =
                "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[121.40,31.10],[121.401,31.10],"
                        + "[121.401,31.101],[121.40,31.10]]]},\"properties\":{\"siteId\":\"S2\",\"kind\":\"CONSTRUCTION\",\"name\":\"工地\"}}";
        assertThatThrownBy(() -> ref.apply(new ReferenceUpdate("SITE", "S1", "UPSERT", 0, site)))
                .isInstanceOf(ReferenceRejected.class)
                .hasMessageContaining("siteId");
        assertThat(ref.version()).as("nothing refused was applied").isZero();
        assertThat(ref.grids()).isEmpty();
        assertThat(ref.trucks()).isEmpty();
    }

    @Test
    void shouldTakeTheUpdatesIdWhenThePayloadHasNone() {
        String withoutCode = GRID.replace("\"gridCode\":\"31011200100101\",", "");
        assertThat(
                        ref.apply(
                                new ReferenceUpdate(
                                        "GRID", "31011200100101", "UPSERT", 0, withoutCode)))
                .isTrue();
        assertThat(ref.grids().get("31011200100101").gridCode()).isEqualTo("31011200100101");
        assertThat(
                        ref.apply(
                                new ReferenceUpdate(
                                        "TRUCK", "T0001", "UPSERT", 0, "{\"plate\":\"沪A12345\"}")))
                .isTrue();
        assertThat(ref.trucks().get("T0001").truckId()).isEqualTo("T0001");
        assertThat(
                        ref.apply(
                                new ReferenceUpdate(
                                        "TRUCK", "T0001", "UPSERT", 1, "{\"truckId\":\"T0001\"}")))
                .as("the same id")
                .isTrue();
    }
}

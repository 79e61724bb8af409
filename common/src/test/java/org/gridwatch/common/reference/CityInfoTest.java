package org.gridwatch.common.reference;

import org.gridwatch.common.model.ReasonCodes;
import org.gridwatch.common.model.ReferenceUpdate;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CityInfoTest {
    private static final String URUMQI =
            """
            {"name":"乌鲁木齐","centerLat":43.8,"centerLon":87.6,"timeZone":"Asia/Urumqi"}""";

    @Test
    void theCityRecordSetsTheZoneBoundsAndCentreOfTheReference() {
        CityReference ref = new CityReference(ZoneId.of("Asia/Shanghai"));
        assertThat(ref.apply(new ReferenceUpdate("CITY", "city", "UPSERT", 0, URUMQI))).isTrue();
        assertThat(ref.zone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
        assertThat(ref.projection().lat(0)).isEqualTo(43.8);
        // Positions are now held to the city's box: a device in Shanghai is refused.
        assertThatThrownBy(
                        () ->
                                ref.apply(
                                        new ReferenceUpdate(
                                                "DEVICE",
                                                "d1",
                                                "UPSERT",
                                                0,
                                                "{\"deviceId\":\"d1\",\"kind\":\"NOISE_METER\",\"lat\":31.1,\"lon\":121.4}")))
                .isInstanceOf(ReferenceRejected.class)
                .hasMessageContaining("bounds");
    }

    @Test
    void givenBoundsAreUsedAndBadOnesNamed() {
        CityInfo city =
                CityInfo.decode(
                        org.gridwatch.common.json.Json.read(
                                "{\"centerLat\":31.1,\"centerLon\":121.4,\"timeZone\":\"Asia/Shanghai\",\"bounds\":[121.0,30.9,121.8,31.4]}"));
        assertThat(city.bounds().contains(121.7, 31.3)).isTrue();
        assertThat(city.bounds().contains(121.9, 31.3)).isFalse();
        assertThatThrownBy(
                        () ->
                                CityInfo.decode(
                                        org.gridwatch.common.json.Json.read(
                                                "{\"centerLat\":31.1,\"centerLon\":121.4,\"timeZone\":\"Asia/Shanghai\",\"bounds\":[121.8,30.9,121.0,31.4]}")))
                .hasMessageContaining("west < east");
    }

    @Test
    void aCityWithoutAUsableZoneOrCentreOrUnderAnotherIdIsRefused() {
        CityReference ref = new CityReference(ZoneId.of("Asia/Shanghai"));
        assertThatThrownBy(
                        () ->
                                ref.apply(
                                        new ReferenceUpdate(
                                                "CITY",
                                                "city",
                                                "UPSERT",
                                                0,
                                                "{\"centerLat\":31.1,\"centerLon\":121.4,\"timeZone\":\"CST\"}")))
                .isInstanceOf(ReferenceRejected.class)
                .hasMessageContaining("IANA");
        assertThatThrownBy(
                        () ->
                                ref.apply(
                                        new ReferenceUpdate(
                                                "CITY",
                                                "city",
                                                "UPSERT",
                                                0,
                                                "{\"centerLat\":121.4,\"centerLon\":31.1,\"timeZone\":\"Asia/Shanghai\"}")))
                .hasMessageContaining("swapped");
        assertThatThrownBy(
                        () ->
                                ref.apply(
                                        new ReferenceUpdate(
                                                "CITY", "shanghai", "UPSERT", 0, URUMQI)))
                .hasMessageContaining("'city'");
        assertThatThrownBy(() -> ref.apply(new ReferenceUpdate("CITY", "city", "DELETE", 0, null)))
                .satisfies(
                        e ->
                                assertThat(((ReferenceRejected) e).reasonCode())
                                        .isEqualTo(ReasonCodes.BAD_REFERENCE));
        assertThat(ref.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }
}

package org.gridwatch.common.reference;

import org.gridwatch.common.city.check.CityBounds;
import org.gridwatch.common.model.ReasonCodes;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.parse.InvalidInputException;
import org.gridwatch.common.parse.ParseLimits;
import org.gridwatch.common.parse.ReferenceParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.StringJoiner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 16: reference updates are validated for their effect. Each refused update is a dead letter
 * with its reason (the parser) and leaves the reference in force as it was (CityReference, which
 * the jobs' ReferenceHolder applies to broadcast state).
 */
class ReferenceValidationTest {
    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    private static final long NOW = Instant.parse("2026-11-22T08:00:00Z").toEpochMilli();

    /** Minhang, about 30 km each way. */
    private static final CityBounds MINHANG = new CityBounds(121.2, 30.95, 121.6, 31.25);

    private final ReferenceParser parser =
            new ReferenceParser(ParseLimits.DEFAULTS, () -> NOW, MINHANG);
    private final CityReference ref = new CityReference(SH, MINHANG);

    private static String square(double lon, double lat, double d) {
        return ring(lon, lat, lon + d, lat, lon + d, lat + d, lon, lat + d, lon, lat);
    }

    /** Two triangles touching in the middle: the zone of the issue. */
    private static String bowTie(double lon, double lat, double d) {
        return ring(lon, lat, lon + d, lat + d, lon + d, lat, lon, lat + d, lon, lat);
    }

    private static String ring(double... xy) {
        StringJoiner j = new StringJoiner(",", "[[", "]]");
        for (int i = 0; i < xy.length; i += 2) {
            j.add(String.format(Locale.ROOT, "[%.7f,%.7f]", xy[i], xy[i + 1]));
        }
        return j.toString();
    }

    private static String zone(String id, String coordinates) {
        return "{\"type\":\"Feature\",\"id\":\""
                + id
                + "\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + coordinates
                + "},"
                + "\"properties\":{\"zoneId\":\""
                + id
                + "\",\"kind\":\"PROHIBITED_TRUCK\",\"name\":\"学校\",\"closedFrom\":\"00:00\",\"closedTo\":\"23:59\"}}";
    }

    private static String permit(String id, String lineCoordinates) {
        return "{\"type\":\"Feature\",\"id\":\""
                + id
                + "\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":"
                + lineCoordinates
                + "},"
                + "\"properties\":{\"permitId\":\""
                + id
                + "\",\"truckId\":\"T1\",\"plate\":\"沪A1\",\"validFrom\":\"2026-11-01\",\"validTo\":\"2026-12-31\","
                + "\"hoursFrom\":\"20:00\",\"hoursTo\":\"06:00\",\"sourceSiteId\":\"CS1\",\"disposalSiteId\":\"DS1\"}}";
    }

    private static String line(int vertices) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (int i = 0; i < vertices; i++) {
            j.add(
                    String.format(
                            Locale.ROOT,
                            "[%.5f,%.5f]",
                            121.3 + i * 0.00004,
                            31.1 + (i % 2) * 0.00002));
        }
        return j.toString();
    }

    private static String record(String kind, String id, String payload) {
        return "{\"kind\":\""
                + kind
                + "\",\"id\":\""
                + id
                + "\",\"time\":\"2026-11-22T07:00:00Z\",\"payload\":"
                + payload
                + "}";
    }

    private InvalidInputException refused(String record, String reasonCode) {
        InvalidInputException e =
                catchThrowableOfType(
                        InvalidInputException.class,
                        () -> parser.parse(record.getBytes(StandardCharsets.UTF_8)));
        assertThat(e)
                .as("refused: %s", record.length() > 200 ? record.substring(0, 200) : record)
                .isNotNull();
        assertThat(e.reasonCode()).as(e.getMessage()).isEqualTo(reasonCode);
        return e;
    }

    private void keepsTheLastGood(ReferenceUpdate bad, String reasonCode) {
        long version = ref.version();
        var before = ref.rules().asMap();
        ReferenceRejected e = catchThrowableOfType(ReferenceRejected.class, () -> ref.apply(bad));
        assertThat(e).as("%s %s refused by the reference itself", bad.kind(), bad.id()).isNotNull();
        assertThat(e.reasonCode()).as(e.getMessage()).isEqualTo(reasonCode);
        assertThat(ref.version()).isEqualTo(version);
        assertThat(ref.rules().asMap()).isEqualTo(before);
    }

    @Test
    void shouldRefuseASelfIntersectingZoneAndKeepTheOneInForce() throws Exception {
        String good = zone("PZ01", square(121.40, 31.10, 0.01));
        assertThat(parser.parse(record("ZONE", "PZ01", good).getBytes(StandardCharsets.UTF_8)))
                .isNotNull();
        ref.apply(new ReferenceUpdate("ZONE", "PZ01", "UPSERT", 0, good));

        String bowTie = zone("PZ01", bowTie(121.30, 31.05, 0.2));
        InvalidInputException e = refused(record("ZONE", "PZ01", bowTie), ReasonCodes.BAD_GEOMETRY);
        assertThat(e.getMessage()).contains("self-intersecting polygon at (121.400000 31.150000)");
        keepsTheLastGood(
                new ReferenceUpdate("ZONE", "PZ01", "UPSERT", 1, bowTie), ReasonCodes.BAD_GEOMETRY);

        // The zone in force is still the small square: a truck far outside it is in no zone.
        assertThat(ref.prohibitedZonesAt(31.06, 121.31)).isEmpty();
        assertThat(ref.prohibitedZonesAt(31.105, 121.405))
                .extracting(z -> z.zoneId())
                .containsExactly("PZ01");
    }

    @Test
    void shouldRefuseARouteOfTooManyVertices() throws Exception {
        assertThat(
                        parser.parse(
                                record("PERMIT", "ZY1", permit("ZY1", line(1_500)))
                                        .getBytes(StandardCharsets.UTF_8)))
                .isNotNull();
        String huge = record("PERMIT", "ZY1", permit("ZY1", line(2_500)));
        assertThat(huge.length())
                .as("fits the 64 KB record limit, so only the vertex bound refuses it")
                .isLessThan(64 * 1024);
        InvalidInputException e = refused(huge, ReasonCodes.BAD_GEOMETRY);
        assertThat(e.getMessage()).contains("2,500 vertices").contains("2,000");
        keepsTheLastGood(
                new ReferenceUpdate("PERMIT", "ZY1", "UPSERT", 0, permit("ZY1", line(2_500))),
                ReasonCodes.BAD_GEOMETRY);
    }

    @Test
    void shouldRefuseARouteThatCrossesItself() {
        String z =
                ring(
                        121.30, 31.10, 121.32, 31.12, 121.32, 31.10, 121.30,
                        31.12); // [[...]]: a ring's brackets
        refused(
                record("PERMIT", "ZY2", permit("ZY2", z.substring(1, z.length() - 1))),
                ReasonCodes.BAD_GEOMETRY);
    }

    @Test
    void shouldRefuseGeometryOutsideTheCityOrOfTheWrongType() {
        refused(
                record("ZONE", "PZ02", zone("PZ02", square(116.40, 39.90, 0.01))),
                ReasonCodes.BAD_GEOMETRY); // Beijing
        refused(
                record("ZONE", "PZ02", zone("PZ02", square(31.10, 121.40, 0.01))),
                ReasonCodes.BAD_GEOMETRY); // swapped
        refused(record("ZONE", "PZ02", zone("PZ02", square(0, 0, 0.01))), ReasonCodes.BAD_GEOMETRY);
        refused(
                record(
                        "GRID",
                        "G1",
                        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[121.3,31.1],[121.31,31.1]]},"
                                + "\"properties\":{}}"),
                ReasonCodes.BAD_GEOMETRY);
        refused(
                record(
                        "DEVICE",
                        "NS1",
                        "{\"deviceId\":\"NS1\",\"kind\":\"NOISE_SENSOR\",\"lat\":39.9,\"lon\":116.4}"),
                ReasonCodes.BAD_GEOMETRY);
        refused(
                record(
                        "ZONE",
                        "PZ02",
                        zone("PZ02", "[[[121.3,31.1],[121.3,1e309],[121.31,31.1],[121.3,31.1]]]")),
                ReasonCodes.BAD_GEOMETRY);
    }

    @Test
    void shouldRefuseAnUnknownKind() {
        refused(record("NUKE", "1", "{\"yield\":\"50kt\"}"), ReasonCodes.UNKNOWN_KIND);
        assertThat(ref.apply(new ReferenceUpdate("NUKE", "1", "UPSERT", 0, "{}"))).isFalse();
        assertThat(ref.version()).isZero();
    }

    @Test
    void shouldRefuseNegativeAbsurdAndUnknownRules() {
        ref.apply(new ReferenceUpdate("RULE", "truck.corridorM", "UPSERT", 0, "{\"value\":150}"));
        refused(record("RULE", "truck.corridorM", "{\"value\":-50}"), ReasonCodes.BAD_RULE);
        refused(record("RULE", "truck.corridorM", "{\"value\":1e9}"), ReasonCodes.BAD_RULE);
        refused(record("RULE", "truck.corridorM", "{\"value\":\"NaN\"}"), ReasonCodes.BAD_RULE);
        refused(record("RULE", "truck.zonePings", "{\"value\":1.5}"), ReasonCodes.BAD_RULE);
        refused(
                record("RULE", "truck.signalLostAfter", "{\"value\":\"7h\"}"),
                ReasonCodes.BAD_RULE);
        refused(record("RULE", "truck.signalLostAfter", "{\"value\":300}"), ReasonCodes.BAD_RULE);
        refused(record("RULE", "noise.nightStart", "{\"value\":\"25:00\"}"), ReasonCodes.BAD_RULE);
        refused(record("RULE", "noise.limit.4a.night", "{\"value\":-3}"), ReasonCodes.BAD_RULE);
        refused(
                record("RULE", "cases.calendar.periods", "{\"value\":\"<script>\"}"),
                ReasonCodes.BAD_RULE);
        refused(
                record("RULE", "truck.corridorMeters", "{\"value\":150}"),
                ReasonCodes.UNKNOWN_RULE);
        refused(record("RULE", "noise.limit.5.day", "{\"value\":60}"), ReasonCodes.UNKNOWN_RULE);
        keepsTheLastGood(
                new ReferenceUpdate("RULE", "truck.corridorM", "UPSERT", 1, "{\"value\":-50}"),
                ReasonCodes.BAD_RULE);
        assertThat(ref.rules().number("truck.corridorM", 100)).isEqualTo(150);
    }

    @Test
    void shouldApplyARuleGroupWholeOrNotAtAll() throws Exception {
        keepsTheLastGood(
                new ReferenceUpdate(
                        "RULE", "truck", "UPSERT", 0, "{\"speedLimitKmh\":60,\"zonePings\":0}"),
                ReasonCodes.BAD_RULE);
        keepsTheLastGood(
                new ReferenceUpdate(
                        "RULE", "truck", "UPSERT", 0, "{\"speedLimitKmh\":60,\"zonePing\":3}"),
                ReasonCodes.UNKNOWN_RULE);
        assertThat(ref.rules().asMap()).isEmpty();
        ref.apply(
                new ReferenceUpdate(
                        "RULE", "truck", "UPSERT", 0, "{\"speedLimitKmh\":60,\"zonePings\":3}"));
        assertThat(ref.rules().asMap())
                .containsEntry("truck.speedLimitKmh", "60")
                .containsEntry("truck.zonePings", "3");
        assertThat(
                        parser.parse(
                                record(
                                                "RULE",
                                                "noise",
                                                "{\"limit\":{\"4a\":{\"night\":58}},\"nightStart\":\"22:30\"}")
                                        .getBytes(StandardCharsets.UTF_8)))
                .isNotNull();
        assertThat(
                        parser.parse(
                                record("RULE", "cases.limitMinutes.占道经营", "{\"value\":240}")
                                        .getBytes(StandardCharsets.UTF_8)))
                .isNotNull();
    }

    @Test
    void shouldRefuseAPermitWithImpossibleDatesOrSpeedLimit() {
        refused(
                record(
                        "PERMIT",
                        "ZY3",
                        permit("ZY3", line(10))
                                .replace(
                                        "\"validTo\":\"2026-12-31\"",
                                        "\"validTo\":\"2026-10-01\"")),
                ReasonCodes.BAD_REFERENCE);
        refused(
                record(
                        "PERMIT",
                        "ZY3",
                        permit("ZY3", line(10))
                                .replace(
                                        "\"sourceSiteId\"",
                                        "\"speedLimitKmh\":900,\"sourceSiteId\"")),
                ReasonCodes.BAD_REFERENCE);
    }

    @Test
    void shouldAcceptEveryKeyOfTheCatalogAtItsBounds() {
        RuleCatalog.keys()
                .forEach(
                        (key, spec) -> {
                            String value =
                                    switch (spec.type()) {
                                        case NUMBER, INTEGER -> String.valueOf(spec.max());
                                        case DURATION -> "\"" + (long) spec.max() + "s\"";
                                        case TIME_OF_DAY -> "\"07:30\"";
                                        case TEXT ->
                                                key.endsWith("periods")
                                                        ? "\"08:30-12:00,13:00-17:30\""
                                                        : key.endsWith("weekdays")
                                                                ? "\"MON-FRI\""
                                                                : "\"2026-10-01\"";
                                    };
                            ref.apply(
                                    new ReferenceUpdate(
                                            "RULE", key, "UPSERT", 0, "{\"value\":" + value + "}"));
                        });
        assertThat(ref.rules().asMap()).hasSameSizeAs(RuleCatalog.keys());
    }
}

package org.gridwatch.common.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.model.EntityType;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.ReasonCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.common.parse.ParserTestSupport.*;

/**
 * Every rule of GpsParser, and the shared field rules of JsonFields (time, numbers, text, enums).
 */
class GpsParserTest {
    private static final long T = Instant.parse("2026-11-22T07:41:03Z").toEpochMilli();

    private final GpsParser parser = new GpsParser(ParseLimits.DEFAULTS, CLOCK);

    private static ObjectNode truck() {
        return json(
                "{\"entityId\":\"013912345601\",\"entityType\":\"TRUCK\",\"time\":\"2026-11-22T07:41:03Z\","
                        + "\"lat\":31.0712,\"lon\":121.4105,\"speed\":32.5,\"heading\":184,\"accuracy\":5.0,"
                        + "\"status\":787203,\"alarm\":524288,\"plate\":\"沪D52817\",\"source\":\"jt808\"}");
    }

    private static ObjectNode minimal() {
        return json(
                "{\"entityId\":\"MH-0117\",\"entityType\":\"OFFICER\",\"time\":\"2026-11-22T07:41:03Z\","
                        + "\"lat\":31.1128,\"lon\":121.3852}");
    }

    private GpsPing parse(ObjectNode node) throws InvalidInputException {
        return parser.parse(bytes(node));
    }

    // ---- accepted forms and defaults

    @Test
    void shouldParseCompleteTruckPing() throws Exception {
        assertThat(parse(truck()))
                .isEqualTo(
                        new GpsPing(
                                "013912345601",
                                EntityType.TRUCK,
                                T,
                                31.0712,
                                121.4105,
                                32.5,
                                184,
                                5.0,
                                787203L,
                                524288L,
                                "沪D52817",
                                "jt808"));
    }

    @Test
    void shouldDefaultSpeedAndHeadingToZeroAndSourceToUnknown() throws Exception {
        assertThat(parse(minimal()))
                .isEqualTo(
                        new GpsPing(
                                "MH-0117",
                                EntityType.OFFICER,
                                T,
                                31.1128,
                                121.3852,
                                0,
                                0,
                                null,
                                null,
                                null,
                                null,
                                "unknown",
                                true));
    }

    @Test
    void shouldSayWhetherTheSpeedWasGiven() throws Exception {
        // A missing speed reads as 0, which a rule must not take for "standing still" (issue 19).
        assertThat(parse(minimal()).speedMissing()).isTrue();
        assertThat(parse(minimal().putNull("speed")).speedMissing()).isTrue();
        assertThat(parse(minimal().put("speed", 0)).speedMissing()).isFalse();
        assertThat(parse(truck()).speedMissing()).isFalse();
    }

    @Test
    void shouldTreatNullOptionalFieldsAsAbsent() throws Exception {
        ObjectNode n = minimal();
        for (String f :
                new String[] {
                    "speed", "heading", "accuracy", "status", "alarm", "plate", "source"
                }) {
            n.putNull(f);
        }
        assertThat(parse(n)).isEqualTo(parse(minimal()));
    }

    @Test
    void shouldKeepEmptySourceAsGivenRatherThanUnknown() throws Exception {
        // documented oddity: only an absent or null source becomes "unknown"
        assertThat(parse(minimal().put("source", "")).source()).isEmpty();
    }

    @Test
    void shouldAcceptIsoTimeInUtcWithZ() throws Exception {
        assertThat(parse(truck().put("time", "2026-11-22T07:41:03.250Z")).eventTime())
                .isEqualTo(T + 250);
    }

    @Test
    void shouldAcceptIsoTimeWithPlus0800Offset() throws Exception {
        assertThat(parse(truck().put("time", "2026-11-22T15:41:03+08:00")).eventTime())
                .isEqualTo(T);
    }

    @Test
    void shouldAcceptEpochMillisecondsTime() throws Exception {
        assertThat(parse(truck().put("time", T)).eventTime()).isEqualTo(T);
    }

    @Test
    void shouldAcceptIsoTimeWithoutSecondsAsJavaDoes() throws Exception {
        // lenient beyond RFC 3339 (which the schema's date-time requires)
        assertThat(parse(truck().put("time", "2026-11-22T07:41Z")).eventTime())
                .isEqualTo(T - 3_000);
    }

    @Test
    void shouldAcceptNumbersSentAsStrings() throws Exception {
        ObjectNode n =
                truck().put("lat", "31.0712")
                        .put("lon", " 121.4105 ")
                        .put("speed", "32.5")
                        .put("heading", "184")
                        .put("accuracy", "5")
                        .put("status", "787203")
                        .put("alarm", "5.24288e5");
        assertThat(parse(n)).isEqualTo(parse(truck()));
    }

    @Test
    void shouldAcceptEntityIdSentAsNumber() throws Exception {
        assertThat(parse(minimal().put("entityId", 20117)).entityId()).isEqualTo("20117");
    }

    @Test
    void shouldIgnoreUnknownFields() throws Exception {
        ObjectNode n = truck().put("altitude", 6).put("vendor", "JT-X9");
        n.putObject("extra").putArray("items").add(1).add("x");
        assertThat(parse(n)).isEqualTo(parse(truck()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"truck", "Truck", " TRUCK ", "tRuCk"})
    void shouldAcceptEntityTypeInAnyCaseWithBlanks(String type) throws Exception {
        assertThat(parse(truck().put("entityType", type)).entityType()).isEqualTo(EntityType.TRUCK);
    }

    @Test
    void shouldMapHeading360ToZero() throws Exception {
        assertThat(parse(truck().put("heading", 360)).heading()).isZero();
        assertThat(parse(truck().put("heading", 359)).heading()).isEqualTo(359);
    }

    @Test
    void shouldAcceptWholeNumberWrittenWithFraction() throws Exception {
        assertThat(parse(truck().put("heading", 90.0)).heading()).isEqualTo(90);
    }

    @Test
    void shouldAcceptBoundaryValues() throws Exception {
        ObjectNode n =
                truck().put("lat", -90)
                        .put("lon", 180)
                        .put("speed", 250)
                        .put("accuracy", 100_000)
                        .put("status", 4_294_967_295L)
                        .put("alarm", 0);
        GpsPing p = parse(n);
        assertThat(p.lat()).isEqualTo(-90);
        assertThat(p.lon()).isEqualTo(180);
        assertThat(p.speedKmh()).isEqualTo(250);
        assertThat(p.status()).isEqualTo(4_294_967_295L);
    }

    @Test
    void shouldAcceptZeroLatitudeOrZeroLongitudeAlone() throws Exception {
        assertThat(parse(truck().put("lat", 0)).lat()).isZero();
        assertThat(parse(truck().put("lon", 0)).lon()).isZero();
    }

    @Test
    void shouldNormaliseNegativeZeroSoThatEqualPingsAreEqual() throws Exception {
        GpsPing negative = parse(minimal().put("speed", -0.0).put("lat", "-0.0"));
        assertThat(negative).isEqualTo(parse(minimal().put("speed", 0).put("lat", 0)));
        assertThat(Double.doubleToRawLongBits(negative.speedKmh())).isZero();
    }

    // ---- required fields

    @Test
    void shouldRejectMissingEntityId() {
        assertRejected(parser, truck().without("entityId"), ReasonCodes.MISSING_FIELD);
    }

    @Test
    void shouldRejectBlankEntityId() {
        assertRejected(parser, truck().put("entityId", " \t "), ReasonCodes.MISSING_FIELD);
    }

    @Test
    void shouldRejectMissingEntityType() {
        assertRejected(parser, truck().without("entityType"), ReasonCodes.MISSING_FIELD);
    }

    @Test
    void shouldRejectMissingOrNullTime() {
        assertRejected(parser, truck().without("time"), ReasonCodes.MISSING_FIELD);
        assertRejected(parser, truck().putNull("time"), ReasonCodes.MISSING_FIELD);
    }

    @Test
    void shouldRejectMissingLatitudeOrLongitude() {
        assertRejected(parser, truck().without("lat"), ReasonCodes.MISSING_FIELD);
        assertRejected(parser, truck().without("lon"), ReasonCodes.MISSING_FIELD);
        assertRejected(parser, truck().putNull("lat"), ReasonCodes.MISSING_FIELD);
    }

    // ---- types

    @Test
    void shouldRejectEntityIdThatIsAnObjectArrayOrBoolean() {
        ObjectNode obj = truck();
        obj.putObject("entityId").put("id", "x");
        assertRejected(parser, obj, ReasonCodes.WRONG_TYPE);
        ObjectNode arr = truck();
        arr.putArray("entityId").add("x");
        assertRejected(parser, arr, ReasonCodes.WRONG_TYPE);
        assertRejected(parser, truck().put("entityId", true), ReasonCodes.WRONG_TYPE);
    }

    @Test
    void shouldRejectNonNumericLatitude() {
        assertRejected(parser, truck().put("lat", true), ReasonCodes.WRONG_TYPE);
        assertRejected(parser, truck().put("lat", "north"), ReasonCodes.WRONG_TYPE);
        assertRejected(parser, truck().put("lat", ""), ReasonCodes.WRONG_TYPE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"32.5f", "32d", "0x1p5", "32,5", "1_000", "32.5 km/h", "--3", "e5"})
    void shouldRejectNumberStringsThatAreNotDecimal(String speed) {
        assertRejected(parser, truck().put("speed", speed), ReasonCodes.WRONG_TYPE);
    }

    @Test
    void shouldRejectFractionalHeadingStatusAndAlarm() {
        assertRejected(parser, truck().put("heading", 184.5), ReasonCodes.WRONG_TYPE);
        assertRejected(parser, truck().put("heading", "184.5"), ReasonCodes.WRONG_TYPE);
        assertRejected(parser, truck().put("status", 771.5), ReasonCodes.WRONG_TYPE);
        assertRejected(parser, truck().put("alarm", 0.5), ReasonCodes.WRONG_TYPE);
    }

    @Test
    void shouldRejectTimeThatIsNotIsoLocalTimeOrEpochMs() throws Exception {
        assertRejected(parser, truck().put("time", "yesterday"), ReasonCodes.WRONG_TYPE);
        // Local time needs its seconds (issue 19: with them it is read in the city's zone,
        // EventTimeFormsTest).
        assertRejected(parser, truck().put("time", "2026-11-22 07:41"), ReasonCodes.WRONG_TYPE);
        assertRejected(parser, truck().put("time", "2026-11-22T07:41"), ReasonCodes.WRONG_TYPE);
        assertThat(parser.parse(bytes(truck().put("time", "2026-11-22 07:41:03"))).eventTime())
                .isEqualTo(Instant.parse("2026-11-21T23:41:03Z").toEpochMilli());
        assertRejected(parser, truck().put("time", "2026-02-30T07:41:03Z"), ReasonCodes.WRONG_TYPE);
        assertRejected(parser, truck().put("time", true), ReasonCodes.WRONG_TYPE);
        assertRejected(parser, truck().put("time", String.valueOf(T)), ReasonCodes.WRONG_TYPE);
    }

    @Test
    void shouldRejectEpochTimeWrittenAsFloatingPoint() {
        assertRejected(parser, truck().put("time", (double) T), ReasonCodes.WRONG_TYPE);
    }

    // ---- ranges

    @Test
    void shouldRejectLatitudeAbove90() {
        assertRejected(parser, truck().put("lat", 91), ReasonCodes.OUT_OF_RANGE);
        assertRejected(parser, truck().put("lat", 90.000001), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldRejectLatitudeBelowMinus90() {
        assertRejected(parser, truck().put("lat", -90.5), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldRejectLongitudeOutside180() {
        assertRejected(parser, truck().put("lon", 181.2), ReasonCodes.OUT_OF_RANGE);
        assertRejected(parser, truck().put("lon", -180.1), ReasonCodes.OUT_OF_RANGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "-NaN", "Infinity", "-Infinity", "+Infinity"})
    void shouldRejectNonFiniteNumberStringsAsOutOfRange(String value) {
        assertRejected(parser, truck().put("lat", value), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldRejectNumberLiteralBeyondDoubleAsOutOfRange() {
        String record = truck().toString().replace("32.5", "1e400");
        assertRejected(parser, bytes(record), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldRejectNoFixPositionZeroZero() {
        assertRejected(parser, truck().put("lat", 0).put("lon", 0), ReasonCodes.OUT_OF_RANGE);
        assertRejected(
                parser, truck().put("lat", -0.0).put("lon", "0.000"), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldRejectSpeedAbove250() {
        assertRejected(parser, truck().put("speed", 9999), ReasonCodes.OUT_OF_RANGE);
        assertRejected(parser, truck().put("speed", "250.1"), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldRejectNegativeSpeed() {
        assertRejected(parser, truck().put("speed", -3), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldRejectHeadingOutside0To360() {
        assertRejected(parser, truck().put("heading", 361), ReasonCodes.OUT_OF_RANGE);
        assertRejected(parser, truck().put("heading", -1), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldRejectAccuracyOutside0To100km() {
        assertRejected(parser, truck().put("accuracy", -1), ReasonCodes.OUT_OF_RANGE);
        assertRejected(parser, truck().put("accuracy", 100_001), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldRejectStatusAndAlarmOutsideUnsigned32() {
        assertRejected(parser, truck().put("status", 4_294_967_296L), ReasonCodes.OUT_OF_RANGE);
        assertRejected(parser, truck().put("status", -1), ReasonCodes.OUT_OF_RANGE);
        assertRejected(parser, truck().put("alarm", 4_294_967_296L), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldRejectTimeInSecondsInsteadOfMilliseconds() {
        assertRejected(parser, truck().put("time", T / 1000), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldRejectTimeBefore2000AndAcceptItsFirstMillisecond() throws Exception {
        assertRejected(parser, truck().put("time", 946_684_799_999L), ReasonCodes.OUT_OF_RANGE);
        assertRejected(
                parser, truck().put("time", "1999-12-31T23:59:59Z"), ReasonCodes.OUT_OF_RANGE);
        assertRejected(parser, truck().put("time", -1), ReasonCodes.OUT_OF_RANGE);
        assertThat(parse(truck().put("time", 946_684_800_000L)).eventTime())
                .isEqualTo(946_684_800_000L);
    }

    @Test
    void shouldRejectEpochIntegerTooLargeForALongInsteadOfWrappingIt() {
        // 2^64 + 1_700_000_000_000 used to wrap silently to 2023-11-14T22:13:20Z and be accepted
        String record =
                truck().toString().replace("\"2026-11-22T07:41:03Z\"", "18446745773709551616");
        assertRejected(parser, bytes(record), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldRejectIsoYearBeyondEpochMillisecondsWithoutCrashing() {
        assertRejected(
                parser,
                truck().put("time", "+300000000-01-01T00:00:00Z"),
                ReasonCodes.OUT_OF_RANGE);
        assertRejected(
                parser,
                truck().put("time", "-300000000-01-01T00:00:00Z"),
                ReasonCodes.OUT_OF_RANGE);
        assertRejected(
                parser,
                truck().put("time", "+300000000-01-01T00:00:00+08:00"),
                ReasonCodes.OUT_OF_RANGE);
    }

    // ---- future bound (injected clock, default tolerance 5 min)

    @Test
    void shouldAcceptTimeUpToFiveMinutesAfterNow() throws Exception {
        assertThat(parse(truck().put("time", NOW_MS + FIVE_MIN)).eventTime())
                .isEqualTo(NOW_MS + FIVE_MIN);
    }

    @Test
    void shouldRejectTimeMoreThanFiveMinutesAfterNow() {
        assertRejected(parser, truck().put("time", NOW_MS + FIVE_MIN + 1), ReasonCodes.FUTURE_TIME);
        assertRejected(
                parser, truck().put("time", "2099-01-01T00:00:00Z"), ReasonCodes.FUTURE_TIME);
    }

    @Test
    void shouldApplyConfiguredFutureTolerance() throws Exception {
        GpsParser strict = new GpsParser(new ParseLimits(64 * 1024, 0, 4000), CLOCK);
        assertThat(strict.parse(bytes(truck().put("time", NOW_MS))).eventTime()).isEqualTo(NOW_MS);
        assertRejected(strict, truck().put("time", NOW_MS + 1), ReasonCodes.FUTURE_TIME);
    }

    // ---- enums and sizes

    @Test
    void shouldRejectUnknownEntityType() {
        assertRejected(parser, truck().put("entityType", "BUS"), ReasonCodes.BAD_ENUM);
        assertRejected(parser, truck().put("entityType", 7), ReasonCodes.BAD_ENUM);
    }

    @Test
    void shouldRejectEntityIdOver64Characters() throws Exception {
        assertThat(parse(truck().put("entityId", repeat('X', 64))).entityId()).hasSize(64);
        assertRejected(parser, truck().put("entityId", repeat('X', 65)), ReasonCodes.TOO_LARGE);
    }

    @Test
    void shouldRejectPlateAndSourceOver32Characters() {
        assertRejected(parser, truck().put("plate", repeat('D', 33)), ReasonCodes.TOO_LARGE);
        assertRejected(parser, truck().put("source", repeat('s', 33)), ReasonCodes.TOO_LARGE);
    }

    @Test
    void shouldRejectEntityTypeOver64CharactersAsTooLarge() {
        assertRejected(parser, truck().put("entityType", repeat('T', 65)), ReasonCodes.TOO_LARGE);
    }

    @Test
    void shouldNameFieldAndValueInTheMessage() {
        InvalidInputException e =
                assertRejected(parser, truck().put("lat", 91), ReasonCodes.OUT_OF_RANGE);
        assertThat(e.getMessage()).contains("'lat'").contains("91");
    }
}

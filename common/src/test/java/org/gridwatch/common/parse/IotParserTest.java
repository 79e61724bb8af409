package org.gridwatch.common.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.model.IotEventKind;
import org.gridwatch.common.model.ReasonCodes;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.common.parse.ParserTestSupport.*;

/** Every rule of IotParser: detections, noise readings, and the levels a meter can produce. */
class IotParserTest {
    private static final long T = Instant.parse("2026-11-21T15:05:00Z").toEpochMilli();

    private final IotParser parser = new IotParser(ParseLimits.DEFAULTS, CLOCK);

    private static ObjectNode stall() {
        return json(
                "{\"deviceId\":\"CAM-MH-XZ-0031\",\"kind\":\"STALL_DETECTED\",\"time\":\"2026-11-21T15:05:00Z\","
                        + "\"lat\":31.1124,\"lon\":121.3821,\"spotId\":\"MH-SPOT-0007\",\"confidence\":0.91}");
    }

    private static ObjectNode noise() {
        return json(
                "{\"deviceId\":\"NS-MH-QB-0112\",\"kind\":\"NOISE_READING\",\"time\":"
                        + T
                        + ","
                        + "\"lat\":31.1547,\"lon\":121.3549,\"laeq\":58.3,\"lmax\":71.9,\"interval\":300}");
    }

    private IotEvent parse(ObjectNode node) throws InvalidInputException {
        return parser.parse(bytes(node));
    }

    @Test
    void shouldParseStallDetection() throws Exception {
        assertThat(parse(stall()))
                .isEqualTo(
                        new IotEvent(
                                "CAM-MH-XZ-0031",
                                IotEventKind.STALL_DETECTED,
                                T,
                                31.1124,
                                121.3821,
                                "MH-SPOT-0007",
                                0.91,
                                null,
                                null,
                                null));
    }

    @Test
    void shouldParseStallDetectionWithoutLevelsOrConfidence() throws Exception {
        // regression: "cond ? double : Double" unboxed a null laeq and threw NullPointerException
        IotEvent e = parse(stall().without(java.util.List.of("confidence", "spotId")));
        assertThat(e.laeqDb()).isNull();
        assertThat(e.confidence()).isNull();
        assertThat(e.spotId()).isNull();
    }

    @Test
    void shouldParseNoiseReading() throws Exception {
        assertThat(parse(noise()))
                .isEqualTo(
                        new IotEvent(
                                "NS-MH-QB-0112",
                                IotEventKind.NOISE_READING,
                                T,
                                31.1547,
                                121.3549,
                                null,
                                null,
                                58.3,
                                71.9,
                                300));
    }

    @Test
    void shouldParseNoiseReadingWithLaeqOnly() throws Exception {
        IotEvent e = parse(noise().without(java.util.List.of("lmax", "interval")));
        assertThat(e.laeqDb()).isEqualTo(58.3);
        assertThat(e.lmaxDb()).isNull();
        assertThat(e.intervalSeconds()).isNull();
    }

    @Test
    void shouldAcceptLevelsSentAsStringsAndLowerCaseKind() throws Exception {
        IotEvent e =
                parse(
                        noise().put("kind", "noise_reading")
                                .put("laeq", "58.3")
                                .put("lmax", "71.9")
                                .put("interval", "300"));
        assertThat(e).isEqualTo(parse(noise()));
    }

    @Test
    void shouldAcceptLmaxEqualToLaeq() throws Exception {
        assertThat(parse(noise().put("lmax", 58.3)).lmaxDb()).isEqualTo(58.3);
    }

    @Test
    void shouldKeepLevelsOnADetectionWhenGiven() throws Exception {
        assertThat(parse(stall().put("laeq", 61.0)).laeqDb()).isEqualTo(61.0);
        assertThat(parse(stall().put("lmax", 80.0)).lmaxDb()).isEqualTo(80.0);
    }

    @Test
    void shouldIgnoreUnknownFields() throws Exception {
        ObjectNode n = stall().put("model", "stall-det-v3");
        n.putArray("bbox").add(412).add(188).add(530).add(301);
        assertThat(parse(n)).isEqualTo(parse(stall()));
    }

    @Test
    void shouldRequireLaeqOnNoiseReading() {
        assertRejected(parser, noise().without("laeq"), ReasonCodes.MISSING_FIELD);
        assertRejected(parser, noise().putNull("laeq"), ReasonCodes.MISSING_FIELD);
    }

    @Test
    void shouldRequireDeviceKindTimeAndPosition() {
        assertRejected(parser, stall().without("deviceId"), ReasonCodes.MISSING_FIELD);
        assertRejected(parser, stall().without("kind"), ReasonCodes.MISSING_FIELD);
        assertRejected(parser, stall().without("time"), ReasonCodes.MISSING_FIELD);
        assertRejected(parser, stall().without("lat"), ReasonCodes.MISSING_FIELD);
        assertRejected(parser, stall().without("lon"), ReasonCodes.MISSING_FIELD);
    }

    @Test
    void shouldRejectUnknownKind() {
        assertRejected(parser, stall().put("kind", "SMOKE_DETECTED"), ReasonCodes.BAD_ENUM);
    }

    @Test
    void shouldRejectLaeqOutside0To160() {
        assertRejected(parser, noise().put("laeq", 160.1), ReasonCodes.OUT_OF_RANGE);
        assertRejected(parser, noise().put("laeq", -1), ReasonCodes.OUT_OF_RANGE);
        assertRejected(parser, stall().put("laeq", 170), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldRejectLmaxOutside0To180() {
        assertRejected(parser, noise().put("lmax", 180.5), ReasonCodes.OUT_OF_RANGE);
        assertRejected(parser, noise().put("lmax", -5), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldRejectLmaxBelowLaeq() {
        InvalidInputException e =
                assertRejected(
                        parser,
                        noise().put("laeq", 72.4).put("lmax", 65.0),
                        ReasonCodes.OUT_OF_RANGE);
        assertThat(e.getMessage()).contains("lmax").contains("laeq");
    }

    @Test
    void shouldRejectConfidenceOutside0To1() throws Exception {
        assertThat(parse(stall().put("confidence", 1)).confidence()).isEqualTo(1.0);
        assertRejected(parser, stall().put("confidence", 1.5), ReasonCodes.OUT_OF_RANGE);
        assertRejected(parser, stall().put("confidence", -0.1), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldRejectIntervalOutside1To3600Seconds() {
        assertRejected(parser, noise().put("interval", 0), ReasonCodes.OUT_OF_RANGE);
        assertRejected(parser, noise().put("interval", 3601), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldRejectFractionalInterval() {
        assertRejected(parser, noise().put("interval", 2.5), ReasonCodes.WRONG_TYPE);
    }

    @Test
    void shouldRejectNonNumericLevelsAndConfidence() {
        assertRejected(parser, noise().put("laeq", "loud"), ReasonCodes.WRONG_TYPE);
        assertRejected(parser, stall().put("confidence", true), ReasonCodes.WRONG_TYPE);
        assertRejected(parser, noise().put("laeq", "NaN"), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldRejectNoFixPositionAndLatitudeAbove90() {
        assertRejected(parser, stall().put("lat", 0).put("lon", 0), ReasonCodes.OUT_OF_RANGE);
        assertRejected(parser, stall().put("lat", 91), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldRejectIdsOver64Characters() {
        assertRejected(parser, stall().put("deviceId", repeat('C', 65)), ReasonCodes.TOO_LARGE);
        assertRejected(parser, stall().put("spotId", repeat('S', 65)), ReasonCodes.TOO_LARGE);
    }

    @Test
    void shouldRejectFutureAndSecondsTimes() {
        assertRejected(
                parser, stall().put("time", "2099-01-01T00:00:00Z"), ReasonCodes.FUTURE_TIME);
        assertRejected(parser, stall().put("time", T / 1000), ReasonCodes.OUT_OF_RANGE);
    }
}

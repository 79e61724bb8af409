package org.gridwatch.common.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.ReasonCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.common.parse.ParserTestSupport.*;

/** Every rule of HotlineParser: what a RECEIVED complaint needs, what later steps may omit. */
class HotlineParserTest {
    private static final long T = Instant.parse("2026-11-21T02:12:30Z").toEpochMilli();

    private final HotlineParser parser = new HotlineParser(ParseLimits.DEFAULTS, CLOCK);

    private static ObjectNode complaint() {
        return json(
                "{\"eventId\":\"12345-004417-R\",\"caseId\":\"12345-004417\",\"kind\":\"RECEIVED\","
                        + "\"time\":\"2026-11-21T10:12:30+08:00\",\"channel\":\"12345\",\"category\":\"09006\","
                        + "\"lat\":31.1126,\"lon\":121.3817,\"district\":\"闵行区\",\"gridCode\":\"310112001003\","
                        + "\"timeLimitMinutes\":120,\"spotId\":\"MH-SPOT-0007\",\"text\":\"莘庄地铁站北广场流动摊贩占道经营\"}");
    }

    private static ObjectNode dispatched() {
        return json(
                "{\"eventId\":\"12345-004417-D\",\"caseId\":\"12345-004417\",\"kind\":\"DISPATCHED\",\"time\":"
                        + (T + 60_000)
                        + "}");
    }

    private HotlineEvent parse(ObjectNode node) throws InvalidInputException {
        return parser.parse(bytes(node));
    }

    @Test
    void shouldParseReceivedComplaint() throws Exception {
        assertThat(parse(complaint()))
                .isEqualTo(
                        new HotlineEvent(
                                "12345-004417-R",
                                "12345-004417",
                                CaseEventKind.RECEIVED,
                                "12345",
                                T,
                                "09006",
                                31.1126,
                                121.3817,
                                "闵行区",
                                "310112001003",
                                120,
                                "MH-SPOT-0007",
                                "莘庄地铁站北广场流动摊贩占道经营"));
    }

    @Test
    void shouldParseLaterStepWithoutChannelCategoryOrLocation() throws Exception {
        HotlineEvent e = parse(dispatched());
        assertThat(e.kind()).isEqualTo(CaseEventKind.DISPATCHED);
        assertThat(e.channel()).isNull();
        assertThat(e.category()).isNull();
        assertThat(e.lat()).isNaN();
        assertThat(e.lon()).isNaN();
        assertThat(e.timeLimitMinutes()).isNull();
        assertThat(e.text()).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DISPATCHED",
                "HANDLED",
                "CLEARED",
                "CLOSED",
                "REOPENED",
                "closed",
                " Handled "
            })
    void shouldAcceptEveryLaterStepWithoutLocation(String kind) throws Exception {
        assertThat(parse(dispatched().put("kind", kind)).lat()).isNaN();
    }

    @Test
    void shouldKeepLocationOnLaterStepWhenBothCoordinatesAreGiven() throws Exception {
        HotlineEvent e =
                parse(dispatched().put("kind", "HANDLED").put("lat", 31.1127).put("lon", 121.3819));
        assertThat(e.lat()).isEqualTo(31.1127);
        assertThat(e.lon()).isEqualTo(121.3819);
    }

    @Test
    void shouldTreatNullCoordinatesOnLaterStepAsAbsent() throws Exception {
        assertThat(parse(dispatched().putNull("lat").putNull("lon")).lat()).isNaN();
    }

    @Test
    void shouldAcceptChannelAndIdsSentAsNumbers() throws Exception {
        HotlineEvent e = parse(complaint().put("channel", 12345).put("eventId", 1234500017L));
        assertThat(e.channel()).isEqualTo("12345");
        assertThat(e.eventId()).isEqualTo("1234500017");
    }

    @Test
    void shouldIgnoreUnknownFields() throws Exception {
        ObjectNode n = complaint().put("callerPhone", "139****0000");
        n.putArray("photoUrls").add("https://example.invalid/1.jpg");
        assertThat(parse(n)).isEqualTo(parse(complaint()));
    }

    @Test
    void shouldRequireChannelOnReceived() {
        assertRejected(parser, complaint().without("channel"), ReasonCodes.MISSING_FIELD);
        assertRejected(parser, complaint().put("channel", " "), ReasonCodes.MISSING_FIELD);
    }

    @Test
    void shouldRequireCategoryOnReceived() {
        assertRejected(parser, complaint().without("category"), ReasonCodes.MISSING_FIELD);
        assertRejected(parser, complaint().putNull("category"), ReasonCodes.MISSING_FIELD);
    }

    @Test
    void shouldRequireLocationOnReceived() {
        assertRejected(parser, complaint().without("lat"), ReasonCodes.MISSING_FIELD);
        assertRejected(parser, complaint().without("lon"), ReasonCodes.MISSING_FIELD);
        assertRejected(
                parser,
                complaint().without(java.util.List.of("lat", "lon")),
                ReasonCodes.MISSING_FIELD);
    }

    private static ObjectNode addressOnly(String address) {
        ObjectNode n = complaint();
        n.remove(java.util.List.of("lat", "lon"));
        return n.put("address", address);
    }

    /**
     * Issue 19: hotline exports often carry an address and no coordinates; the cases detection
     * places those.
     */
    @Test
    void shouldAcceptAComplaintWithAnAddressInsteadOfCoordinates() throws Exception {
        HotlineEvent e = parse(addressOnly("上海市闵行区莘松路123弄4号"));
        assertThat(e.address()).isEqualTo("上海市闵行区莘松路123弄4号");
        assertThat(e.hasCoordinates()).isFalse();
        assertThat(e.lat()).isNaN();
        HotlineEvent both = parse(complaint().put("address", "莘松路123弄4号"));
        assertThat(both.hasCoordinates()).isTrue();
        assertThat(both.address()).isEqualTo("莘松路123弄4号");
        // An address does not excuse half a position or a blank one.
        assertRejected(
                parser,
                (ObjectNode) complaint().put("address", "莘松路123弄4号").without("lon"),
                ReasonCodes.MISSING_FIELD);
        assertRejected(parser, addressOnly(" "), ReasonCodes.MISSING_FIELD);
        assertRejected(parser, addressOnly("路".repeat(201)), ReasonCodes.TOO_LARGE);
    }

    @Test
    void shouldRequireBothCoordinatesWhenOneIsGivenOnLaterStep() {
        assertRejected(parser, dispatched().put("lat", 31.11), ReasonCodes.MISSING_FIELD);
        assertRejected(parser, dispatched().put("lon", 121.38), ReasonCodes.MISSING_FIELD);
        assertRejected(
                parser, dispatched().putNull("lat").put("lon", 121.38), ReasonCodes.MISSING_FIELD);
    }

    @Test
    void shouldRequireIdsKindAndTime() {
        assertRejected(parser, complaint().without("eventId"), ReasonCodes.MISSING_FIELD);
        assertRejected(parser, complaint().without("caseId"), ReasonCodes.MISSING_FIELD);
        assertRejected(parser, complaint().without("kind"), ReasonCodes.MISSING_FIELD);
        assertRejected(parser, complaint().without("time"), ReasonCodes.MISSING_FIELD);
    }

    @Test
    void shouldRejectUnknownKind() {
        assertRejected(parser, complaint().put("kind", "ASSIGNED"), ReasonCodes.BAD_ENUM);
        assertRejected(parser, complaint().put("kind", "受理"), ReasonCodes.BAD_ENUM);
    }

    @Test
    void shouldRejectNoFixLocation() {
        assertRejected(parser, complaint().put("lat", 0).put("lon", 0), ReasonCodes.OUT_OF_RANGE);
        assertRejected(parser, dispatched().put("lat", 0).put("lon", 0), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldRejectLatitudeAbove90() {
        assertRejected(parser, complaint().put("lat", 91), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldAcceptTimeLimitFromOneMinuteToAYear() throws Exception {
        assertThat(parse(complaint().put("timeLimitMinutes", 1)).timeLimitMinutes()).isEqualTo(1);
        assertThat(parse(complaint().put("timeLimitMinutes", 527_040)).timeLimitMinutes())
                .isEqualTo(527_040);
        assertThat(parse(complaint().put("timeLimitMinutes", "240")).timeLimitMinutes())
                .isEqualTo(240);
    }

    @Test
    void shouldRejectTimeLimitOutsideOneMinuteToAYear() {
        assertRejected(parser, complaint().put("timeLimitMinutes", 0), ReasonCodes.OUT_OF_RANGE);
        assertRejected(
                parser, complaint().put("timeLimitMinutes", 527_041), ReasonCodes.OUT_OF_RANGE);
    }

    @Test
    void shouldRejectFractionalOrTextualTimeLimit() {
        assertRejected(parser, complaint().put("timeLimitMinutes", 90.5), ReasonCodes.WRONG_TYPE);
        assertRejected(
                parser, complaint().put("timeLimitMinutes", "two hours"), ReasonCodes.WRONG_TYPE);
    }

    @Test
    void shouldRejectStructuredTextFields() {
        ObjectNode n = complaint();
        n.putObject("category").put("code", "09006");
        assertRejected(parser, n, ReasonCodes.WRONG_TYPE);
        ObjectNode t = complaint();
        t.putArray("text").add("摊贩");
        assertRejected(parser, t, ReasonCodes.WRONG_TYPE);
    }

    @Test
    void shouldRejectTextOverTheConfiguredLimit() throws Exception {
        HotlineParser small = new HotlineParser(new ParseLimits(64 * 1024, FIVE_MIN, 10), CLOCK);
        assertThat(small.parse(bytes(complaint().put("text", "占道经营占道经营占道"))).text()).hasSize(10);
        assertRejected(small, complaint().put("text", "占道经营占道经营占道营"), ReasonCodes.TOO_LARGE);
    }

    @Test
    void shouldRejectTextOverTheDefault4000Characters() {
        assertRejected(parser, complaint().put("text", repeat('摊', 4001)), ReasonCodes.TOO_LARGE);
    }

    @Test
    void shouldRejectIdsAndCodesOverTheirLimits() {
        assertRejected(parser, complaint().put("eventId", repeat('E', 65)), ReasonCodes.TOO_LARGE);
        assertRejected(parser, complaint().put("caseId", repeat('C', 65)), ReasonCodes.TOO_LARGE);
        assertRejected(parser, complaint().put("channel", repeat('1', 33)), ReasonCodes.TOO_LARGE);
        assertRejected(parser, complaint().put("category", repeat('0', 65)), ReasonCodes.TOO_LARGE);
        assertRejected(parser, complaint().put("district", repeat('区', 65)), ReasonCodes.TOO_LARGE);
        assertRejected(parser, complaint().put("gridCode", repeat('3', 65)), ReasonCodes.TOO_LARGE);
        assertRejected(parser, complaint().put("spotId", repeat('S', 65)), ReasonCodes.TOO_LARGE);
    }

    @Test
    void shouldRejectFutureAndSecondsTimes() {
        assertRejected(
                parser,
                complaint().put("time", "2099-06-01T12:00:00+08:00"),
                ReasonCodes.FUTURE_TIME);
        assertRejected(parser, complaint().put("time", T / 1000), ReasonCodes.OUT_OF_RANGE);
    }
}

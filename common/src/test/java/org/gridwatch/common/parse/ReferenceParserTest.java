package org.gridwatch.common.parse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.model.ReasonCodes;
import org.gridwatch.common.model.ReferenceUpdate;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.common.parse.ParserTestSupport.*;

/** Every rule of ReferenceParser: kind and id, the op default, and payload requirements. */
class ReferenceParserTest {
    private static final long T = Instant.parse("2026-11-20T16:00:00Z").toEpochMilli();
    private static final String TRUCK =
            "{\"truckId\":\"013900000007\",\"plate\":\"沪W93266\",\"company\":\"申城建筑运输\"}";

    private final ReferenceParser parser = new ReferenceParser(ParseLimits.DEFAULTS, CLOCK);

    private static ObjectNode upsert() {
        return json(
                "{\"kind\":\"TRUCK\",\"id\":\"013900000007\",\"op\":\"UPSERT\",\"time\":\"2026-11-20T16:00:00Z\",\"payload\":"
                        + TRUCK
                        + "}");
    }

    private static ObjectNode delete() {
        return json(
                "{\"kind\":\"PERMIT\",\"id\":\"HZ-2026-MH-0311\",\"op\":\"DELETE\",\"time\":"
                        + T
                        + "}");
    }

    private ReferenceUpdate parse(ObjectNode node) throws InvalidInputException {
        return parser.parse(bytes(node));
    }

    @Test
    void shouldParseUpsertKeepingPayloadAsCompactJson() throws Exception {
        assertThat(parse(upsert()))
                .isEqualTo(new ReferenceUpdate("TRUCK", "013900000007", "UPSERT", T, TRUCK));
    }

    @Test
    void shouldParseDeleteWithoutPayload() throws Exception {
        assertThat(parse(delete()))
                .isEqualTo(new ReferenceUpdate("PERMIT", "HZ-2026-MH-0311", "DELETE", T, null));
    }

    @Test
    void shouldKeepPayloadOfDeleteWhenGiven() throws Exception {
        ObjectNode n = delete();
        n.putObject("payload").put("reason", "expired");
        assertThat(parse(n).payload()).isEqualTo("{\"reason\":\"expired\"}");
    }

    @Test
    void shouldDefaultOpToUpsert() throws Exception {
        assertThat(parse(upsert().without("op")).op()).isEqualTo("UPSERT");
        assertThat(parse(upsert().putNull("op")).op()).isEqualTo("UPSERT");
    }

    @Test
    void shouldUpperCaseKindAndOp() throws Exception {
        ReferenceUpdate u = parse(upsert().put("kind", "truck").put("op", "upsert"));
        assertThat(u.kind()).isEqualTo("TRUCK");
        assertThat(u.op()).isEqualTo("UPSERT");
        assertThat(parse(delete().put("op", "Delete")).op()).isEqualTo("DELETE");
    }

    @Test
    void shouldRefuseAKindNoJobApplies() {
        assertRejected(parser, upsert().put("kind", "camera_group"), ReasonCodes.UNKNOWN_KIND);
        assertRejected(parser, upsert().put("kind", "NUKE"), ReasonCodes.UNKNOWN_KIND);
        assertRejected(parser, delete().put("kind", "SPOT"), ReasonCodes.UNKNOWN_KIND);
    }

    @Test
    void shouldRefuseAnArrayPayload() {
        ObjectNode n = upsert();
        n.putArray("payload").addObject().put("type", "Feature");
        assertRejected(parser, n, ReasonCodes.BAD_REFERENCE);
    }

    @Test
    void shouldIgnoreUnknownFields() throws Exception {
        assertThat(parse(upsert().put("issuedBy", "ops-console"))).isEqualTo(parse(upsert()));
    }

    @Test
    void shouldRequirePayloadForUpsert() {
        assertRejected(parser, upsert().without("payload"), ReasonCodes.MISSING_FIELD);
        assertRejected(parser, upsert().putNull("payload"), ReasonCodes.MISSING_FIELD);
        assertRejected(
                parser,
                upsert().without(java.util.List.of("op", "payload")),
                ReasonCodes.MISSING_FIELD);
    }

    @Test
    void shouldRequireKindIdAndTime() {
        assertRejected(parser, upsert().without("kind"), ReasonCodes.MISSING_FIELD);
        assertRejected(parser, upsert().put("kind", " "), ReasonCodes.MISSING_FIELD);
        assertRejected(parser, upsert().without("id"), ReasonCodes.MISSING_FIELD);
        assertRejected(parser, upsert().without("time"), ReasonCodes.MISSING_FIELD);
    }

    @Test
    void shouldReportEmptyOpAsMissingField() {
        // documented oddity: a present but blank op is treated like a required field left empty
        assertRejected(parser, upsert().put("op", ""), ReasonCodes.MISSING_FIELD);
    }

    @Test
    void shouldRejectUnknownOp() {
        assertRejected(parser, upsert().put("op", "MERGE"), ReasonCodes.BAD_ENUM);
    }

    @Test
    void shouldRejectOpWithSurroundingBlanks() {
        // unlike the enum fields of the other topics, op is upper-cased but not trimmed
        assertRejected(parser, upsert().put("op", " upsert"), ReasonCodes.BAD_ENUM);
    }

    @Test
    void shouldRejectPayloadThatIsNotAnObjectOrArray() {
        assertRejected(parser, upsert().put("payload", TRUCK), ReasonCodes.WRONG_TYPE);
        assertRejected(parser, upsert().put("payload", 42), ReasonCodes.WRONG_TYPE);
        assertRejected(parser, upsert().put("payload", true), ReasonCodes.WRONG_TYPE);
    }

    @Test
    void shouldRejectStructuredKindOrId() {
        ObjectNode n = upsert();
        n.putArray("id").add("MH-SPOT-0007");
        assertRejected(parser, n, ReasonCodes.WRONG_TYPE);
    }

    @Test
    void shouldRejectKindOver32AndIdOver128Characters() throws Exception {
        ObjectNode longId = upsert().put("id", repeat('I', 128));
        ((ObjectNode) longId.get("payload"))
                .put("truckId", repeat('I', 128)); // the payload names the same truck
        assertThat(parse(longId).id()).hasSize(128);
        assertRejected(parser, upsert().put("kind", repeat('K', 33)), ReasonCodes.TOO_LARGE);
        assertRejected(parser, upsert().put("id", repeat('I', 129)), ReasonCodes.TOO_LARGE);
        assertRejected(parser, upsert().put("op", repeat('U', 17)), ReasonCodes.TOO_LARGE);
    }

    @Test
    void shouldRejectFutureAndSecondsTimes() {
        assertRejected(
                parser, upsert().put("time", "2099-01-01T00:00:00Z"), ReasonCodes.FUTURE_TIME);
        assertRejected(parser, upsert().put("time", T / 1000), ReasonCodes.OUT_OF_RANGE);
        assertRejected(parser, upsert().put("time", false), ReasonCodes.WRONG_TYPE);
    }

    @Test
    void shouldDeadLetterAnUpdateWhosePayloadNamesAnotherObject() {
        assertRejected(parser, upsert().put("id", "013900000008"), ReasonCodes.BAD_REFERENCE);
    }
}

package org.gridwatch.common.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import org.gridwatch.common.model.AlertStatus;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.CaseEventKind;
import org.gridwatch.common.model.EntityType;
import org.gridwatch.common.model.IotEventKind;
import org.gridwatch.common.model.ReasonCodes;
import org.gridwatch.common.model.Severity;
import org.gridwatch.common.parse.GpsParser;
import org.gridwatch.common.parse.HotlineParser;
import org.gridwatch.common.parse.InvalidInputException;
import org.gridwatch.common.parse.IotParser;
import org.gridwatch.common.parse.ParseLimits;
import org.gridwatch.common.parse.RecordParser;
import org.gridwatch.common.parse.ReferenceParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The topic schemas in schemas/topics and the parsers agree: every valid example passes both, every
 * invalid example is refused by the parser with exactly its listed reason code and, unless the line
 * says {@code "schemaRejects": false}, by the schema too.
 *
 * <p>Failures JSON Schema cannot express (the lines marked {@code "schemaRejects": false}): a time
 * in the future (relative to now), a time before 2000 written as a date-time string, lmax below
 * laeq (compares two fields), range and whole-number checks on numbers sent as strings, and the
 * size limit of the whole record (bytes). For those the test asserts that the schema does accept
 * the record, so the marks cannot go stale.
 */
class TopicSchemaContractTest {
    /** Every example's time lies before this; "2099" lies after it. */
    static final long NOW = Instant.parse("2026-11-22T08:00:00Z").toEpochMilli();

    static final List<String> INPUT_TOPICS =
            List.of("gridwatch.gps", "gridwatch.hotline", "gridwatch.iot", "gridwatch.reference");
    static final List<String> ALL_TOPICS =
            List.of(
                    "gridwatch.gps",
                    "gridwatch.hotline",
                    "gridwatch.iot",
                    "gridwatch.reference",
                    "gridwatch.alerts",
                    "gridwatch.deadletter");

    /**
     * What each input parser can produce and an example can show (late_event and es_rejected come
     * from later stages; bad_encoding cannot be written as a JSON string, StrictInputTest covers
     * it).
     */
    static final Set<String> PARSER_REASON_CODES =
            Set.of(
                    ReasonCodes.BAD_JSON,
                    ReasonCodes.NOT_AN_OBJECT,
                    ReasonCodes.MISSING_FIELD,
                    ReasonCodes.WRONG_TYPE,
                    ReasonCodes.OUT_OF_RANGE,
                    ReasonCodes.BAD_ENUM,
                    ReasonCodes.FUTURE_TIME,
                    ReasonCodes.TOO_LARGE,
                    ReasonCodes.DUPLICATE_KEY,
                    ReasonCodes.BAD_ID);

    static RecordParser<?> parser(String topic) {
        LongSupplier clock = () -> NOW;
        return switch (topic) {
            case "gridwatch.gps" -> new GpsParser(ParseLimits.DEFAULTS, clock);
            case "gridwatch.hotline" -> new HotlineParser(ParseLimits.DEFAULTS, clock);
            case "gridwatch.iot" -> new IotParser(ParseLimits.DEFAULTS, clock);
            case "gridwatch.reference" -> new ReferenceParser(ParseLimits.DEFAULTS, clock);
            default -> throw new IllegalArgumentException(topic);
        };
    }

    static Stream<Arguments> validExamples() {
        return INPUT_TOPICS.stream()
                .flatMap(
                        topic ->
                                numbered(
                                        topic, TopicSchemas.exampleLines(topic + ".valid.ndjson")));
    }

    static Stream<Arguments> invalidExamples() {
        return INPUT_TOPICS.stream()
                .flatMap(
                        topic ->
                                numbered(
                                        topic,
                                        TopicSchemas.exampleLines(topic + ".invalid.ndjson")));
    }

    private static Stream<Arguments> numbered(String topic, List<String> lines) {
        List<Arguments> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add(Arguments.of(topic, i + 1, lines.get(i)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "gridwatch.gps",
                "gridwatch.hotline",
                "gridwatch.iot",
                "gridwatch.reference",
                "gridwatch.alerts",
                "gridwatch.deadletter"
            })
    void shouldBeAValidDraft202012SchemaWithADescribedProperty(String topic) {
        JsonNode node = TopicSchemas.schemaNode(topic);
        JsonSchema meta =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(
                                SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        assertThat(meta.validate(node)).as("%s against the 2020-12 meta-schema", topic).isEmpty();
        assertThat(node.path("$schema").asText())
                .isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(TopicSchemas.schema(topic)).isNotNull();
        List<String> undescribed = new ArrayList<>();
        node.path("properties")
                .fields()
                .forEachRemaining(
                        e -> {
                            if (!e.getValue().path("description").isTextual()) {
                                undescribed.add(e.getKey());
                            }
                        });
        assertThat(undescribed).as("properties of %s without a description", topic).isEmpty();
    }

    @Test
    void shouldHaveExamplesForEveryInputTopic() {
        for (String topic : INPUT_TOPICS) {
            assertThat(TopicSchemas.exampleLines(topic + ".valid.ndjson"))
                    .as(topic)
                    .hasSizeGreaterThanOrEqualTo(5);
            assertThat(TopicSchemas.exampleLines(topic + ".invalid.ndjson"))
                    .as(topic)
                    .hasSizeGreaterThanOrEqualTo(10);
        }
    }

    @ParameterizedTest(name = "{0} valid line {1}")
    @MethodSource("validExamples")
    void shouldAcceptValidExampleInSchemaAndParser(String topic, int line, String record)
            throws Exception {
        assertThat(TopicSchemas.validate(TopicSchemas.schema(topic), record))
                .as("schema errors for %s valid line %d", topic, line)
                .isEmpty();
        assertThat(parser(topic).parse(record.getBytes(StandardCharsets.UTF_8))).isNotNull();
    }

    @ParameterizedTest(name = "{0} invalid line {1}")
    @MethodSource("invalidExamples")
    void shouldRejectInvalidExampleWithListedReasonCode(String topic, int line, String example)
            throws IOException {
        JsonNode ex = TopicSchemas.STRICT.readTree(example);
        String expected = ex.path("reasonCode").asText();
        String record = ex.path("record").asText();
        String note = ex.path("note").asText();
        assertThat(ex.path("record").isTextual()).as("record must be a JSON string").isTrue();

        InvalidInputException e =
                catchThrowableOfType(
                        InvalidInputException.class,
                        () -> parser(topic).parse(record.getBytes(StandardCharsets.UTF_8)));
        assertThat(e)
                .as("%s invalid line %d (%s) must be refused by the parser", topic, line, note)
                .isNotNull();
        assertThat(e.reasonCode())
                .as("%s invalid line %d (%s): %s", topic, line, note, e.getMessage())
                .isEqualTo(expected);

        boolean schemaRejects = ex.path("schemaRejects").asBoolean(true);
        var errors = TopicSchemas.validate(TopicSchemas.schema(topic), record);
        if (schemaRejects) {
            assertThat(errors)
                    .as("%s invalid line %d (%s) must be refused by the schema", topic, line, note)
                    .isNotEmpty();
        } else {
            assertThat(errors)
                    .as(
                            "%s invalid line %d (%s) is marked as not expressible in JSON Schema; the schema accepts it",
                            topic, line, note)
                    .isEmpty();
        }
    }

    @Test
    void shouldCoverEveryParserReasonCodeInEachTopicsInvalidExamples() throws IOException {
        for (String topic : INPUT_TOPICS) {
            Set<String> covered = new TreeSet<>();
            for (String line : TopicSchemas.exampleLines(topic + ".invalid.ndjson")) {
                covered.add(TopicSchemas.STRICT.readTree(line).path("reasonCode").asText());
            }
            Set<String> expected = new TreeSet<>(PARSER_REASON_CODES);
            if (topic.equals("gridwatch.reference")) {
                expected.addAll(
                        List.of(
                                ReasonCodes.BAD_REFERENCE,
                                ReasonCodes.BAD_GEOMETRY,
                                ReasonCodes.UNKNOWN_KIND,
                                ReasonCodes.UNKNOWN_RULE,
                                ReasonCodes.BAD_RULE));
            }
            assertThat(covered).as(topic).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void shouldListExactlyTheModelEnumsInTheSchemas() {
        assertThat(enumOf("gridwatch.gps", "entityType"))
                .containsExactlyElementsOf(names(EntityType.values()));
        assertThat(enumOf("gridwatch.hotline", "kind"))
                .containsExactlyElementsOf(names(CaseEventKind.values()));
        assertThat(enumOf("gridwatch.iot", "kind"))
                .containsExactlyElementsOf(names(IotEventKind.values()));
        List<String> violations = new ArrayList<>();
        TopicSchemas.schemaNode("gridwatch.iot")
                .path("properties")
                .path("violation")
                .path("anyOf")
                .path(0)
                .path("enum")
                .forEach(v -> violations.add(v.asText()));
        assertThat(violations)
                .containsExactlyElementsOf(
                        names(org.gridwatch.common.model.ShopViolation.values()));
        assertThat(enumOf("gridwatch.alerts", "type"))
                .containsExactlyElementsOf(names(AlertType.values()));
        assertThat(enumOf("gridwatch.alerts", "status"))
                .containsExactlyElementsOf(names(AlertStatus.values()));
        assertThat(enumOf("gridwatch.alerts", "severity"))
                .containsExactlyElementsOf(names(Severity.values()));
        assertThat(enumOf("gridwatch.deadletter", "reasonCode"))
                .containsExactlyInAnyOrderElementsOf(reasonCodeConstants());
    }

    @Test
    void shouldDescribeEveryFieldOfTheOutputRecordsAndRequireThem() {
        assertThat(required("gridwatch.deadletter"))
                .containsExactlyElementsOf(
                        componentNames(org.gridwatch.common.model.DeadLetter.class));
        List<String> alertFields =
                new ArrayList<>(componentNames(org.gridwatch.common.model.Alert.class));
        // lat and lon are published together as a nullable location object
        alertFields.set(alertFields.indexOf("lat"), "location");
        alertFields.remove("lon");
        assertThat(required("gridwatch.alerts")).containsExactlyElementsOf(alertFields);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gridwatch.gps", "gridwatch.iot"})
    void shouldTolerateLowerCaseEnumInParserWhileSchemaListsUpperCase(String topic)
            throws Exception {
        String record =
                TopicSchemas.exampleLines(topic + ".valid.ndjson")
                        .get(0)
                        .replace("\"TRUCK\"", "\" truck \"")
                        .replace("\"STALL_DETECTED\"", "\"stall_detected\"");

        assertThat(parser(topic).parse(record.getBytes(StandardCharsets.UTF_8))).isNotNull();
        assertThat(TopicSchemas.validate(TopicSchemas.schema(topic), record))
                .as("producers must send the upper-case value")
                .isNotEmpty();
    }

    @Test
    void shouldAcceptHandWrittenAlertExamples() {
        JsonSchema schema = TopicSchemas.schema("gridwatch.alerts");
        for (String line : TopicSchemas.exampleLines("gridwatch.alerts.valid.ndjson")) {
            assertThat(TopicSchemas.validate(schema, line)).as(line).isEmpty();
        }
    }

    @Test
    void shouldAcceptAlertsPublishedFromTheModel() throws Exception {
        JsonSchema schema = TopicSchemas.schema("gridwatch.alerts");
        for (var alert : ContractJson.sampleAlerts()) {
            String json = TopicSchemas.STRICT.writeValueAsString(ContractJson.alert(alert));
            assertThat(TopicSchemas.validate(schema, json)).as(json).isEmpty();
        }
    }

    @Test
    void shouldRefuseAlertWithUnknownTypeOrNegativeRevision() throws Exception {
        JsonSchema schema = TopicSchemas.schema("gridwatch.alerts");
        var json = ContractJson.alert(ContractJson.sampleAlerts().get(0));
        assertThat(
                        TopicSchemas.validate(
                                schema, json.deepCopy().put("type", "TRUCK_SPEEDING").toString()))
                .isNotEmpty();
        assertThat(TopicSchemas.validate(schema, json.deepCopy().put("revision", -1).toString()))
                .isNotEmpty();
        assertThat(
                        TopicSchemas.validate(
                                schema,
                                json.deepCopy().put("eventTime", 1795313112000L).toString()))
                .isNotEmpty();
    }

    @Test
    void shouldTurnEveryInvalidExampleIntoASchemaValidDeadLetter() throws Exception {
        JsonSchema schema = TopicSchemas.schema("gridwatch.deadletter");
        int checked = 0;
        for (String topic : INPUT_TOPICS) {
            List<String> lines = TopicSchemas.exampleLines(topic + ".invalid.ndjson");
            for (int i = 0; i < lines.size(); i++) {
                String record = TopicSchemas.STRICT.readTree(lines.get(i)).path("record").asText();
                byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
                InvalidInputException e =
                        catchThrowableOfType(
                                InvalidInputException.class, () -> parser(topic).parse(bytes));
                var dl = ContractJson.deadLetter(topic, 3, 1000L + i, "key-" + i, bytes, e, NOW);
                assertThat(
                                TopicSchemas.validate(
                                        schema, TopicSchemas.STRICT.writeValueAsString(dl)))
                        .as("%s line %d", topic, i + 1)
                        .isEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void shouldKeepNonTextBytesAsBase64InDeadLetter() throws Exception {
        JsonSchema schema = TopicSchemas.schema("gridwatch.deadletter");
        byte[] bytes = {(byte) 0x7e, 0x02, 0x00, (byte) 0xff, (byte) 0xfe, 0x7e};
        InvalidInputException e =
                catchThrowableOfType(
                        InvalidInputException.class, () -> parser("gridwatch.gps").parse(bytes));
        var dl = ContractJson.deadLetter("gridwatch.gps", -1, -1, null, bytes, e, NOW);

        assertThat(dl.path("originalEncoding").asText()).isEqualTo("base64");
        assertThat(dl.path("reasonCode").asText()).isEqualTo(ReasonCodes.BAD_ENCODING);
        assertThat(TopicSchemas.validate(schema, dl.toString())).isEmpty();
        assertThat(
                        TopicSchemas.validate(
                                schema, dl.deepCopy().put("original", "not base64!").toString()))
                .isNotEmpty();
        assertThat(
                        TopicSchemas.validate(
                                schema, dl.deepCopy().put("reasonCode", "oops").toString()))
                .isNotEmpty();
    }

    @Test
    void shouldKeepADeadLetterOfAHugeRecordWithinOneKafkaRecord() throws Exception {
        JsonSchema schema = TopicSchemas.schema("gridwatch.deadletter");
        // An entity id of 500,000 quote characters: 1 MB in, every character escaped twice over in
        // JSON.
        String huge = "{\"entityId\":\"" + "\"".repeat(500_000) + "\"}";
        byte[] bytes = huge.getBytes(StandardCharsets.UTF_8);
        InvalidInputException e =
                catchThrowableOfType(
                        InvalidInputException.class, () -> parser("gridwatch.gps").parse(bytes));
        var dl = ContractJson.deadLetter("gridwatch.gps", 0, 7, "k", bytes, e, NOW);

        assertThat(dl.path("reasonCode").asText()).isEqualTo(ReasonCodes.TOO_LARGE);
        assertThat(dl.path("originalTruncated").asBoolean()).isTrue();
        assertThat(dl.path("originalLength").asLong()).isEqualTo(huge.length());
        assertThat(huge).startsWith(dl.path("original").asText());
        assertThat(TopicSchemas.STRICT.writeValueAsBytes(dl).length).isLessThan(1_000_000);
        assertThat(TopicSchemas.validate(schema, dl.toString())).isEmpty();
    }

    private static List<String> enumOf(String topic, String property) {
        List<String> values = new ArrayList<>();
        TopicSchemas.schemaNode(topic)
                .path("properties")
                .path(property)
                .path("enum")
                .forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> required(String topic) {
        List<String> values = new ArrayList<>();
        TopicSchemas.schemaNode(topic).path("required").forEach(v -> values.add(v.asText()));
        return values;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toList());
    }

    private static List<String> componentNames(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(c -> c.getName())
                .collect(Collectors.toList());
    }

    private static List<String> reasonCodeConstants() {
        Map<String, String> codes = new LinkedHashMap<>();
        for (Field f : ReasonCodes.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    codes.put(f.getName(), (String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return new ArrayList<>(codes.values());
    }
}

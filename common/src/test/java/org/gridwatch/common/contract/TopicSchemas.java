package org.gridwatch.common.contract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Loads the topic schemas and examples that common/pom.xml packages from ../schemas under {@code
 * /schemas/} on the classpath, and validates JSON text against them.
 */
final class TopicSchemas {
    /** Strict reading for the schema side: trailing tokens are an error, as in the parsers. */
    static final ObjectMapper STRICT =
            JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private static final JsonSchemaFactory FACTORY =
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    /** In 2020-12 "format" only annotates by default; the contract means it, so assert it. */
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private TopicSchemas() {}

    static JsonSchema schema(String topic) {
        try (InputStream in = resource("/schemas/topics/" + topic + ".schema.json")) {
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode schemaNode(String topic) {
        try (InputStream in = resource("/schemas/topics/" + topic + ".schema.json")) {
            return STRICT.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Validation messages for a raw record; a record that is not JSON at all yields one message,
     * since no schema can accept it.
     */
    static Set<ValidationMessage> validate(JsonSchema schema, String record) {
        JsonNode node;
        try {
            node = STRICT.readTree(record);
        } catch (IOException e) {
            return Set.of(
                    ValidationMessage.builder().message("not JSON: " + e.getMessage()).build());
        }
        if (node == null || node.isMissingNode()) {
            return Set.of(ValidationMessage.builder().message("no JSON value").build());
        }
        return schema.validate(node);
    }

    /** Non-empty lines of /schemas/examples/{name}. */
    static List<String> exampleLines(String name) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(
                                resource("/schemas/examples/" + name), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    static InputStream resource(String path) {
        InputStream in = TopicSchemas.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException(
                    path
                            + " is not on the classpath: common/pom.xml must package ../schemas as resources under schemas/");
        }
        return in;
    }
}

package org.gridwatch.common.parse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Fixed clock, JSON building and rejection assertions shared by the parser tests. */
final class ParserTestSupport {
    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    static final long NOW_MS = NOW.toEpochMilli();
    static final LongSupplier CLOCK = () -> NOW_MS;
    static final long FIVE_MIN = 5 * 60_000L;

    private static final ObjectMapper M = new ObjectMapper();

    private ParserTestSupport() {}

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) M.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(ObjectNode node) {
        return bytes(node.toString());
    }

    /** Asserts that parsing fails with exactly {@code reasonCode} and returns the exception. */
    static InvalidInputException assertRejected(
            RecordParser<?> parser, byte[] record, String reasonCode) {
        InvalidInputException e =
                catchThrowableOfType(InvalidInputException.class, () -> parser.parse(record));
        assertThat(e)
                .as(
                        "expected %s for %s",
                        reasonCode,
                        record == null ? "null" : new String(record, StandardCharsets.UTF_8))
                .isNotNull();
        assertThat(e.reasonCode()).as(e.getMessage()).isEqualTo(reasonCode);
        return e;
    }

    static InvalidInputException assertRejected(
            RecordParser<?> parser, ObjectNode record, String reasonCode) {
        return assertRejected(parser, bytes(record), reasonCode);
    }

    static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }
}

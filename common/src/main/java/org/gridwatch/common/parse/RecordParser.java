package org.gridwatch.common.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.gridwatch.common.model.ReasonCodes;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Turns the bytes of one Kafka record into one validated event, or says precisely why not.
 *
 * <p>Subclasses read fields through {@link JsonFields}; this class owns the checks every topic
 * shares: size limit, strict UTF-8 (no byte order mark, no malformed or overlong sequence: {@code
 * bad_encoding}), well-formed JSON, no key twice in one object ({@code duplicate_key}), a top-level
 * object, and the "not in the future" bound.
 *
 * <p>The bytes are decoded by a strict {@link java.nio.charset.CharsetDecoder} before Jackson sees
 * them: Jackson's own byte reader sniffs UTF-16 and UTF-32 from a BOM and read some invalid
 * sequences (the overlong {@code C0 AF} became {@code /}), so a record could mean something else to
 * GridWatch than to any other consumer of the topic.
 */
public abstract class RecordParser<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * Trailing tokens fail: without this, {@code {...}garbage} or two objects in one record parse
     * as the first object and the rest is silently lost.
     */
    private static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    // {"entityId":"T1","entityId":"T2"}: Jackson keeps the last, another reader the
                    // first.
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build();

    /**
     * The zone local times without an offset ({@code 2025-03-21 00:00:30}) are read in when no city
     * is known: GridWatch's cities are in China, which keeps one zone and no daylight saving time.
     */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private final ParseLimits limits;

    /**
     * Null means the system clock; a test clock is not serializable and only used outside Flink.
     */
    private final transient LongSupplier clock;

    /** The city's time zone: event times written as local time without an offset are read in it. */
    private final ZoneId zone;

    protected RecordParser(ParseLimits limits, LongSupplier clock) {
        this(limits, clock, DEFAULT_ZONE);
    }

    protected RecordParser(ParseLimits limits, LongSupplier clock, ZoneId zone) {
        this.limits = limits;
        this.clock = clock;
        this.zone = java.util.Objects.requireNonNull(zone, "zone");
    }

    /** The zone local event times are read in. */
    public ZoneId zone() {
        return zone;
    }

    private long now() {
        return clock == null ? System.currentTimeMillis() : clock.getAsLong();
    }

    public final T parse(byte[] value) throws InvalidInputException {
        if (value == null || value.length == 0) {
            throw new InvalidInputException(ReasonCodes.BAD_JSON, "empty record");
        }
        if (value.length > limits.maxRecordBytes()) {
            throw new InvalidInputException(
                    ReasonCodes.TOO_LARGE,
                    "record is "
                            + value.length
                            + " bytes, the limit is "
                            + limits.maxRecordBytes());
        }
        String text = strictUtf8(value);
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field")) {
                throw new InvalidInputException(
                        ReasonCodes.DUPLICATE_KEY,
                        message.toLowerCase(Locale.ROOT) + " in one object");
            }
            throw new InvalidInputException(ReasonCodes.BAD_JSON, "not valid JSON: " + message);
        } catch (IOException e) {
            throw new InvalidInputException(
                    ReasonCodes.BAD_JSON, "not readable: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            // only whitespace: readTree returns a missing node rather than failing
            throw new InvalidInputException(ReasonCodes.BAD_JSON, "record holds no JSON value");
        }
        if (!node.isObject()) {
            throw new InvalidInputException(
                    ReasonCodes.NOT_AN_OBJECT, "expected a JSON object, got " + node.getNodeType());
        }
        return read(new JsonFields(node, zone), now() + limits.maxFutureMs());
    }

    /**
     * The record as text, or {@code bad_encoding} naming the first byte that is not strict UTF-8.
     */
    static String strictUtf8(byte[] value) throws InvalidInputException {
        if (value.length >= 3
                && (value[0] & 0xFF) == 0xEF
                && (value[1] & 0xFF) == 0xBB
                && (value[2] & 0xFF) == 0xBF) {
            throw new InvalidInputException(
                    ReasonCodes.BAD_ENCODING,
                    "record starts with a UTF-8 byte order mark; send UTF-8 without one");
        }
        if (value.length >= 2
                && ((value[0] & 0xFF) == 0xFE && (value[1] & 0xFF) == 0xFF
                        || (value[0] & 0xFF) == 0xFF && (value[1] & 0xFF) == 0xFE)) {
            throw new InvalidInputException(
                    ReasonCodes.BAD_ENCODING,
                    "record starts with a UTF-16 byte order mark; only UTF-8 is accepted");
        }
        ByteBuffer in = ByteBuffer.wrap(value);
        try {
            String text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(in)
                            .toString();
            int nul = text.indexOf('\0');
            if (nul >= 0) {
                // JSON text never holds a raw NUL (it must be escaped); ASCII in UTF-16 or UTF-32
                // is full of them.
                throw new InvalidInputException(
                        ReasonCodes.BAD_ENCODING,
                        "a NUL byte at character " + nul + ": not UTF-8 text (UTF-16 or UTF-32?)");
            }
            return text;
        } catch (CharacterCodingException e) {
            // decode() leaves the buffer at the start of the offending sequence
            int at = in.position();
            throw new InvalidInputException(
                    ReasonCodes.BAD_ENCODING,
                    String.format(
                            Locale.ROOT,
                            "not UTF-8: malformed byte sequence at byte %d (0x%02X)",
                            at,
                            value[Math.min(at, value.length - 1)] & 0xFF));
        }
    }

    /**
     * Reads one event; {@code latestEventTime} is the latest event time accepted (now + tolerance).
     */
    abstract T read(JsonFields fields, long latestEventTime) throws InvalidInputException;

    protected ParseLimits limits() {
        return limits;
    }
}

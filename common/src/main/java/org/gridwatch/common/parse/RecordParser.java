package org.gridwatch.common.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Serializable;
import java.util.function.LongSupplier;

/**
 * Turns the bytes of one Kafka record into one validated event, or says precisely why not.
 *
 * <p>Subclasses read fields through {@link JsonFields}; this class owns the checks every topic shares:
 * size limit, well-formed JSON, a top-level object, and the "not in the future" bound.
 */
public abstract class RecordParser<T> implements Serializable {
    private static final long serialVersionUID = 1L;
    /**
     * Trailing tokens fail: without this, {@code {...}garbage} or two objects in one record parse as
     * the first object and the rest is silently lost.
     */
    private static final ObjectMapper MAPPER =
            JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final ParseLimits limits;
    /** Null means the system clock; a test clock is not serializable and only used outside Flink. */
    private final transient LongSupplier clock;

    protected RecordParser(ParseLimits limits, LongSupplier clock) {
        this.limits = limits;
        this.clock = clock;
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
                    "record is " + value.length + " bytes, the limit is " + limits.maxRecordBytes());
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(ReasonCodes.BAD_JSON, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException(ReasonCodes.BAD_JSON, "not readable: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            // only whitespace: readTree returns a missing node rather than failing
            throw new InvalidInputException(ReasonCodes.BAD_JSON, "record holds no JSON value");
        }
        if (!node.isObject()) {
            throw new InvalidInputException(
                    ReasonCodes.NOT_AN_OBJECT, "expected a JSON object, got " + node.getNodeType());
        }
        return read(new JsonFields(node), now() + limits.maxFutureMs());
    }

    /** Reads one event; {@code latestEventTime} is the latest event time accepted (now + tolerance). */
    abstract T read(JsonFields fields, long latestEventTime) throws InvalidInputException;

    protected ParseLimits limits() {
        return limits;
    }
}

package org.gridwatch.gateway.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts an ingest body into records without re-encoding them, so each record is checked by the jobs'
 * parser byte for byte as a Kafka producer would have sent it: NDJSON ({@code
 * application/x-ndjson}, one record a line, blank lines skipped, numbered by line) or JSON ({@code
 * application/json}: an array, each element a record numbered from 1, or anything else as one
 * record).
 */
public final class BatchSplitter {
    /** One record of a batch: its number (NDJSON line or array position, from 1) and bytes. */
    public record Item(int number, byte[] bytes) {}

    private static final JsonFactory FACTORY = new JsonFactory();

    private BatchSplitter() {}

    public static List<Item> split(byte[] body, String contentType) throws BadRequest {
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("application/x-ndjson")
                || type.startsWith("application/ndjson")
                || type.startsWith("application/jsonl")) {
            return lines(body);
        }
        if (type.startsWith("application/json")) {
            int first = firstNonBlank(body);
            return first >= 0 && body[first] == '['
                    ? arrayElements(body)
                    : List.of(new Item(1, body));
        }
        throw new BadRequest(
                415,
                null,
                "Content-Type must be application/x-ndjson (one record a line) or application/json (a record or an array of records)");
    }

    static List<Item> lines(byte[] body) {
        List<Item> items = new ArrayList<>();
        int start = 0;
        int line = 1;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                int end = i > start && body[i - 1] == '\r' ? i - 1 : i;
                byte[] record = Arrays.copyOfRange(body, start, end);
                if (firstNonBlank(record) >= 0) {
                    items.add(new Item(line, record));
                }
                start = i + 1;
                line++;
            }
        }
        return items;
    }

    /**
     * The bytes of each element of a top-level array; the array itself must be well-formed JSON.
     */
    static List<Item> arrayElements(byte[] body) throws BadRequest {
        List<Item> items = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(body)) {
            p.nextToken(); // START_ARRAY, checked by the caller
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new BadRequest(null, "the JSON array is not closed");
                }
                int from = (int) p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                p.finishToken(); // strings are read lazily: without this the end would be
                // just after the quote
                int to = (int) p.currentLocation().getByteOffset();
                items.add(new Item(items.size() + 1, Arrays.copyOfRange(body, from, to)));
            }
            if (p.nextToken() != null) {
                throw new BadRequest(null, "text follows the JSON array");
            }
        } catch (IOException e) {
            throw new BadRequest(
                    null,
                    "the body is not a well-formed JSON array (send NDJSON to have each line judged alone): "
                            + e.getMessage().lines().findFirst().orElse(""));
        }
        return items;
    }

    private static int firstNonBlank(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n') {
                return i;
            }
        }
        return -1;
    }
}

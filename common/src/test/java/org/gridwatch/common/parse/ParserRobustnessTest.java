package org.gridwatch.common.parse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.model.GpsPing;
import org.gridwatch.common.model.HotlineEvent;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.model.ReferenceUpdate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gridwatch.common.parse.ParserTestSupport.CLOCK;
import static org.gridwatch.common.parse.ParserTestSupport.FIVE_MIN;
import static org.gridwatch.common.parse.ParserTestSupport.NOW_MS;

/**
 * A parser never throws anything but InvalidInputException, whatever the bytes, and whatever it
 * accepts satisfies the parser's own invariants. Inputs: the valid examples of schemas/examples,
 * mutated at byte level and at value level with nasty tokens, plus random bytes. Seeded, so a
 * failure reproduces; the failing input is printed as base64.
 */
class ParserRobustnessTest {
    private static final long SEED = 20261122L;
    private static final int MUTATIONS_PER_TOPIC = 4000;
    private static final int RANDOM_RECORDS_PER_TOPIC = 1000;
    private static final ObjectMapper M = new ObjectMapper();
    private static final String HOLE = "@@FUZZ@@";
    private static final String PUNCTUATION = "{}[]\",:0-.eE\\ \u0000";

    private static final String[] FIELDS = {
        "entityId",
        "entityType",
        "time",
        "lat",
        "lon",
        "speed",
        "heading",
        "accuracy",
        "status",
        "alarm",
        "plate",
        "source",
        "eventId",
        "caseId",
        "kind",
        "channel",
        "category",
        "district",
        "gridCode",
        "timeLimitMinutes",
        "spotId",
        "text",
        "deviceId",
        "confidence",
        "laeq",
        "lmax",
        "interval",
        "id",
        "op",
        "payload"
    };

    private static final String[] TOKENS = {
        "null",
        "true",
        "false",
        "0",
        "-0",
        "-0.0",
        "1",
        "-1",
        "0.5",
        "360",
        "361",
        "1e400",
        "-1e400",
        "1e-400",
        "4294967296",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775809",
        "18446745773709551616",
        "9".repeat(900),
        "0." + "1".repeat(900),
        "1E2147483648",
        "\"\"",
        "\" \"",
        "\"NaN\"",
        "\"-Infinity\"",
        "\"0x1p3\"",
        "\"1e400\"",
        "\"12f\"",
        "\"  42  \"",
        "\"+300000000-01-01T00:00:00Z\"",
        "\"-999999999-01-01T00:00:00Z\"",
        "\"2026-11-22T07:00:00+18:00\"",
        "\"2026-11-22T07:00:00-18:01\"",
        "\"2026-11-22T24:00:00Z\"",
        "\"2099-01-01T00:00:00Z\"",
        "\"1999-12-31T23:59:59Z\"",
        "\"2026-11-22T07:00:00.123456789Z\"",
        "\"\\u0000\"",
        "\"\\ud800\"",
        "\"\\udc00\\ud800\"",
        "\"ﬃ\"",
        "\"truck\"",
        "\"ı\"",
        "\"received\"",
        "\"noise_reading\"",
        "\"delete\"",
        "\"upsert\"",
        "[]",
        "{}",
        "[1,2]",
        "{\"a\":{\"b\":[]}}",
        "[".repeat(900) + "]".repeat(900),
        "\"" + "x".repeat(5000) + "\"",
        "1.7E12",
        "1795334400000",
        "1795334700001",
        "946684799999"
    };

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "gridwatch.gps",
                "gridwatch.hotline",
                "gridwatch.iot",
                "gridwatch.reference"
            })
    void shouldOnlyEverThrowInvalidInputException(String topic) throws IOException {
        RecordParser<?> parser = parser(topic);
        List<String> seeds = validExamples(topic);
        Random random = new Random(SEED ^ topic.hashCode());
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        int rejected = 0;

        for (int i = 0; i < MUTATIONS_PER_TOPIC + RANDOM_RECORDS_PER_TOPIC; i++) {
            byte[] input;
            if (i >= MUTATIONS_PER_TOPIC) {
                input = randomBytes(random);
            } else {
                String seed = seeds.get(random.nextInt(seeds.size()));
                input =
                        random.nextBoolean()
                                ? mutateBytes(random, seed.getBytes(StandardCharsets.UTF_8))
                                : mutateValue(random, seed);
            }
            try {
                Object event = parser.parse(input);
                assertThat(event).isNotNull();
                checkInvariants(event);
                accepted++;
            } catch (InvalidInputException expected) {
                assertThat(expected.reasonCode()).isNotBlank();
                rejected++;
            } catch (Throwable t) {
                failures.add(t + " on base64 " + Base64.getEncoder().encodeToString(input));
            }
        }

        assertThat(failures)
                .as(
                        "inputs that made the %s parser fail otherwise than InvalidInputException",
                        topic)
                .isEmpty();
        // the mix must exercise both outcomes, or the mutations are too weak or too strong
        assertThat(accepted).as("accepted").isGreaterThan(100);
        assertThat(rejected).as("rejected").isGreaterThan(1000);
    }

    private static RecordParser<?> parser(String topic) {
        return switch (topic) {
            case "gridwatch.gps" -> new GpsParser(ParseLimits.DEFAULTS, CLOCK);
            case "gridwatch.hotline" -> new HotlineParser(ParseLimits.DEFAULTS, CLOCK);
            case "gridwatch.iot" -> new IotParser(ParseLimits.DEFAULTS, CLOCK);
            default -> new ReferenceParser(ParseLimits.DEFAULTS, CLOCK);
        };
    }

    private static void checkInvariants(Object event) {
        if (event instanceof GpsPing p) {
            checkTime(p.eventTime());
            checkPosition(p.lat(), p.lon(), false);
            assertThat(p.speedKmh()).isBetween(0.0, 250.0);
            assertThat(p.heading()).isBetween(0, 359);
            assertThat(p.entityId()).isNotBlank();
            assertThat(p.source()).isNotNull();
        } else if (event instanceof HotlineEvent h) {
            checkTime(h.eventTime());
            checkPosition(h.lat(), h.lon(), true);
            assertThat(h.eventId()).isNotBlank();
            assertThat(h.caseId()).isNotBlank();
        } else if (event instanceof IotEvent e) {
            checkTime(e.eventTime());
            // only an inspection naming its shop may come without a position
            checkPosition(
                    e.lat(),
                    e.lon(),
                    e.kind() == org.gridwatch.common.model.IotEventKind.SHOP_INSPECTION
                            && e.shopId() != null);
            if (e.kind() == org.gridwatch.common.model.IotEventKind.SHOP_VIOLATION) {
                assertThat(e.violation()).isNotNull();
            }
            if (e.laeqDb() != null && e.lmaxDb() != null) {
                assertThat(e.lmaxDb()).isGreaterThanOrEqualTo(e.laeqDb());
            }
        } else if (event instanceof ReferenceUpdate r) {
            checkTime(r.eventTime());
            assertThat(r.op()).isIn("UPSERT", "DELETE");
            if (r.op().equals("UPSERT")) {
                assertThat(r.payload()).isNotNull();
            }
        }
    }

    private static void checkTime(long t) {
        assertThat(t).isBetween(JsonFields.EARLIEST_EVENT_TIME, NOW_MS + FIVE_MIN);
    }

    private static void checkPosition(double lat, double lon, boolean nanAllowed) {
        if (nanAllowed && Double.isNaN(lat) && Double.isNaN(lon)) {
            return;
        }
        assertThat(lat).isBetween(-90.0, 90.0);
        assertThat(lon).isBetween(-180.0, 180.0);
        assertThat(lat == 0 && lon == 0).as("(0, 0) accepted").isFalse();
    }

    private static byte[] mutateBytes(Random r, byte[] in) {
        byte[] b = in.clone();
        int n = 1 + r.nextInt(4);
        for (int k = 0; k < n && b.length > 0; k++) {
            int pos = r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0 -> b[pos] = (byte) r.nextInt(256);
                case 1 -> b[pos] = (byte) PUNCTUATION.charAt(r.nextInt(PUNCTUATION.length()));
                case 2 -> b = java.util.Arrays.copyOf(b, pos); // truncate
                case 3 -> { // delete a range
                    int len = Math.min(b.length - pos, 1 + r.nextInt(8));
                    byte[] c = new byte[b.length - len];
                    System.arraycopy(b, 0, c, 0, pos);
                    System.arraycopy(b, pos + len, c, pos, b.length - pos - len);
                    b = c;
                }
                case 4 -> { // duplicate a range
                    int len = Math.min(b.length - pos, 1 + r.nextInt(16));
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, pos + len);
                    System.arraycopy(b, pos, c, pos + len, b.length - pos);
                    b = c;
                }
                default -> b[pos] ^= (byte) (1 << r.nextInt(8));
            }
        }
        return b;
    }

    private static byte[] mutateValue(Random r, String seed) throws IOException {
        ObjectNode node = (ObjectNode) M.readTree(seed);
        int n = 1 + r.nextInt(3);
        List<String> tokens = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            String field =
                    r.nextInt(3) == 0
                            ? FIELDS[r.nextInt(FIELDS.length)]
                            : randomExistingField(r, node);
            if (r.nextInt(6) == 0) {
                node.remove(field);
            } else {
                node.put(field, HOLE + k);
                tokens.add(TOKENS[r.nextInt(TOKENS.length)]);
            }
        }
        String text = node.toString();
        for (int k = 0; k < n; k++) {
            if (text.contains("\"" + HOLE + k + "\"")) {
                text =
                        text.replace(
                                "\"" + HOLE + k + "\"",
                                tokens.isEmpty() ? "null" : tokens.remove(0));
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String randomExistingField(Random r, ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names.get(r.nextInt(names.size()));
    }

    private static byte[] randomBytes(Random r) {
        byte[] b = new byte[r.nextInt(300)];
        if (r.nextBoolean()) {
            r.nextBytes(b);
        } else {
            String alphabet = "{}[]\":,0123456789.-+eEtrufalsn \\u\t\nabc";
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
            }
            if (b.length > 1) {
                b[0] = '{';
            }
        }
        return b;
    }

    private static List<String> validExamples(String topic) throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in =
                ParserRobustnessTest.class.getResourceAsStream(
                        "/schemas/examples/" + topic + ".valid.ndjson")) {
            assertThat(in).as("schemas/examples on the test classpath").isNotNull();
            BufferedReader reader =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }
}

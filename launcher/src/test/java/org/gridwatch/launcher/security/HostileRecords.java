package org.gridwatch.launcher.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The records of {@link HostileInputITCase}: valid events of the four input topics, and hostile
 * ones, each with the reason it must be dead-lettered for. Event times of valid events grow with
 * their sequence number, so every partition receives them in event-time order (none is late).
 */
final class HostileRecords {
    /** 2026-11-22T00:00:00Z: well after 2000, well before the machine's clock. */
    static final long T0 = 1_795_305_600_000L;

    /** A record for one topic, and the dead-letter reason it must get (null: a valid event). */
    record Planned(String topic, byte[] value, String reason) {}

    private final String run;

    HostileRecords(String run) {
        this.run = run;
    }

    private static String iso(long ms) {
        return java.time.Instant.ofEpochMilli(ms).toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static double lat(int i) {
        return 31.05 + (i % 1000) * 0.0001;
    }

    private static double lon(int i) {
        return 121.30 + (i % 997) * 0.0001;
    }

    String officerOf(int i) {
        return run + "-o" + i % 2_000;
    }

    String ping(int i, long t) {
        return String.format(
                Locale.ROOT,
                "{\"entityId\":\"%s\",\"entityType\":\"OFFICER\",\"time\":\"%s\",\"lat\":%.5f,\"lon\":%.5f,\"speed\":4}",
                officerOf(i),
                iso(t),
                lat(i),
                lon(i));
    }

    /**
     * A complaint; one in four carries HTML in its text, which is free text: kept as sent, escaped
     * by whatever shows it.
     */
    String complaint(int i, long t) {
        String text =
                i % 4 == 0
                        ? "<script>alert('" + i + "')</script><img src=x onerror=alert(1)>占道经营"
                        : "流动摊贩占道经营 " + i;
        return String.format(
                Locale.ROOT,
                "{\"eventId\":\"%s-e%d\",\"caseId\":\"%s-c%d\",\"kind\":\"RECEIVED\",\"time\":\"%s\",\"channel\":\"12345\","
                        + "\"category\":\"09006\",\"lat\":%.5f,\"lon\":%.5f,\"text\":%s}",
                run,
                i,
                run,
                i,
                iso(t),
                lat(i),
                lon(i),
                org.gridwatch.common.json.Json.MAPPER.valueToTree(text).toString());
    }

    String noise(int i, long t) {
        return String.format(
                Locale.ROOT,
                "{\"deviceId\":\"%s-n%d\",\"kind\":\"NOISE_READING\",\"time\":\"%s\",\"lat\":%.5f,\"lon\":%.5f,\"laeq\":%d,\"lmax\":%d}",
                run,
                i % 300,
                iso(t),
                lat(i),
                lon(i),
                45 + i % 20,
                70 + i % 10);
    }

    String reference(int i, long t) {
        return i % 2 == 0
                ? String.format(
                        Locale.ROOT,
                        "{\"kind\":\"TRUCK\",\"id\":\"%s-t%d\",\"time\":\"%s\",\"payload\":{\"truckId\":\"%s-t%d\",\"plate\":\"沪A%05d\"}}",
                        run,
                        i,
                        iso(t),
                        run,
                        i,
                        i % 100_000)
                : String.format(
                        Locale.ROOT,
                        "{\"kind\":\"RULE\",\"id\":\"truck.corridorM\",\"time\":\"%s\",\"payload\":{\"value\":%d}}",
                        iso(t),
                        80 + i % 50);
    }

    /**
     * The n-th hostile record (cycling through every kind of hostility the issue lists) for {@code
     * topic}.
     */
    Planned hostile(String topic, String kind, int n, long t) {
        String valid =
                switch (kind) {
                    case "gps" -> ping(n, t);
                    case "hotline" -> complaint(n, t);
                    case "iot" -> noise(n, t);
                    default -> reference(n, t);
                };
        int variant = Math.floorMod(n, kind.equals("reference") ? 22 : 17);
        return switch (variant) {
            case 0 -> new Planned(topic, utf8(valid.substring(0, valid.length() / 2)), "bad_json");
            case 1 -> new Planned(topic, utf8("[".repeat(5_000) + "]".repeat(5_000)), "bad_json");
            case 2 ->
                    new Planned(
                            topic,
                            utf8("{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000)),
                            "bad_json");
            case 3 ->
                    new Planned(
                            topic,
                            utf8(
                                    valid.replace("\"time\":\"", "\"time\":{\"at\":\"")
                                            .replace("Z\",", "Z\"},")),
                            "wrong_type");
            case 4 ->
                    new Planned(
                            topic,
                            utf8(
                                    valid.replaceFirst(
                                            "\"time\":\"[^\"]*\"",
                                            "\"time\":\""
                                                    + iso(T0 + 400L * 365 * 86_400_000L)
                                                    + "\"")),
                            "future_time");
            case 5 ->
                    new Planned(
                            topic,
                            utf8(
                                    valid.replaceFirst(
                                            "\"time\":\"[^\"]*\"",
                                            "\"time\":\"1970-01-01T00:00:00Z\"")),
                            "out_of_range");
            case 6 ->
                    new Planned(
                            topic,
                            concat(
                                    utf8("{\"x\":\""),
                                    new byte[] {(byte) 0xC0, (byte) 0xAF},
                                    utf8("\"," + valid.substring(1))),
                            "bad_encoding");
            case 7 ->
                    new Planned(
                            topic,
                            concat(
                                    new byte[] {(byte) 0xFE, (byte) 0xFF},
                                    valid.getBytes(StandardCharsets.UTF_16BE)),
                            "bad_encoding");
            case 8 ->
                    new Planned(
                            topic,
                            utf8(
                                    valid.replace(
                                            "\"time\":",
                                            "\"time\":\"2026-11-22T00:00:00Z\",\"time\":")),
                            "duplicate_key");
            case 9 ->
                    new Planned(
                            topic,
                            utf8(
                                    valid.replaceFirst(
                                            "(\"(entityId|eventId|deviceId|id)\":\")",
                                            "$1\\\\u0000")),
                            "bad_id");
            // Strings of 1 MB in the first records, a little over the 64 KB record limit now and
            // then later (every one of them passes the broker twice, as input and as dead letter),
            // else a boolean time.
            case 10 ->
                    n < 100 || n / 17 % 20 == 0
                            ? new Planned(
                                    topic,
                                    utf8(
                                            "{\"pad\":\""
                                                    + "x".repeat(n < 100 ? 1_000_000 : 66_000)
                                                    + "\","
                                                    + valid.substring(1)),
                                    "too_large")
                            : new Planned(
                                    topic,
                                    utf8(valid.replace("\"time\":\"", "\"time\":true,\"at\":\"")),
                                    "wrong_type");
            case 11 -> new Planned(topic, utf8("\"" + run + "\""), "not_an_object");
            case 12 -> new Planned(topic, utf8("{\"note\":\"" + run + "\"}"), "missing_field");
            default ->
                    kind.equals("reference")
                            ? referenceHostile(variant, n, t)
                            : eventHostile(kind, variant, n, t);
        };
    }

    /** NaN, 1e309, out-of-range and (0, 0) positions for the events that have one. */
    private Planned eventHostile(String kind, int variant, int n, long t) {
        String topic = kind;
        String valid =
                switch (kind) {
                    case "gps" -> ping(n, t);
                    case "hotline" -> complaint(n, t);
                    default -> noise(n, t);
                };
        String latField = "\"lat\":" + String.format(Locale.ROOT, "%.5f", lat(n));
        return switch (variant) {
            case 13 -> new Planned(topic, utf8(valid.replace(latField, "\"lat\":NaN")), "bad_json");
            case 14 ->
                    new Planned(
                            topic, utf8(valid.replace(latField, "\"lat\":1e309")), "out_of_range");
            case 15 ->
                    new Planned(
                            topic, utf8(valid.replace(latField, "\"lat\":91.5")), "out_of_range");
            default ->
                    new Planned(
                            topic,
                            utf8(
                                    valid.replace(latField, "\"lat\":0")
                                            .replaceFirst("\"lon\":[0-9.]+", "\"lon\":0")),
                            "out_of_range");
        };
    }

    /** Invalid geometry, unknown kinds and absurd rules. */
    private Planned referenceHostile(int variant, int n, long t) {
        String time = "\"time\":\"" + iso(t) + "\"";
        String zoneProps =
                "\"properties\":{\"zoneId\":\"PZ"
                        + n
                        + "\",\"kind\":\"PROHIBITED_TRUCK\",\"name\":\"x\",\"closedFrom\":\"00:00\",\"closedTo\":\"23:59\"}";
        return switch (variant) {
            case 13 ->
                    planned(
                            "{\"kind\":\"ZONE\",\"id\":\"PZ"
                                    + n
                                    + "\","
                                    + time
                                    + ",\"payload\":{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\","
                                    + "\"coordinates\":[[[121.30,31.05],[121.50,31.25],[121.50,31.05],[121.30,31.25],[121.30,31.05]]]},"
                                    + zoneProps
                                    + "}}",
                            "bad_geometry");
            case 14 ->
                    planned(
                            "{\"kind\":\"PERMIT\",\"id\":\"ZY"
                                    + n
                                    + "\","
                                    + time
                                    + ",\"payload\":{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\","
                                    + "\"coordinates\":"
                                    + line(2_500)
                                    + "},\"properties\":{\"permitId\":\"ZY"
                                    + n
                                    + "\",\"truckId\":\"T1\",\"plate\":\"p\",\"validFrom\":\"2026-11-01\","
                                    + "\"validTo\":\"2026-12-31\",\"hoursFrom\":\"20:00\",\"hoursTo\":\"06:00\",\"sourceSiteId\":\"S\",\"disposalSiteId\":\"D\"}}}",
                            "bad_geometry");
            case 15 ->
                    planned(
                            "{\"kind\":\"ZONE\",\"id\":\"PZ"
                                    + n
                                    + "\","
                                    + time
                                    + ",\"payload\":{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\","
                                    + "\"coordinates\":[[[0,0],[0.01,0],[0.01,0.01],[0,0]]]},"
                                    + zoneProps
                                    + "}}",
                            "bad_geometry");
            case 16 ->
                    planned(
                            "{\"kind\":\"NUKE\",\"id\":\""
                                    + run
                                    + "-"
                                    + n
                                    + "\","
                                    + time
                                    + ",\"payload\":{\"yield\":\"50kt\"}}",
                            "unknown_kind");
            case 17 ->
                    planned(
                            "{\"kind\":\"RULE\",\"id\":\"truck.corridorM\","
                                    + time
                                    + ",\"payload\":{\"value\":-100}}",
                            "bad_rule");
            case 18 ->
                    planned(
                            "{\"kind\":\"RULE\",\"id\":\"truck.signalLostAfter\","
                                    + time
                                    + ",\"payload\":{\"value\":\"3650d\"}}",
                            "bad_rule");
            case 19 ->
                    planned(
                            "{\"kind\":\"RULE\",\"id\":\"truck\","
                                    + time
                                    + ",\"payload\":{\"speedLimitKmh\":1e308}}",
                            "bad_rule");
            case 20 ->
                    planned(
                            "{\"kind\":\"RULE\",\"id\":\"truck.corridorMeters\","
                                    + time
                                    + ",\"payload\":{\"value\":100}}",
                            "unknown_rule");
            default ->
                    planned(
                            "{\"kind\":\"GRID\",\"id\":\"G"
                                    + n
                                    + "\","
                                    + time
                                    + ",\"payload\":{\"type\":\"Feature\",\"properties\":{\"note\":\"<b>"
                                    + run
                                    + "</b>\"}}}",
                            "bad_reference");
        };
    }

    private Planned planned(String json, String reason) {
        return new Planned("reference", utf8(json), reason);
    }

    private static String line(int vertices) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (int i = 0; i < vertices; i++) {
            j.add(
                    String.format(
                            Locale.ROOT,
                            "[%.5f,%.5f]",
                            121.3 + i * 0.00004,
                            31.1 + (i % 2) * 0.00002));
        }
        return j.toString();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}

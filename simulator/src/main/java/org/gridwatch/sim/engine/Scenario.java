package org.gridwatch.sim.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.json.Json;
import org.gridwatch.sim.city.CitySize;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * What to simulate: the city, the time span, and the realism knobs. Loaded from a JSON file (see
 * the README's "Scenario files"); every field is optional and falls back to the default scenario's
 * value.
 *
 * @param start first simulated instant, or null to let the command choose (the demo picks yesterday
 *     19:30 local)
 * @param gpsNoiseMeters standard deviation of the horizontal GPS error added to every ping
 * @param outOfOrderFraction share of events delayed by up to {@code outOfOrderMaxSeconds} (within
 *     the watermark bound)
 * @param lateFraction share of events delayed by {@code lateSeconds} (behind the watermark:
 *     dead-lettered as late)
 * @param duplicateFraction share of events sent twice
 * @param malformedFraction share of events followed by a corrupt copy of themselves (dead-lettered
 *     with a reason)
 * @param violations injection rate per alert type id (see the README's "Scenario files" for what
 *     each rate is a share of); a type not listed is never injected
 * @param nearMisses share of permitted trucks with no violation planned that come close to one rule
 *     on one trip without breaking it (a short detour, a short stop, a short silence, a brief burst
 *     of speed); these must raise nothing, so they measure false alarms
 * @param gpsArtefacts faults of real truck terminals added to the truck pings written (never to the
 *     truth); {@link GpsArtefacts#NONE} by default
 */
public record Scenario(
        String name,
        long seed,
        Instant start,
        int durationMinutes,
        String citySize,
        double gpsNoiseMeters,
        int officerPingSeconds,
        int truckPingSeconds,
        int parkedPingSeconds,
        int noiseIntervalSeconds,
        double outOfOrderFraction,
        int outOfOrderMaxSeconds,
        double lateFraction,
        int lateSeconds,
        double duplicateFraction,
        double malformedFraction,
        Map<String, Double> violations,
        double nearMisses,
        GpsArtefacts gpsArtefacts) {

    private static final Set<String> FIELDS =
            Set.of(
                    "nearMisses",
                    "name",
                    "seed",
                    "start",
                    "durationMinutes",
                    "citySize",
                    "gpsNoiseMeters",
                    "officerPingSeconds",
                    "truckPingSeconds",
                    "parkedPingSeconds",
                    "noiseIntervalSeconds",
                    "outOfOrderFraction",
                    "outOfOrderMaxSeconds",
                    "lateFraction",
                    "lateSeconds",
                    "duplicateFraction",
                    "malformedFraction",
                    "violations",
                    "description",
                    "gpsArtefacts");

    /** A scenario without GPS artefacts. */
    public Scenario(
            String name,
            long seed,
            Instant start,
            int durationMinutes,
            String citySize,
            double gpsNoiseMeters,
            int officerPingSeconds,
            int truckPingSeconds,
            int parkedPingSeconds,
            int noiseIntervalSeconds,
            double outOfOrderFraction,
            int outOfOrderMaxSeconds,
            double lateFraction,
            int lateSeconds,
            double duplicateFraction,
            double malformedFraction,
            Map<String, Double> violations,
            double nearMisses) {
        this(
                name,
                seed,
                start,
                durationMinutes,
                citySize,
                gpsNoiseMeters,
                officerPingSeconds,
                truckPingSeconds,
                parkedPingSeconds,
                noiseIntervalSeconds,
                outOfOrderFraction,
                outOfOrderMaxSeconds,
                lateFraction,
                lateSeconds,
                duplicateFraction,
                malformedFraction,
                violations,
                nearMisses,
                GpsArtefacts.NONE);
    }

    public Scenario {
        if (gpsArtefacts == null) {
            gpsArtefacts = GpsArtefacts.NONE;
        }
        check(durationMinutes > 0, "durationMinutes must be positive");
        check(
                gpsNoiseMeters >= 0 && gpsNoiseMeters <= 500,
                "gpsNoiseMeters must be between 0 and 500");
        check(
                officerPingSeconds >= 1
                        && truckPingSeconds >= 1
                        && parkedPingSeconds >= 1
                        && noiseIntervalSeconds >= 10,
                "ping intervals must be at least 1 s (noise readings at least 10 s)");
        for (double f :
                new double[] {
                    outOfOrderFraction, lateFraction, duplicateFraction, malformedFraction
                }) {
            check(f >= 0 && f <= 0.5, "fractions must be between 0 and 0.5");
        }
        check(outOfOrderMaxSeconds >= 0 && lateSeconds >= 0, "delays must not be negative");
        violations = Map.copyOf(violations);
        for (Map.Entry<String, Double> v : violations.entrySet()) {
            check(
                    KNOWN_TYPES.contains(v.getKey()),
                    "violations: unknown alert type '"
                            + v.getKey()
                            + "' (known: "
                            + KNOWN_TYPES
                            + ")");
            check(
                    v.getValue() >= 0 && v.getValue() <= 1,
                    "violations: rate of " + v.getKey() + " must be between 0 and 1");
        }
        check(nearMisses >= 0 && nearMisses <= 1, "nearMisses must be between 0 and 1");
        check(
                citySize.equals("minhang") || citySize.equals("small"),
                "citySize must be 'minhang' or 'small', got '" + citySize + "'");
    }

    private static final Set<String> KNOWN_TYPES =
            java.util.Arrays.stream(org.gridwatch.common.model.AlertType.values())
                    .map(Enum::name)
                    .collect(java.util.stream.Collectors.toSet());

    /** The injection rate of one alert type, 0 when the scenario does not inject it. */
    public double violation(String alertType) {
        return violations.getOrDefault(alertType, 0.0);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("scenario: " + message);
        }
    }

    public CitySize size() {
        return citySize.equals("small") ? CitySize.SMALL : CitySize.MINHANG;
    }

    public Scenario withSeed(long newSeed) {
        return new Scenario(
                name,
                newSeed,
                start,
                durationMinutes,
                citySize,
                gpsNoiseMeters,
                officerPingSeconds,
                truckPingSeconds,
                parkedPingSeconds,
                noiseIntervalSeconds,
                outOfOrderFraction,
                outOfOrderMaxSeconds,
                lateFraction,
                lateSeconds,
                duplicateFraction,
                malformedFraction,
                violations,
                nearMisses,
                gpsArtefacts);
    }

    public Scenario withStart(Instant newStart, int minutes) {
        return new Scenario(
                name,
                seed,
                newStart,
                minutes,
                citySize,
                gpsNoiseMeters,
                officerPingSeconds,
                truckPingSeconds,
                parkedPingSeconds,
                noiseIntervalSeconds,
                outOfOrderFraction,
                outOfOrderMaxSeconds,
                lateFraction,
                lateSeconds,
                duplicateFraction,
                malformedFraction,
                violations,
                nearMisses,
                gpsArtefacts);
    }

    /** The same scenario in a city of another size ({@code minhang} or {@code small}). */
    public Scenario withCitySize(String size) {
        return new Scenario(
                name,
                seed,
                start,
                durationMinutes,
                size,
                gpsNoiseMeters,
                officerPingSeconds,
                truckPingSeconds,
                parkedPingSeconds,
                noiseIntervalSeconds,
                outOfOrderFraction,
                outOfOrderMaxSeconds,
                lateFraction,
                lateSeconds,
                duplicateFraction,
                malformedFraction,
                violations,
                nearMisses,
                gpsArtefacts);
    }

    /** The same scenario with other GPS artefacts ({@link GpsArtefacts#NONE}: none). */
    public Scenario withGpsArtefacts(GpsArtefacts artefacts) {
        return new Scenario(
                name,
                seed,
                start,
                durationMinutes,
                citySize,
                gpsNoiseMeters,
                officerPingSeconds,
                truckPingSeconds,
                parkedPingSeconds,
                noiseIntervalSeconds,
                outOfOrderFraction,
                outOfOrderMaxSeconds,
                lateFraction,
                lateSeconds,
                duplicateFraction,
                malformedFraction,
                violations,
                nearMisses,
                artefacts);
    }

    /**
     * A built-in scenario ({@code default}, {@code clean}, {@code lawful}, {@code noisy}, {@code
     * lawful-noisy}) or a scenario file.
     */
    public static Scenario load(String nameOrPath) throws IOException {
        Path p = Path.of(nameOrPath);
        if (Files.isRegularFile(p)) {
            return parse(Files.readAllBytes(p), nameOrPath);
        }
        try (InputStream in =
                Scenario.class.getResourceAsStream("/scenarios/" + nameOrPath + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException(
                        "no scenario '"
                                + nameOrPath
                                + "': not a file, and not a built-in (default, clean, lawful, noisy, lawful-noisy)");
            }
            return parse(in.readAllBytes(), nameOrPath);
        }
    }

    private static Map<String, Double> violations(JsonNode n, String source) {
        Map<String, Double> out = new java.util.TreeMap<>();
        if (n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException(
                    "scenario "
                            + source
                            + ": 'violations' must be an object of alert type to rate");
        }
        n.fields()
                .forEachRemaining(
                        e -> {
                            if (!e.getValue().isNumber()) {
                                throw new IllegalArgumentException(
                                        "scenario "
                                                + source
                                                + ": violations."
                                                + e.getKey()
                                                + " must be a number");
                            }
                            out.put(e.getKey(), e.getValue().asDouble());
                        });
        return out;
    }

    static Scenario parse(byte[] json, String source) throws IOException {
        JsonNode n = Json.MAPPER.readTree(json);
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("scenario " + source + " is not a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException(
                        "scenario "
                                + source
                                + ": unknown field '"
                                + f
                                + "' (known: "
                                + FIELDS
                                + ")");
            }
        }
        return new Scenario(
                n.path("name").asText(source),
                n.path("seed").asLong(1),
                n.hasNonNull("start") ? Instant.parse(n.get("start").asText()) : null,
                n.path("durationMinutes").asInt(24 * 60),
                n.path("citySize").asText("minhang"),
                n.path("gpsNoiseMeters").asDouble(5),
                n.path("officerPingSeconds").asInt(30),
                n.path("truckPingSeconds").asInt(10),
                n.path("parkedPingSeconds").asInt(120),
                n.path("noiseIntervalSeconds").asInt(300),
                n.path("outOfOrderFraction").asDouble(0),
                n.path("outOfOrderMaxSeconds").asInt(1),
                n.path("lateFraction").asDouble(0),
                n.path("lateSeconds").asInt(600),
                n.path("duplicateFraction").asDouble(0),
                n.path("malformedFraction").asDouble(0),
                violations(n.path("violations"), source),
                n.path("nearMisses").asDouble(0),
                GpsArtefacts.parse(n.path("gpsArtefacts"), source));
    }
}

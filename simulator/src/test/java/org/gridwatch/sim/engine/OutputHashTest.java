package org.gridwatch.sim.engine;

import org.gridwatch.common.city.City;
import org.gridwatch.sim.city.CityGenerator;
import org.gridwatch.sim.city.CitySize;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in scenarios without GPS artefacts write byte for byte what they wrote before the
 * artefact knobs existed (issue 19): the hashes below were taken from the simulator at commit
 * 870609e, and taken again when issue 21 added the shops' events (inspections, shop-front
 * detections and complaints; the disorder stream draws per event, so every feed's disorder moved).
 * A change to a random draw of the main streams changes them; one to the artefact stream must not.
 */
class OutputHashTest {
    private static final Instant START = Instant.parse("2026-11-01T11:30:00Z");

    static String hash(String scenario, long seed) throws Exception {
        City city = CityGenerator.generate(seed, CitySize.SMALL, LocalDate.parse("2026-11-01"));
        Simulation sim =
                new Simulation(
                        city,
                        Scenario.load(scenario)
                                .withCitySize("small")
                                .withStart(START, 24 * 60)
                                .withSeed(seed));
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        long[] n = {0};
        sim.run(
                e -> {
                    md.update(
                            (e.topic() + '\n' + e.key() + '\n' + e.eventTime() + '\n')
                                    .getBytes(StandardCharsets.UTF_8));
                    md.update(e.value());
                    n[0]++;
                });
        for (var r : sim.truth().records()) {
            md.update(r.toString().getBytes(StandardCharsets.UTF_8));
        }
        return n[0] + ":" + HexFormat.of().formatHex(md.digest());
    }

    @Test
    void defaultScenarioIsUnchanged() throws Exception {
        assertThat(hash("default", 1))
                .isEqualTo(
                        "163758:33ef0fa9271ee9ea93306f0bb2b62fd461077a2e6e20fac5e8d61f1f5372c2d6");
    }

    @Test
    void lawfulScenarioIsUnchanged() throws Exception {
        assertThat(hash("lawful", 1))
                .isEqualTo(
                        "163471:5d97e0a2f853c07cdacfb25c0074a6dbd918d32427b24166e9d80047a434a622");
    }
}

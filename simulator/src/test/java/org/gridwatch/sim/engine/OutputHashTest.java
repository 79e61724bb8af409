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
 * 870609e. A change to a random draw of the main streams changes them; one to the artefact stream
 * must not.
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
                        "163015:0253ad2cdb5661a63deacc179b2f6ae8220d3bdbbbd0c556ac6cb69aa71274ec");
    }

    @Test
    void lawfulScenarioIsUnchanged() throws Exception {
        assertThat(hash("lawful", 1))
                .isEqualTo(
                        "163353:b4da389a2997ea412de422b668a81c018609edb6be73cb0fc63705bbecfe1f47");
    }
}

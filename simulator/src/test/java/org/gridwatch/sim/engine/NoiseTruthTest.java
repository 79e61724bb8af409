package org.gridwatch.sim.engine;

import org.gridwatch.common.city.City;
import org.gridwatch.common.city.Device;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.parse.IotParser;
import org.gridwatch.common.parse.ParseLimits;
import org.gridwatch.common.rules.NoiseLimits;
import org.gridwatch.sim.city.CityGenerator;
import org.gridwatch.sim.city.CitySize;
import org.gridwatch.sim.score.TruthRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Noise: lawful sensors stay under their limits; injected exceedances are loud exactly inside their
 * truth interval.
 */
class NoiseTruthTest {
    private static final Instant START = Instant.parse("2026-11-01T11:30:00Z");

    @Test
    void lawfulSensorsShouldStayUnderTheLimitAndInjectedOnesOverItInsideTheirTruth()
            throws Exception {
        City city = CityGenerator.generate(1, CitySize.SMALL, LocalDate.parse("2026-11-01"));
        NoiseLimits limits = NoiseLimits.defaults(city.zone());
        IotParser parser = new IotParser(ParseLimits.DEFAULTS, () -> Long.MAX_VALUE / 2);
        for (String scenario : new String[] {"lawful", "default"}) {
            Scenario s = Scenario.load(scenario).withStart(START, 24 * 60);
            // Many injections, so the test sees both kinds.
            if (scenario.equals("default")) {
                var v = new java.util.HashMap<>(s.violations());
                v.put("NOISE_EXCEEDANCE", 0.5);
                s =
                        new Scenario(
                                s.name(),
                                s.seed(),
                                s.start(),
                                s.durationMinutes(),
                                s.citySize(),
                                s.gpsNoiseMeters(),
                                s.officerPingSeconds(),
                                s.truckPingSeconds(),
                                s.parkedPingSeconds(),
                                s.noiseIntervalSeconds(),
                                0,
                                0,
                                0,
                                0,
                                0,
                                0,
                                v,
                                0);
            }
            Simulation sim = new Simulation(city, s);
            List<IotEvent> readings = new ArrayList<>();
            sim.run(
                    e -> {
                        if (e.topic().equals(org.gridwatch.common.kafka.Topics.IOT)
                                && new String(e.value()).contains("NOISE_READING")) {
                            try {
                                readings.add(parser.parse(e.value()));
                            } catch (Exception x) {
                                // malformed records are injected on purpose
                            }
                        }
                    });
            List<TruthRecord> truth =
                    sim.truth().records().stream()
                            .filter(r -> r.type().equals("NOISE_EXCEEDANCE"))
                            .toList();
            if (scenario.equals("lawful")) {
                assertThat(truth).isEmpty();
            } else {
                assertThat(truth).isNotEmpty();
                assertThat(truth).anyMatch(r -> r.note().contains("construction"));
            }
            for (IotEvent e : readings) {
                Device d =
                        city.devices().stream()
                                .filter(x -> x.deviceId().equals(e.deviceId()))
                                .findFirst()
                                .orElseThrow();
                long windowStart = e.eventTime() - 300_000;
                boolean inTruth =
                        truth.stream()
                                .anyMatch(
                                        r ->
                                                r.entityId().equals(e.deviceId())
                                                        && windowStart >= r.from()
                                                        && windowStart < r.until());
                double limit = limits.limit(d.noiseClass(), windowStart);
                if (inTruth) {
                    assertThat(e.laeqDb()).isGreaterThan(limit);
                } else {
                    assertThat(e.laeqDb()).isLessThanOrEqualTo(limit - 3 + 0.05);
                    assertThat(limits.isNightBurst(d.noiseClass(), windowStart, e.lmaxDb()))
                            .isFalse();
                }
            }
        }
    }
}

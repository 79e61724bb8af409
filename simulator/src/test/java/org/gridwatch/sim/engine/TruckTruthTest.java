package org.gridwatch.sim.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.city.City;
import org.gridwatch.common.json.Json;
import org.gridwatch.sim.city.CityGenerator;
import org.gridwatch.sim.city.CitySize;
import org.gridwatch.sim.score.TruthRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trucks: lawful trucks meet no truck definition; every injected kind shows up in the truth with a
 * sane interval.
 */
class TruckTruthTest {
    private static final Instant START = Instant.parse("2026-11-01T11:30:00Z");

    private static List<TruthRecord> truckTruth(Simulation sim) {
        return sim.truth().records().stream().filter(r -> r.type().startsWith("TRUCK_")).toList();
    }

    @Test
    void lawfulTrucksMeetNoDefinition() throws Exception {
        City city = CityGenerator.generate(1, CitySize.MINHANG, LocalDate.parse("2026-11-01"));
        Simulation sim = new Simulation(city, Scenario.load("lawful").withStart(START, 24 * 60));
        sim.run(e -> {});
        assertThat(truckTruth(sim)).isEmpty();
        assertThat(sim.truth().nearMisses())
                .as("the lawful day has a few near misses too")
                .isNotEmpty();
    }

    @Test
    void nearMissesComeCloseToEveryRuleButMeetNone() throws Exception {
        City city = CityGenerator.generate(1, CitySize.MINHANG, LocalDate.parse("2026-11-01"));
        ObjectNode json;
        try (var in = Scenario.class.getResourceAsStream("/scenarios/lawful.json")) {
            json = (ObjectNode) Json.MAPPER.readTree(in);
        }
        json.put("nearMisses", 0.3);
        Simulation sim =
                new Simulation(
                        city,
                        Scenario.parse(Json.MAPPER.writeValueAsBytes(json), "lawful+near")
                                .withStart(START, 24 * 60));
        sim.run(e -> {});
        Map<String, List<String>> near = sim.truth().nearMisses();
        System.out.println(
                "Near misses (Minhang, lawful + 0.3, seed 1): "
                        + near.entrySet().stream()
                                .collect(
                                        Collectors.toMap(
                                                Map.Entry::getKey,
                                                x -> x.getValue().size(),
                                                (a, b) -> a,
                                                TreeMap::new)));
        assertThat(near)
                .containsOnlyKeys(
                        "TRUCK_DEVIATION", "TRUCK_DUMPING", "TRUCK_SIGNAL_LOST", "TRUCK_OVERSPEED");
        assertThat(near.values().stream().mapToInt(List::size).sum())
                .as("about 0.3 of 270 permitted trucks")
                .isBetween(50, 110);
        // judged by the same definitions as the violations, not exempted: none of them may meet one
        assertThat(truckTruth(sim)).isEmpty();
    }

    @Test
    void everyInjectedKindIsInTheTruth() throws Exception {
        City city = CityGenerator.generate(1, CitySize.MINHANG, LocalDate.parse("2026-11-01"));
        Simulation sim = new Simulation(city, Scenario.load("default").withStart(START, 24 * 60));
        sim.run(e -> {});
        List<TruthRecord> truth = truckTruth(sim);
        Map<String, Long> perType =
                new TreeMap<>(
                        truth.stream()
                                .collect(
                                        Collectors.groupingBy(
                                                TruthRecord::type, Collectors.counting())));
        System.out.println("Truck truth (Minhang, default, seed 1): " + perType);
        assertThat(perType)
                .containsOnlyKeys(
                        "TRUCK_ROUTE_DEVIATION",
                        "TRUCK_OFF_HOURS",
                        "TRUCK_NO_PERMIT",
                        "TRUCK_PROHIBITED_ZONE",
                        "TRUCK_SUSPECTED_DUMPING",
                        "TRUCK_SIGNAL_LOST",
                        "TRUCK_OVERSPEED");
        assertThat(truth)
                .allSatisfy(
                        r -> {
                            assertThat(r.until()).isGreaterThanOrEqualTo(r.from());
                            assertThat(r.from()).isBetween(sim.start(), sim.end());
                        });
        // A detour through a closed zone is also a route deviation.
        truth.stream()
                .filter(r -> r.type().equals("TRUCK_PROHIBITED_ZONE"))
                .forEach(
                        z ->
                                assertThat(truth)
                                        .anyMatch(
                                                d ->
                                                        d.type().equals("TRUCK_ROUTE_DEVIATION")
                                                                && d.entityId()
                                                                        .equals(z.entityId())));
    }
}

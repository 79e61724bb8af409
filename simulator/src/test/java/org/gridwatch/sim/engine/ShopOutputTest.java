package org.gridwatch.sim.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.city.City;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.kafka.Topics;
import org.gridwatch.sim.city.CityGenerator;
import org.gridwatch.sim.output.NdjsonEventSink;
import org.gridwatch.sim.score.ShopFiles;
import org.gridwatch.sim.score.TruthFiles;
import org.gridwatch.sim.score.TruthRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code simulate --scenario default --out DIR} writes, through the same API on the small
 * city: shop events in the iot file, hotline records naming shops, SHOP_REPEAT_VIOLATION truth, and
 * {@code shops.ndjson} whose records add up to the truth's.
 */
class ShopOutputTest {
    @Test
    void simulateShouldWriteShopEventsTheirTruthAndTheShopCounts(@TempDir Path dir)
            throws Exception {
        Scenario sc =
                Scenario.load("default")
                        .withCitySize("small")
                        .withStart(Instant.parse("2026-11-01T11:30:00Z"), 24 * 60);
        City city =
                CityGenerator.generate(
                        sc.seed(), sc.size(), Simulation.permitDate(sc, CityGenerator.ZONE));
        Simulation sim = new Simulation(city, sc);
        try (NdjsonEventSink sink = new NdjsonEventSink(dir)) {
            sim.sendReference(sink);
            sim.run(sink);
        }
        TruthFiles.write(sim.truth().records(), dir.resolve("truth.ndjson"));
        ShopFiles.write(sim.truth().shops(), dir.resolve("shops.ndjson"));

        Map<String, Integer> kinds = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve(Topics.IOT + ".ndjson"))) {
            if (line.startsWith("{\"deviceId\"") && line.endsWith("}")) {
                kinds.merge(Json.read(line).path("kind").asText(), 1, Integer::sum);
            }
        }
        assertThat(kinds.get("SHOP_VIOLATION")).isGreaterThan(500);
        assertThat(kinds.get("SHOP_INSPECTION")).isGreaterThan(50);
        long namingShops =
                Files.readAllLines(dir.resolve(Topics.HOTLINE + ".ndjson")).stream()
                        .filter(l -> l.contains("\"shopId\""))
                        .count();
        assertThat(namingShops).isPositive();

        List<TruthRecord> repeats =
                TruthFiles.read(dir.resolve("truth.ndjson")).stream()
                        .filter(t -> t.type().equals("SHOP_REPEAT_VIOLATION"))
                        .toList();
        assertThat(repeats).isNotEmpty();
        int recordsOfRepeatShops = 0;
        for (String line : Files.readAllLines(dir.resolve("shops.ndjson"))) {
            JsonNode n = Json.read(line);
            if (repeats.stream().anyMatch(t -> t.entityId().equals(n.get("shopId").asText()))) {
                assertThat(n.get("violationRecords").asInt()).isGreaterThanOrEqualTo(3);
                recordsOfRepeatShops++;
            }
        }
        assertThat(recordsOfRepeatShops).isEqualTo(repeats.size());
    }
}

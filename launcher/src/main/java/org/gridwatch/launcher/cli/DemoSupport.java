package org.gridwatch.launcher.cli;

import java.io.PrintStream;
import java.util.List;
import org.gridwatch.common.es.EsConnection;
import org.gridwatch.common.es.EsIndexTemplates;

/** Start-up steps the demo shares with other commands. */
final class DemoSupport {
    private DemoSupport() {}

    static void installIndexTemplates(String esUrl) {
        EsIndexTemplates.install(new EsConnection(List.of(esUrl)));
    }

    /**
     * The demo's city and feeds: the default scenario, starting yesterday at 07:00 city time so that
     * the day's patrols, complaints, stalls and noise (and so the first alerts) show within the first
     * minutes at the default speed, paced at {@code speed} and never ahead of the clock.
     */
    static org.gridwatch.sim.engine.Scenario scenario(long seed) throws Exception {
        java.time.ZoneId zone = org.gridwatch.sim.city.CityGenerator.ZONE;
        java.time.Instant start = java.time.LocalDate.now(zone).minusDays(1).atTime(7, 0).atZone(zone).toInstant();
        return org.gridwatch.sim.engine.Scenario.load("default").withSeed(seed).withStart(start, 7 * 24 * 60);
    }

    /** Starts feeding the city (whose files are already written) into Kafka. */
    static SimulationRunner startSimulation(String kafkaBootstrap, org.gridwatch.common.city.City city, org.gridwatch.sim.engine.Scenario scenario,
            double speed, PrintStream out) throws Exception {
        long seed = scenario.seed();
        java.time.Instant start = scenario.start();
        out.printf("Simulator: scenario 'default', seed %d, from %s at %sx real time%n", seed, start, speed);
        return SimulationRunner.start(city, scenario, new org.gridwatch.sim.output.KafkaEventSink(kafkaBootstrap), speed);
    }
}

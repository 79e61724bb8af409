package org.gridwatch.launcher.cli;

import org.gridwatch.common.es.EsConnection;
import org.gridwatch.common.es.EsIndexTemplates;

import java.io.PrintStream;
import java.util.List;

/** Start-up steps the demo shares with other commands. */
final class DemoSupport {
    private DemoSupport() {}

    static void installIndexTemplates(String esUrl) {
        EsIndexTemplates.install(new EsConnection(List.of(esUrl)));
    }

    /** When the demo's live part begins, city time: the muck trucks' night permits start then. */
    static final java.time.LocalTime LIVE_FROM = java.time.LocalTime.of(20, 0);

    /**
     * The demo's city and feeds: the default scenario, starting {@code backfillHours} before 20:00
     * yesterday, city time. Those hours are fed as a backlog (see {@link #liveFrom}) so that the
     * console opens on a city with a history: the afternoon's patrols, complaints, stalls and
     * noise, their alerts and the hour-of-day heatmaps; from 20:00 on, the night's muck trucks go
     * live.
     */
    static org.gridwatch.sim.engine.Scenario scenario(long seed, int backfillHours)
            throws Exception {
        java.time.Instant start = liveFrom().minus(java.time.Duration.ofHours(backfillHours));
        return org.gridwatch.sim.engine.Scenario.load("default")
                .withSeed(seed)
                .withStart(start, 7 * 24 * 60);
    }

    /** 20:00 yesterday, city time: events before it are the demo's backlog. */
    static java.time.Instant liveFrom() {
        java.time.ZoneId zone = org.gridwatch.sim.city.CityGenerator.ZONE;
        return java.time.LocalDate.now(zone)
                .minusDays(1)
                .atTime(LIVE_FROM)
                .atZone(zone)
                .toInstant();
    }

    /**
     * Starts feeding the city (whose files are already written) into Kafka: the backlog at once,
     * then at {@code speed}.
     */
    static SimulationRunner startSimulation(
            String kafkaBootstrap,
            org.gridwatch.common.kafka.KafkaClientProperties kafkaClient,
            org.gridwatch.common.city.City city,
            org.gridwatch.sim.engine.Scenario scenario,
            double speed,
            PrintStream out)
            throws Exception {
        long seed = scenario.seed();
        java.time.Instant live = liveFrom();
        out.printf(
                "Simulator: scenario 'default', seed %d, from %s as fast as possible, then from %s at %sx real time%n",
                seed, scenario.start(), live, speed);
        return SimulationRunner.start(
                city,
                scenario,
                new org.gridwatch.sim.output.KafkaEventSink(kafkaBootstrap, kafkaClient),
                speed,
                live.toEpochMilli());
    }
}

package org.gridwatch.launcher.cli;

import org.gridwatch.common.city.City;
import org.gridwatch.common.city.CityFiles;
import org.gridwatch.sim.city.CityGenerator;
import org.gridwatch.sim.city.CitySize;
import org.gridwatch.sim.engine.Scenario;
import org.gridwatch.sim.engine.Simulation;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The city and feeds of {@code benchmark --latency}: a Shanghai-sized city, {@link #DISTRICTS}
 * Minhang-sized districts of grids, officers, trucks, cameras and sensors on one rectangle, with
 * the default scenario's mix of GPS, hotline and IoT; the ping and reading intervals are scaled so
 * that the city, fed in real time from now, produces about the requested rate. The rate is found by
 * simulating the next minutes without sending anything (the mix depends on the hour: the muck
 * trucks work at night).
 */
final class LatencyLoad {
    /** Shanghai's 16 districts, each taken as large as Minhang. */
    static final int DISTRICTS = 16;

    /** Simulated minutes run (not sent) to measure the rate a scenario produces. */
    private static final int PROBE_MINUTES = 2;

    /** The city, the scenario (its start to be set when feeding begins) and its expected rate. */
    record Load(City city, Scenario scenario, double expectedRate) {}

    private LatencyLoad() {}

    static Load forRate(double rate, Path cityDir, PrintStream out) throws Exception {
        Scenario base = Scenario.load("default");
        CitySize size = shanghai();
        City city =
                CityGenerator.generate(
                        base.seed(),
                        size,
                        Simulation.permitDate(
                                base.withStart(Instant.now(), 1), CityGenerator.ZONE));
        CityFiles.write(city, cityDir);
        out.printf(
                "City: %d Minhang-sized districts: %,d grids, %,d officers, %,d trucks, %,d devices; files in %s%n",
                DISTRICTS,
                city.grids().size(),
                city.officers().size(),
                city.trucks().size(),
                city.devices().size(),
                cityDir.toAbsolutePath());
        double natural = eventsPerSecond(city, base);
        Scenario scaled = scaled(base, rate / natural);
        double expected = eventsPerSecond(city, scaled);
        out.printf(
                "Feed: %,.0f events/s at the default intervals now; intervals scaled by %.2f (officer pings %d s,"
                        + " truck pings %d s, parked %d s, noise readings %d s): about %,.0f events/s%n",
                natural,
                natural / rate,
                scaled.officerPingSeconds(),
                scaled.truckPingSeconds(),
                scaled.parkedPingSeconds(),
                scaled.noiseIntervalSeconds(),
                expected);
        return new Load(city, scaled, expected);
    }

    /**
     * Minhang's grid lattice, scaled up: the district's outline keeps 1,009 of its 61 x 57 cells,
     * so a rectangle of {@link #DISTRICTS} times as many grids; everything counted scales alike.
     */
    static CitySize shanghai() {
        CitySize m = CitySize.MINHANG;
        double side = Math.sqrt(DISTRICTS * 1009.0 / (m.gridCols() * m.gridRows()));
        int k = DISTRICTS;
        return new CitySize(
                m.widthKm() * side,
                m.heightKm() * side,
                (int) Math.round(m.gridCols() * side),
                (int) Math.round(m.gridRows() * side),
                m.constructionSites() * k,
                m.disposalSites() * k,
                m.depots() * k,
                m.prohibitedZones() * k,
                m.trucks() * k,
                m.permits() * k,
                m.gridsPerOfficer(),
                m.cameras() * k,
                m.noiseSensors() * k,
                null);
    }

    /** Events per second the scenario produces over the next minutes, from now. */
    private static double eventsPerSecond(City city, Scenario s) throws Exception {
        AtomicLong n = new AtomicLong();
        new Simulation(city, s.withStart(Instant.now(), PROBE_MINUTES))
                .run(e -> n.incrementAndGet());
        return n.get() / (PROBE_MINUTES * 60.0);
    }

    /**
     * The scenario with every ping and reading interval divided by {@code factor} (rounded, and no
     * shorter than the scenario allows); the hotline keeps its own rate.
     */
    static Scenario scaled(Scenario s, double factor) {
        return new Scenario(
                s.name(),
                s.seed(),
                s.start(),
                s.durationMinutes(),
                s.citySize(),
                s.gpsNoiseMeters(),
                interval(s.officerPingSeconds(), factor, 1),
                interval(s.truckPingSeconds(), factor, 1),
                interval(s.parkedPingSeconds(), factor, 1),
                interval(s.noiseIntervalSeconds(), factor, 10),
                s.outOfOrderFraction(),
                s.outOfOrderMaxSeconds(),
                s.lateFraction(),
                s.lateSeconds(),
                s.duplicateFraction(),
                s.malformedFraction(),
                s.violations(),
                s.nearMisses(),
                s.gpsArtefacts());
    }

    private static int interval(int seconds, double factor, int floor) {
        return (int) Math.max(floor, Math.round(seconds / factor));
    }
}

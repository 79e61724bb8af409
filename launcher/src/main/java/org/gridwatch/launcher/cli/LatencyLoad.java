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
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The city and feeds of {@code benchmark --latency}: Minhang-sized districts of grids, officers,
 * trucks, cameras and sensors on one rectangle (about {@link #DISTRICTS}, Shanghai's count, for
 * 3,000 events/s), with the default scenario's mix of GPS, hotline and IoT; the ping and reading
 * intervals, then the number of districts, are chosen so that the city, fed in real time from now,
 * produces about the requested rate. Rates are found by simulating the next minutes without sending
 * anything (the mix depends on the hour: the muck trucks work at night).
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
        Scenario base = scaled(everyViolation(Scenario.load("default")), 1);
        LocalDate permits =
                Simulation.permitDate(base.withStart(Instant.now(), 1), CityGenerator.ZONE);
        // One district first: its rate at the default intervals gives the factor that brings
        // DISTRICTS of them to the rate; intervals are whole seconds, so the district count then
        // corrects what the rounding overshot or fell short.
        City one = CityGenerator.generate(base.seed(), shanghai(1), permits);
        double natural = eventsPerSecond(one, base);
        Scenario scaled = scaled(base, rate / (DISTRICTS * natural));
        int districts =
                (int)
                        Math.max(
                                1,
                                Math.min(
                                        4 * DISTRICTS,
                                        Math.round(rate / eventsPerSecond(one, scaled))));
        City city = CityGenerator.generate(base.seed(), shanghai(districts), permits);
        CityFiles.write(city, cityDir);
        out.printf(
                "City: %d Minhang-sized districts: %,d grids, %,d officers, %,d trucks, %,d devices; files in %s%n",
                districts,
                city.grids().size(),
                city.officers().size(),
                city.trucks().size(),
                city.devices().size(),
                cityDir.toAbsolutePath());
        double expected = eventsPerSecond(city, scaled);
        out.printf(
                "Feed: one district gives %,.0f events/s now at the default intervals; intervals scaled"
                        + " (officer pings %d s, truck pings %d s, parked %d s, noise readings %d s):"
                        + " about %,.0f events/s for --rate %,.0f%n",
                natural,
                scaled.officerPingSeconds(),
                scaled.truckPingSeconds(),
                scaled.parkedPingSeconds(),
                scaled.noiseIntervalSeconds(),
                expected,
                rate);
        return new Load(city, scaled, expected);
    }

    /**
     * {@code districts} times Minhang's grid lattice: the district's outline keeps 1,009 of its 61
     * x 57 cells, so a rectangle of {@code districts} times as many grids; everything counted
     * scales alike.
     */
    static CitySize shanghai(int districts) {
        CitySize m = CitySize.MINHANG;
        double side = Math.sqrt(districts * 1009.0 / (m.gridCols() * m.gridRows()));
        int k = districts;
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

    /**
     * The scenario with every violation at the highest rate it allows: at the default rates (a few
     * violations per district and day) minutes of feed raise almost no event-triggered alert to
     * time. The six violations of a permitted truck share one draw, so they share a rate of 1.
     */
    static Scenario everyViolation(Scenario s) {
        java.util.Map<String, Double> rates = new java.util.HashMap<>();
        long permitted =
                s.violations().keySet().stream().filter(LatencyLoad::permitHolderViolation).count();
        for (String type : s.violations().keySet()) {
            rates.put(type, permitHolderViolation(type) ? 1.0 / permitted : 1.0);
        }
        return new Scenario(
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
                s.outOfOrderFraction(),
                s.outOfOrderMaxSeconds(),
                s.lateFraction(),
                s.lateSeconds(),
                s.duplicateFraction(),
                s.malformedFraction(),
                rates,
                s.nearMisses(),
                s.gpsArtefacts());
    }

    private static boolean permitHolderViolation(String type) {
        return type.startsWith("TRUCK_") && !type.equals("TRUCK_NO_PERMIT");
    }

    private static int interval(int seconds, double factor, int floor) {
        return (int) Math.max(floor, Math.round(seconds / factor));
    }
}

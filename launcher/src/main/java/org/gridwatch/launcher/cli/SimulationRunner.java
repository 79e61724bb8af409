package org.gridwatch.launcher.cli;

import org.gridwatch.common.city.City;
import org.gridwatch.common.city.CityFiles;
import org.gridwatch.sim.city.CityGenerator;
import org.gridwatch.sim.engine.EventSink;
import org.gridwatch.sim.engine.Scenario;
import org.gridwatch.sim.engine.Simulation;
import org.gridwatch.sim.output.PacedSink;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a scenario in the background: generates the city (and writes its files), publishes the
 * reference data, then the events at the chosen speed. Closing stops it and waits for the sink.
 */
final class SimulationRunner implements AutoCloseable {
    private final Simulation simulation;
    private final PacedSink paced;
    private final Thread thread;
    private final AtomicReference<Simulation.Stats> stats = new AtomicReference<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    private SimulationRunner(Simulation simulation, PacedSink paced) {
        this.simulation = simulation;
        this.paced = paced;
        this.thread = new Thread(this::run, "gridwatch-simulator");
        this.thread.setDaemon(true);
    }

    static City city(Scenario scenario, Path cityDir, PrintStream out) throws Exception {
        City city =
                CityGenerator.generate(
                        scenario.seed(),
                        scenario.size(),
                        Simulation.permitDate(scenario, CityGenerator.ZONE));
        CityFiles.write(city, cityDir);
        out.printf(
                "City: %s: %,d grids, %,d officers, %,d trucks (%,d with permits), %,d sites, %,d devices; files in %s%n",
                city.name(),
                city.grids().size(),
                city.officers().size(),
                city.trucks().size(),
                city.permits().size(),
                city.sites().size(),
                city.devices().size(),
                cityDir.toAbsolutePath());
        return city;
    }

    /**
     * Starts producing in the background; the reference data goes first, stamped with the scenario
     * start. Events before {@code catchUpUntil} (epoch ms) go as fast as possible, the rest at
     * {@code speed}.
     */
    static SimulationRunner start(
            City city, Scenario scenario, EventSink sink, double speed, long catchUpUntil)
            throws Exception {
        Simulation sim = new Simulation(city, scenario);
        sim.sendReference(sink);
        SimulationRunner runner =
                new SimulationRunner(sim, new PacedSink(sink, speed, catchUpUntil));
        runner.thread.start();
        return runner;
    }

    private void run() {
        try {
            stats.set(simulation.run(paced));
        } catch (InterruptedException e) {
            // Stopped on purpose.
        } catch (Exception e) {
            failure.set(e);
        }
    }

    boolean finished() {
        return !thread.isAlive();
    }

    void await() throws Exception {
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /** What was injected (null while running or when stopped before the end). */
    Simulation.Stats stats() {
        return stats.get();
    }

    Exception failure() {
        return failure.get();
    }

    @Override
    public void close() throws Exception {
        simulation.stop();
        paced.stop();
        thread.join(30_000);
        paced.close();
    }
}

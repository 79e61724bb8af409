package org.gridwatch.launcher.cli;

import org.gridwatch.common.bench.GeometryBenchmark;
import org.gridwatch.jobs.trucks.bench.TruckRulesBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code ./gridwatch benchmark-geometry}: per-ping cost of the spatial look-ups and of all truck
 * rules. Prints numbers.
 */
@Command(
        name = "benchmark-geometry",
        mixinStandardHelpOptions = true,
        description =
                "Per-ping cost of the geometry (grid look-up, site/zone margin check) and of all truck rules, against N polygons.")
public final class GeometryBenchmarkCommand implements Callable<Integer> {
    @Option(
            names = "--polygons",
            defaultValue = "25000",
            description = "Sites and zones (and grids) to index (default: ${DEFAULT-VALUE}).")
    int polygons;

    @Option(
            names = "--pings",
            defaultValue = "2000000",
            description = "Pings to time (default: ${DEFAULT-VALUE}).")
    long pings;

    @Override
    public Integer call() {
        System.out.println(
                GeometryBenchmark.run(polygons, (int) Math.min(Integer.MAX_VALUE, pings), 1)
                        .format());
        System.out.println(TruckRulesBenchmark.run(polygons, 300, pings, 1).format());
        return 0;
    }
}

package org.gridwatch.launcher.cli;

import org.gridwatch.sim.engine.Scenario;
import picocli.CommandLine.Option;

/**
 * {@code --scenario}, {@code --seed}, {@code --minutes}: which scenario a command simulates (a
 * picocli mixin).
 */
public final class ScenarioOptions {
    @Option(
            names = "--scenario",
            defaultValue = "default",
            description =
                    "Built-in scenario (default, clean, lawful, noisy, lawful-noisy) or a scenario file (default: ${DEFAULT-VALUE}).")
    String scenarioName;

    @Option(names = "--seed", description = "Seed; overrides the scenario's.")
    Long seed;

    @Option(
            names = "--minutes",
            description = "Simulated time span in minutes; overrides the scenario's.")
    Integer minutes;

    /**
     * The scenario as the options ask for it; fails with a message naming the option when one is
     * wrong.
     */
    Scenario scenario() throws Exception {
        return scenario(scenarioName, seed, minutes);
    }

    static Scenario scenario(String nameOrPath, Long seed, Integer minutes) throws Exception {
        Scenario s = Scenario.load(nameOrPath);
        if (seed != null) {
            s = s.withSeed(seed);
        }
        if (minutes != null) {
            if (minutes <= 0) {
                throw new IllegalArgumentException("--minutes must be positive");
            }
            s = s.withStart(s.start(), minutes);
        }
        if (s.start() == null) {
            throw new IllegalArgumentException(
                    "scenario '" + nameOrPath + "' has no start time; add \"start\" to it");
        }
        return s;
    }
}

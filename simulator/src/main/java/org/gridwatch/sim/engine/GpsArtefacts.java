package org.gridwatch.sim.engine;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Set;

/**
 * Faults of real truck terminals, added to the pings the simulator writes (never to the positions
 * the ground truth judges). Every knob is off at 0; see the README's "Scenario files" and
 * docs/simulation.md ("GPS artefacts") for what each one does and the rates of the built-in
 * scenarios.
 *
 * @param multipathRate share of fixes reported 100-1,000 m off in a random direction (one fix each)
 * @param standingDriftMeters while a truck stands, its fixes follow a random walk of about this
 *     many metres per axis (one step per fix, pulled back towards the true place) instead of
 *     independent noise; 0: independent noise
 * @param biasRunRate share of fixes that start a run of 2-3 fixes offset 50-150 m the same way
 * @param gapRate share of fixes at which the terminal stops recording for 60-150 s (the silence
 *     between two written pings never exceeds {@link TruckTerminal#MAX_SILENCE_MS}, and never on
 *     the trip carrying a planned violation or near miss)
 * @param repeatedTimeRate share of fixes written twice with the same time: half as the same record,
 *     half 5-20 m apart
 * @param noSpeedShare share of trucks whose terminal writes no {@code speed} field
 * @param speedSpikeRate share of fixes reporting an absurd speed (150-249 km/h) whatever the truck
 *     does
 */
public record GpsArtefacts(
        double multipathRate,
        double standingDriftMeters,
        double biasRunRate,
        double gapRate,
        double repeatedTimeRate,
        double noSpeedShare,
        double speedSpikeRate) {

    public static final GpsArtefacts NONE = new GpsArtefacts(0, 0, 0, 0, 0, 0, 0);

    private static final Set<String> FIELDS =
            Set.of(
                    "multipathRate",
                    "standingDriftMeters",
                    "biasRunRate",
                    "gapRate",
                    "repeatedTimeRate",
                    "noSpeedShare",
                    "speedSpikeRate");

    public GpsArtefacts {
        for (double rate :
                new double[] {
                    multipathRate, biasRunRate, gapRate, repeatedTimeRate, speedSpikeRate
                }) {
            check(
                    rate >= 0 && rate <= 0.1,
                    "gpsArtefacts: per-fix rates must be between 0 and 0.1");
        }
        check(
                standingDriftMeters >= 0 && standingDriftMeters <= 50,
                "gpsArtefacts: standingDriftMeters must be between 0 and 50");
        check(
                noSpeedShare >= 0 && noSpeedShare <= 1,
                "gpsArtefacts: noSpeedShare must be between 0 and 1");
    }

    /** True when some knob is on. */
    public boolean any() {
        return !equals(NONE);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("scenario: " + message);
        }
    }

    static GpsArtefacts parse(JsonNode n, String source) {
        if (n.isMissingNode() || n.isNull()) {
            return NONE;
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException(
                    "scenario " + source + ": 'gpsArtefacts' must be an object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException(
                        "scenario "
                                + source
                                + ": unknown field 'gpsArtefacts."
                                + f
                                + "' (known: "
                                + FIELDS
                                + ")");
            }
            if (!n.get(f).isNumber()) {
                throw new IllegalArgumentException(
                        "scenario " + source + ": gpsArtefacts." + f + " must be a number");
            }
        }
        return new GpsArtefacts(
                n.path("multipathRate").asDouble(0),
                n.path("standingDriftMeters").asDouble(0),
                n.path("biasRunRate").asDouble(0),
                n.path("gapRate").asDouble(0),
                n.path("repeatedTimeRate").asDouble(0),
                n.path("noSpeedShare").asDouble(0),
                n.path("speedSpikeRate").asDouble(0));
    }
}

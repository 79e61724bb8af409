package org.gridwatch.jobs.shops.logic;

import org.gridwatch.jobs.shops.logic.FrontageIndex.Near;

import java.util.List;

/**
 * Which shop a located record belongs to (THE RULE of issue 21, docs/rules.md#shops): the shop
 * whose frontage is nearest, if within {@code attachMeters}; AMBIGUOUS when the second-nearest is
 * within {@code ambiguityMeters} of the nearest's distance (kept, attributed to no shop, never
 * guessed). With a sticky shop (the camera's previous detections went there) the record stays with
 * it while its frontage is within {@code attachMeters} and no other is nearer by more than {@code
 * hysteresisMeters}: a camera's jitter must not hop a detection between neighbours.
 */
public final class Attribution {
    /** What became of a record. */
    public enum Kind {
        ATTACHED,
        AMBIGUOUS,
        /** No frontage within the attach distance. */
        NONE
    }

    /**
     * @param shopId the shop (ATTACHED), else null
     * @param meters distance to the shop's frontage (ATTACHED) or the nearest frontage (AMBIGUOUS)
     * @param candidates AMBIGUOUS: the shops tied for nearest; otherwise empty
     */
    public record Outcome(Kind kind, String shopId, double meters, List<String> candidates) {
        static Outcome none() {
            return new Outcome(Kind.NONE, null, Double.NaN, List.of());
        }
    }

    private Attribution() {}

    /**
     * @param sticky the shop this device's detections went to last (hysteresis), or null
     */
    public static Outcome attribute(
            FrontageIndex index, double lat, double lon, String sticky, ShopRules rules) {
        List<Near> near = index.within(lat, lon, rules.attachMeters());
        if (near.isEmpty()) {
            return Outcome.none();
        }
        if (sticky != null) {
            double ds = index.distance(sticky, lat, lon);
            if (ds <= rules.attachMeters()
                    && near.get(0).meters() >= ds - rules.hysteresisMeters()) {
                return new Outcome(Kind.ATTACHED, sticky, ds, List.of());
            }
        }
        Near first = near.get(0);
        if (near.size() > 1 && near.get(1).meters() - first.meters() <= rules.ambiguityMeters()) {
            List<String> tied =
                    near.stream()
                            .filter(n -> n.meters() - first.meters() <= rules.ambiguityMeters())
                            .map(Near::shopId)
                            .toList();
            return new Outcome(Kind.AMBIGUOUS, null, first.meters(), tied);
        }
        return new Outcome(Kind.ATTACHED, first.shopId(), first.meters(), List.of());
    }
}

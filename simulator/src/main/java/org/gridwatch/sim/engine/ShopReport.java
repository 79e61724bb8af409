package org.gridwatch.sim.engine;

/**
 * One shop-front record the simulator emits, before disorder: a camera detection or an officer's
 * inspection, with what the simulator meant by it (so tests can check it against THE RULE).
 *
 * @param kind NORMAL (a report of a violation at {@code shopId}), AMBIGUOUS (placed between two
 *     frontages on purpose), LOW (a false positive under minConfidence), INSPECTION
 * @param device the camera, or the officer for an inspection
 * @param shopId the shop the report is meant for (named by an inspection), or null
 * @param violation the violation type, or null (an inspection that found the shop in order)
 * @param x plane metres of the detection point
 * @param y plane metres of the detection point
 */
record ShopReport(
        Kind kind,
        long time,
        String device,
        String shopId,
        String violation,
        double x,
        double y,
        double confidence) {
    enum Kind {
        NORMAL,
        AMBIGUOUS,
        LOW,
        INSPECTION
    }
}

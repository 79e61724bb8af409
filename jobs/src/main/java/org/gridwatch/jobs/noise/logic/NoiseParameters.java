package org.gridwatch.jobs.noise.logic;

import org.gridwatch.common.rules.NoiseLimits;

/**
 * The noise rule's settings as plain values (keys and defaults in {@code NoiseRules},
 * docs/rules.md#noise).
 *
 * @param limits class limits by day and night, night hours, burst margin
 * @param windowMs averaging window of the LAeq ({@code noise.window}, 5 min)
 * @param openWindows consecutive exceeding windows that open an episode ({@code noise.openWindows},
 *     2)
 * @param closeWindows consecutive compliant windows that close it ({@code noise.closeWindows}, 2)
 * @param silenceMs a sensor silent this long is forgotten ({@code noise.silence}, 1 h)
 */
public record NoiseParameters(
        NoiseLimits limits, long windowMs, int openWindows, int closeWindows, long silenceMs) {}

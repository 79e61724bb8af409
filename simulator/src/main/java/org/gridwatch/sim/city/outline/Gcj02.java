package org.gridwatch.sim.city.outline;

import org.gridwatch.common.geo.Datum;

/**
 * China's GCJ-02 map datum: WGS-84 shifted by a published, smooth but non-linear offset (a few
 * hundred metres in Shanghai). Chinese web maps and their outlines are in GCJ-02; GPS terminals
 * report WGS-84, so map data must be converted once before it is laid under GPS fixes. The
 * conversion itself is {@link Datum#GCJ02}, shared with {@code ./gridwatch city import}; this class
 * keeps the outline converter's vocabulary.
 */
public final class Gcj02 {
    private Gcj02() {}

    /** WGS-84 to GCJ-02: {lon, lat}. */
    public static double[] fromWgs84(double lon, double lat) {
        return Datum.GCJ02.fromWgs84(lon, lat);
    }

    /**
     * GCJ-02 to WGS-84: {lon, lat}, by fixed-point iteration on the forward offset (converges to
     * under a millimetre).
     */
    public static double[] toWgs84(double lon, double lat) {
        return Datum.GCJ02.toWgs84(lon, lat);
    }
}

package org.gridwatch.jobs.shops.logic;

import org.gridwatch.common.model.ShopViolation;

/**
 * One violation record of a shop: a camera occurrence (its reports, from the first) or an
 * inspection that found a violation no camera occurrence was showing. A mutable POJO (public
 * fields, no-arg constructor) so Flink keeps it in state as a POJO.
 */
public final class ViolationRecord {
    public static final String CAMERA = "CAMERA";
    public static final String INSPECTION = "INSPECTION";

    /** Event time of the first report: the record's time for every count and the repeat rule. */
    public long start;

    /** Event time of the latest report (camera occurrences; equal to start otherwise). */
    public long lastReport;

    public ShopViolation violation;
    public String source;
    public String device;
    public double confidence = Double.NaN;
    public String photoUrl;
    public double lat = Double.NaN;
    public double lon = Double.NaN;
    public int reports;

    /** The officer whose inspection confirmed this camera occurrence, or null. */
    public String confirmedBy;

    public String confirmPhotoUrl;

    public ViolationRecord() {}

    static ViolationRecord of(ShopEvent e, String source) {
        ViolationRecord r = new ViolationRecord();
        r.start = e.time();
        r.lastReport = e.time();
        r.violation = e.violation();
        r.source = source;
        r.device = e.device();
        r.confidence = e.confidence();
        r.photoUrl = e.photoUrl();
        r.lat = e.lat();
        r.lon = e.lon();
        r.reports = 1;
        return r;
    }
}

package org.gridwatch.jobs.shops;

/**
 * What the attribution stage remembers per camera or officer: the shop its detections went to last
 * (hysteresis) and the ambiguous occurrence it is in, if any. POJO.
 */
public final class CameraState {
    /** The shop the device's detections went to last, or null. */
    public String shopId;

    /** Event time of the device's latest report. */
    public long lastReport = Long.MIN_VALUE;

    /** The violation of the ambiguous occurrence going on, or null. */
    public String ambiguousViolation;

    /** Event time of that occurrence's latest report. */
    public long ambiguousLast = Long.MIN_VALUE;

    public CameraState() {}
}

package org.gridwatch.jobs.shops.logic;

import org.gridwatch.common.model.ShopViolation;

/**
 * Something that happened at one shop, in one shape for the shop stage: a camera detection, an
 * officer's inspection, a complaint, a case closure.
 *
 * @param kind {@link #DETECTION}, {@link #INSPECTION}, {@link #COMPLAINT} or {@link #CASE_CLOSED}
 * @param device camera (detections) or officer (inspections), else null
 * @param violation what was seen or found; null for an inspection finding the shop in order
 * @param confidence the camera's confidence, NaN when none
 * @param meters distance from the record's position to the frontage, NaN when named, not located
 * @param caseId complaints and closures: the case, else null
 * @param category complaints: the matter category, else null
 * @param outcome closures: the enforcement outcome (WARNED, FINED, ...), else null
 */
public record ShopEvent(
        String shopId,
        String kind,
        long time,
        String device,
        ShopViolation violation,
        double confidence,
        String photoUrl,
        double lat,
        double lon,
        double meters,
        String caseId,
        String category,
        String outcome) {
    public static final String DETECTION = "DETECTION";
    public static final String INSPECTION = "INSPECTION";
    public static final String COMPLAINT = "COMPLAINT";
    public static final String CASE_CLOSED = "CASE_CLOSED";

    /**
     * Two deliveries of one record are equal in device (or case), shop, position and event time:
     * this key.
     */
    public String dedupKey() {
        String who = device != null ? device : caseId;
        return kind + "|" + who + "|" + shopId + "|" + time + "|" + lat + "," + lon;
    }
}

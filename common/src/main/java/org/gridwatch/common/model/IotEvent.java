package org.gridwatch.common.model;

/**
 * A camera detection or a sensor reading (topic {@code gridwatch.iot}).
 *
 * @param deviceId camera or sensor id, the Kafka key
 * @param kind what was observed
 * @param eventTime when (epoch ms, UTC)
 * @param lat WGS-84 latitude of the observation
 * @param lon WGS-84 longitude of the observation
 * @param spotId the watched spot a camera reports on, or null
 * @param confidence detector confidence 0..1 for detections, or null
 * @param laeqDb equivalent continuous level dB(A) over the reading's interval, or null
 * @param lmaxDb maximum level dB(A) within the interval, or null
 * @param intervalSeconds length of the reading's measuring interval, or null
 * @param shopId the shop the record names (inspections), or null: shop-front detections are
 *     attributed by position
 * @param violation the shop-front violation seen (SHOP_VIOLATION) or found (SHOP_INSPECTION), or
 *     null
 * @param photoUrl the evidence photo, or null
 */
public record IotEvent(
        String deviceId,
        IotEventKind kind,
        long eventTime,
        double lat,
        double lon,
        String spotId,
        Double confidence,
        Double laeqDb,
        Double lmaxDb,
        Integer intervalSeconds,
        String shopId,
        ShopViolation violation,
        String photoUrl) {

    /** A stall detection or a sensor reading (every producer before issue 21). */
    public IotEvent(
            String deviceId,
            IotEventKind kind,
            long eventTime,
            double lat,
            double lon,
            String spotId,
            Double confidence,
            Double laeqDb,
            Double lmaxDb,
            Integer intervalSeconds) {
        this(
                deviceId,
                kind,
                eventTime,
                lat,
                lon,
                spotId,
                confidence,
                laeqDb,
                lmaxDb,
                intervalSeconds,
                null,
                null,
                null);
    }
}

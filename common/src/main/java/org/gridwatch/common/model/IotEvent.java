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
        Integer intervalSeconds) {}

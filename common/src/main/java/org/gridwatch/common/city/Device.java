package org.gridwatch.common.city;

/**
 * A camera watching a spot where street stalls appear, or a noise sensor.
 *
 * @param spotId the watched spot (cameras), or null
 * @param noiseClass GB 3096 class of the sensor's place (sensors), or null
 */
public record Device(
        String deviceId,
        Kind kind,
        double lat,
        double lon,
        String spotId,
        String gridCode,
        String noiseClass) {
    public enum Kind {
        CAMERA,
        NOISE_SENSOR
    }
}

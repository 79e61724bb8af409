package org.gridwatch.common.model;

/**
 * One position report from an officer's duty phone or a truck's terminal (topic {@code
 * gridwatch.gps}).
 *
 * <p>Times are UTC epoch milliseconds. Optional fields are boxed and null when the source did not
 * send them. {@code status} carries the JT/T 808 status bits verbatim (ACC, positioned, load state,
 * vendor lift/cover bits); which bit means "cargo box lifted" is configured, never hard-coded.
 *
 * @param entityId officer badge / truck terminal id, the Kafka key
 * @param entityType officer or truck
 * @param eventTime when the position was fixed (epoch ms, UTC)
 * @param lat WGS-84 latitude in degrees
 * @param lon WGS-84 longitude in degrees
 * @param speedKmh ground speed in km/h
 * @param heading degrees clockwise from north, 0-359
 * @param accuracyM horizontal accuracy in metres, or null
 * @param status JT/T 808 status DWORD, or null
 * @param alarm JT/T 808 alarm DWORD, or null
 * @param plate truck number plate, or null
 * @param source {@code app}, {@code jt808}, {@code sim}, ...
 * @param speedMissing the record carried no speed ({@code speedKmh} is then a 0 placeholder, not a
 *     measurement): some terminals and platforms send none, and the truck rules then estimate the
 *     speed from the fixes. False in state written before the field existed, which is right: those
 *     records were read as "speed given".
 */
public record GpsPing(
        String entityId,
        EntityType entityType,
        long eventTime,
        double lat,
        double lon,
        double speedKmh,
        int heading,
        Double accuracyM,
        Long status,
        Long alarm,
        String plate,
        String source,
        boolean speedMissing) {

    /** A ping whose speed was reported (the usual case: JT/T 808 always carries one). */
    public GpsPing(
            String entityId,
            EntityType entityType,
            long eventTime,
            double lat,
            double lon,
            double speedKmh,
            int heading,
            Double accuracyM,
            Long status,
            Long alarm,
            String plate,
            String source) {
        this(
                entityId,
                entityType,
                eventTime,
                lat,
                lon,
                speedKmh,
                heading,
                accuracyM,
                status,
                alarm,
                plate,
                source,
                false);
    }
}

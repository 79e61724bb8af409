package org.gridwatch.common.model;

/**
 * Latest known position of an officer or a truck, as the live map shows it ({@code
 * gridwatch-positions}, one document per entity).
 */
public record Position(
        String entityId,
        EntityType entityType,
        long eventTime,
        double lat,
        double lon,
        double speedKmh,
        int heading,
        String plate,
        String source) {

    public static Position of(GpsPing ping) {
        return new Position(
                ping.entityId(),
                ping.entityType(),
                ping.eventTime(),
                ping.lat(),
                ping.lon(),
                ping.speedKmh(),
                ping.heading(),
                ping.plate(),
                ping.source());
    }
}

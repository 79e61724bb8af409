package org.gridwatch.common.model;

/** Observation kinds on the IoT topic. */
public enum IotEventKind {
    STALL_DETECTED,
    NOISE_READING,
    /** A camera saw a shop-front violation ({@link ShopViolation}) at a shop's frontage. */
    SHOP_VIOLATION,
    /**
     * An officer's inspection record of a shop (巡查记录), from their duty phone: deviceId is the
     * officer id; violation is what was found, or null when the shop was in order.
     */
    SHOP_INSPECTION
}

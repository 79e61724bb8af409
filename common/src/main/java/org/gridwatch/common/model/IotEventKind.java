package org.gridwatch.common.model;

/** Observation kinds on the IoT topic. */
public enum IotEventKind {
    STALL_DETECTED,
    NOISE_READING
}

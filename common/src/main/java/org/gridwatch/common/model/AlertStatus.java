package org.gridwatch.common.model;

/** Episode lifecycle of an alert: one episode is one document, updated in place. */
public enum AlertStatus {
    OPEN,
    UPDATED,
    CLOSED
}

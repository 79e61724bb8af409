package org.gridwatch.common.model;

/** How urgently an operator should look. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}

package org.gridwatch.common.model;

/** What a GPS ping belongs to: a patrol officer's duty phone or a muck truck's terminal. */
public enum EntityType {
    OFFICER,
    TRUCK
}

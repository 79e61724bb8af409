package org.gridwatch.common.city;

/** A registered muck truck (its terminal id is the GPS entity id). */
public record Truck(String truckId, String plate, String company) {}

package org.gridwatch.common.city;

/**
 * A registered muck truck.
 *
 * <p>Its GPS entity id is {@code truckId}. A JT/T 808 terminal identifies itself by its SIM's phone
 * number; the gateway maps that number to {@code truckId} through {@code terminalPhone}, and when a
 * city gives no terminal phone it takes {@code truckId} itself as the phone number (the simulator's
 * truck ids are phone numbers). Numbers compare without leading zeros, so a 2013 terminal's 12
 * digits and a 2019 terminal's 20 digits match the same truck.
 *
 * @param truckId the GPS entity id
 * @param plate the number plate, or null
 * @param company the haulage company, or null
 * @param terminalPhone the JT/T 808 terminal's phone number (digits), or null
 */
public record Truck(String truckId, String plate, String company, String terminalPhone) {

    /** A truck whose terminal phone is its id, or unknown. */
    public Truck(String truckId, String plate, String company) {
        this(truckId, plate, company, null);
    }
}

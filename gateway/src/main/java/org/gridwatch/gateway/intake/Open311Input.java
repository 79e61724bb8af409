package org.gridwatch.gateway.intake;

/**
 * A validated Open311 GeoReport v2 service request, as posted. Null means "not given".
 *
 * @param serviceCode a category code of {@code services.json}
 * @param lat WGS-84 latitude, or null when only an address was given
 * @param lon WGS-84 longitude (Open311's {@code long}), or null
 * @param addressString the address as the citizen wrote it
 * @param description what is wrong, kept as sent
 * @param mediaUrl an http(s) link to a photo
 */
public record Open311Input(
        String serviceCode,
        Double lat,
        Double lon,
        String addressString,
        String description,
        String mediaUrl,
        Contact contact) {

    /**
     * Optional contact fields of the person who reported; personal data, kept with the complaint.
     */
    public record Contact(
            String email,
            String firstName,
            String lastName,
            String phone,
            String deviceId,
            String accountId) {
        public boolean isEmpty() {
            return email == null
                    && firstName == null
                    && lastName == null
                    && phone == null
                    && deviceId == null
                    && accountId == null;
        }
    }
}

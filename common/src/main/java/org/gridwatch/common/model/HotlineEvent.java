package org.gridwatch.common.model;

/**
 * A citizen complaint or a step of its case's lifecycle (topic {@code gridwatch.hotline}).
 *
 * <p>A {@code RECEIVED} event opens or joins a case; the other kinds move the case along. A {@code
 * RECEIVED} event has coordinates or an address (or both); the cases detection locates one with an
 * address only through the city's address table. Null lat/lon are NaN.
 *
 * @param eventId unique id of this event (dedup key)
 * @param caseId the case this event belongs to (for complaints: the ticket number of the channel)
 * @param kind lifecycle step
 * @param channel 12345, 12319, 962000, 96310, web, app, patrol, camera
 * @param eventTime when it happened (epoch ms, UTC)
 * @param category matter code (GB/T 30428.2 style, e.g. 09006 占道经营) or a short category id
 * @param lat WGS-84 latitude, NaN when absent
 * @param lon WGS-84 longitude, NaN when absent
 * @param district district name or code, or null
 * @param gridCode unit grid code, or null
 * @param timeLimitMinutes the case's handling time limit in working minutes, or null for the
 *     category default
 * @param spotId a stall spot id for clearance events, or null
 * @param text free text, or null
 * @param address the place as an address (门牌地址, e.g. 上海市闵行区莘松路123弄4号), or null
 * @param shopId the shop on file the complaint or case names (一店一档), or null
 * @param outcome the enforcement outcome a CLOSED event records (e.g. WARNED,
 *     RECTIFICATION_ORDERED, FINED, NO_VIOLATION), or null
 */
public record HotlineEvent(
        String eventId,
        String caseId,
        CaseEventKind kind,
        String channel,
        long eventTime,
        String category,
        double lat,
        double lon,
        String district,
        String gridCode,
        Integer timeLimitMinutes,
        String spotId,
        String text,
        String address,
        String shopId,
        String outcome) {

    /** An event that names no shop (every producer before issue 21). */
    public HotlineEvent(
            String eventId,
            String caseId,
            CaseEventKind kind,
            String channel,
            long eventTime,
            String category,
            double lat,
            double lon,
            String district,
            String gridCode,
            Integer timeLimitMinutes,
            String spotId,
            String text,
            String address) {
        this(
                eventId,
                caseId,
                kind,
                channel,
                eventTime,
                category,
                lat,
                lon,
                district,
                gridCode,
                timeLimitMinutes,
                spotId,
                text,
                address,
                null,
                null);
    }

    /** An event without an address (every producer before issue 19). */
    public HotlineEvent(
            String eventId,
            String caseId,
            CaseEventKind kind,
            String channel,
            long eventTime,
            String category,
            double lat,
            double lon,
            String district,
            String gridCode,
            Integer timeLimitMinutes,
            String spotId,
            String text) {
        this(
                eventId,
                caseId,
                kind,
                channel,
                eventTime,
                category,
                lat,
                lon,
                district,
                gridCode,
                timeLimitMinutes,
                spotId,
                text,
                null);
    }

    /** Whether the event says where it is by coordinates (an address alone does not count). */
    public boolean hasCoordinates() {
        return !Double.isNaN(lat) && !Double.isNaN(lon);
    }

    /**
     * This event placed at {@code lat}/{@code lon} in grid {@code gridCode} (null: the grid
     * containing the point).
     */
    public HotlineEvent locatedAt(double lat, double lon, String gridCode) {
        return new HotlineEvent(
                eventId,
                caseId,
                kind,
                channel,
                eventTime,
                category,
                lat,
                lon,
                district,
                gridCode != null ? gridCode : this.gridCode,
                timeLimitMinutes,
                spotId,
                text,
                address,
                shopId,
                outcome);
    }
}

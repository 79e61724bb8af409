package org.gridwatch.common.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.model.ReasonCodes;
import org.gridwatch.common.model.ReferenceUpdate;

import java.util.Map;

/**
 * The id an update names and the id inside its payload must be one: the reference is keyed by the
 * update's id while the detectors report the payload's, so {@code GRID A} carrying grid {@code B}
 * would put B's shape under A's key, replacing A without a trace and leaving two objects claiming
 * B. Where the id lives is {@link org.gridwatch.common.city.CityCodec}'s: in {@code properties} of
 * a GeoJSON feature (grids, sites, zones, permits, shops), at the top of a plain object (trucks,
 * officers, devices, addresses).
 */
final class PayloadIds {
    /**
     * The payload field holding each kind's id, and whether it is under GeoJSON {@code properties}.
     */
    private record IdField(String name, boolean inProperties) {}

    private static final Map<String, IdField> FIELDS =
            Map.of(
                    "GRID", new IdField("gridCode", true),
                    "SITE", new IdField("siteId", true),
                    "ZONE", new IdField("zoneId", true),
                    "PERMIT", new IdField("permitId", true),
                    "TRUCK", new IdField("truckId", false),
                    "OFFICER", new IdField("officerId", false),
                    "DEVICE", new IdField("deviceId", false),
                    "ADDRESS", new IdField("addressId", false),
                    "SHOP", new IdField("shopId", true));

    private PayloadIds() {}

    /**
     * The payload to decode: as sent when its id equals the update's, with the update's id filled
     * in when it has none (the update's id is the id), refused as {@code bad_reference} naming both
     * ids otherwise. Kinds without an id field (RULE, CITY) and payloads of the wrong shape pass
     * unchanged: the decoder says what is wrong with those.
     */
    static JsonNode reconcile(ReferenceUpdate u, JsonNode payload) {
        IdField field = FIELDS.get(u.kind());
        if (field == null || payload == null) {
            return payload;
        }
        JsonNode holder = field.inProperties() ? payload.get("properties") : payload;
        if (!(holder instanceof ObjectNode)) {
            return payload;
        }
        JsonNode inPayload = holder.get(field.name());
        if (inPayload == null || inPayload.isNull() || inPayload.asText().isBlank()) {
            ObjectNode filled = payload.deepCopy();
            ObjectNode filledHolder =
                    field.inProperties() ? (ObjectNode) filled.get("properties") : filled;
            filledHolder.put(field.name(), u.id());
            return filled;
        }
        if (!inPayload.asText().equals(u.id())) {
            throw new ReferenceRejected(
                    ReasonCodes.BAD_REFERENCE,
                    "the update's id is '"
                            + u.id()
                            + "' but its payload's "
                            + field.name()
                            + " is '"
                            + clip(inPayload.asText())
                            + "'; they must be the same");
        }
        return payload;
    }

    private static String clip(String id) {
        return id.length() > 128 ? id.substring(0, 128) + "..." : id;
    }
}

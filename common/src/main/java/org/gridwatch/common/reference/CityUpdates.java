package org.gridwatch.common.reference;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.gridwatch.common.city.City;
import org.gridwatch.common.city.CityCodec;
import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.model.ReferenceUpdate;

import java.util.ArrayList;
import java.util.List;

/**
 * A whole city as {@code gridwatch.reference} UPSERTs: the city itself first ({@value
 * CityInfo#KIND}, its {@code city.json}: time zone, centre, bounds), then one per grid, site, zone,
 * permit, truck, officer, device, address and shop ({@code SHOP}, keyed {@code SHOP:shopId}). Each
 * belongs on the compacted topic under the key {@link #key}.
 */
public final class CityUpdates {
    private CityUpdates() {}

    public static List<ReferenceUpdate> of(City city, long time) {
        return of(city, CityFiles.meta(city), time);
    }

    /**
     * As {@link #of(City, long)}, with {@code cityJson} (the directory's own {@code city.json},
     * bounds included) as the CITY record.
     */
    public static List<ReferenceUpdate> of(City city, ObjectNode cityJson, long time) {
        List<ReferenceUpdate> out = new ArrayList<>();
        out.add(upsert(CityInfo.KIND, CityInfo.ID, cityJson, time));
        city.grids().forEach(g -> out.add(upsert("GRID", g.gridCode(), CityCodec.grid(g), time)));
        city.sites().forEach(s -> out.add(upsert("SITE", s.siteId(), CityCodec.site(s), time)));
        city.zones().forEach(z -> out.add(upsert("ZONE", z.zoneId(), CityCodec.zone(z), time)));
        city.permits()
                .forEach(p -> out.add(upsert("PERMIT", p.permitId(), CityCodec.permit(p), time)));
        city.trucks().forEach(t -> out.add(upsert("TRUCK", t.truckId(), CityCodec.truck(t), time)));
        city.officers()
                .forEach(
                        o -> out.add(upsert("OFFICER", o.officerId(), CityCodec.officer(o), time)));
        city.devices()
                .forEach(d -> out.add(upsert("DEVICE", d.deviceId(), CityCodec.device(d), time)));
        city.addresses()
                .forEach(
                        a -> out.add(upsert("ADDRESS", a.addressId(), CityCodec.address(a), time)));
        city.shops().forEach(s -> out.add(upsert("SHOP", s.shopId(), CityCodec.shop(s), time)));
        return out;
    }

    /** The record key on the compacted topic: one live record per object. */
    public static String key(ReferenceUpdate u) {
        return u.kind() + ":" + u.id();
    }

    private static ReferenceUpdate upsert(String kind, String id, ObjectNode payload, long time) {
        return new ReferenceUpdate(kind, id, "UPSERT", time, payload.toString());
    }
}

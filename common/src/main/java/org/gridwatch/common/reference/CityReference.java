package org.gridwatch.common.reference;

import com.fasterxml.jackson.databind.JsonNode;
import org.gridwatch.common.city.Address;
import org.gridwatch.common.city.City;
import org.gridwatch.common.city.CityCodec;
import org.gridwatch.common.city.Device;
import org.gridwatch.common.city.Grid;
import org.gridwatch.common.city.Officer;
import org.gridwatch.common.city.Permit;
import org.gridwatch.common.city.Shop;
import org.gridwatch.common.city.Site;
import org.gridwatch.common.city.Truck;
import org.gridwatch.common.city.Zone;
import org.gridwatch.common.city.check.CityBounds;
import org.gridwatch.common.geo.GeoIndex;
import org.gridwatch.common.geo.LocalProjection;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.ReasonCodes;
import org.gridwatch.common.model.ReferenceUpdate;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The reference data a detector consults, kept current by {@code gridwatch.reference} updates:
 * grids, sites, zones, permits, trucks, officers, devices, addresses (门牌地址库) and rule thresholds.
 * Spatial indexes are built lazily, once per version of the data they cover (never per event), so a
 * burst of updates costs one rebuild at the next lookup.
 *
 * <p>Not thread-safe; each parallel operator instance owns one. No Flink imports: the
 * broadcast-state wiring is {@code org.gridwatch.common.flink.ReferenceHolder}.
 */
public final class CityReference {
    /**
     * The kinds of {@code gridwatch.reference} updates the jobs apply; any other is refused as
     * unknown_kind.
     */
    public static final Set<String> KINDS =
            Set.of(
                    "CITY", "GRID", "SITE", "ZONE", "PERMIT", "TRUCK", "OFFICER", "DEVICE",
                    "ADDRESS", "SHOP", "RULE");

    private final Map<String, Grid> grids = new LinkedHashMap<>();
    private final Map<String, Site> sites = new LinkedHashMap<>();
    private final Map<String, Zone> zones = new LinkedHashMap<>();
    private final Map<String, Permit> permits = new LinkedHashMap<>();
    private final Map<String, Truck> trucks = new LinkedHashMap<>();
    private final Map<String, Officer> officers = new LinkedHashMap<>();
    private final Map<String, Device> devices = new LinkedHashMap<>();
    private final Map<String, Address> addresses = new LinkedHashMap<>();
    private final Map<String, Shop> shops = new LinkedHashMap<>();
    private final Rules rules = new Rules();
    private ZoneId zone;

    /**
     * The box updates' positions must lie in; null: only in China (no city files or CITY record to
     * take it from).
     */
    private CityBounds bounds;

    private LocalProjection projection;
    private long version;

    /**
     * Changes per kind: an index is rebuilt when its own kind changed, not at every update (a burst
     * of truck or officer updates once rebuilt the grid index before each ping).
     */
    private final Map<String, Long> changes = new HashMap<>();

    private long gridIndexVersion = -1;
    private GeoIndex<Grid> gridIndex;
    private long siteIndexVersion = -1;
    private GeoIndex<Site> siteIndex;
    private long zoneIndexVersion = -1;
    private GeoIndex<Zone> prohibitedIndex;
    private GeoIndex<Zone> noiseIndex;
    private long permitsByTruckVersion = -1;
    private Map<String, List<Permit>> permitsByTruck;
    private long addressBookVersion = -1;
    private AddressBook addressBook;

    /**
     * An empty reference in {@code zone}; the projection centre is taken from the first grid that
     * arrives.
     */
    public CityReference(ZoneId zone) {
        this(zone, null);
    }

    /**
     * An empty reference whose updates must lie within {@code bounds} (null: anywhere in China).
     */
    public CityReference(ZoneId zone, CityBounds bounds) {
        this.zone = zone;
        this.bounds = bounds;
    }

    /**
     * The city's files as the base; updates must lie within {@link CityBounds#DEFAULT_REACH_KM} of
     * its centre.
     */
    public static CityReference of(City city) {
        CityReference r =
                new CityReference(
                        city.zone(),
                        CityBounds.around(
                                city.centerLat(), city.centerLon(), CityBounds.DEFAULT_REACH_KM));
        r.projection = new LocalProjection(city.centerLat(), city.centerLon());
        city.grids().forEach(g -> r.grids.put(g.gridCode(), g));
        city.sites().forEach(s -> r.sites.put(s.siteId(), s));
        city.zones().forEach(z -> r.zones.put(z.zoneId(), z));
        city.permits().forEach(p -> r.permits.put(p.permitId(), p));
        city.trucks().forEach(t -> r.trucks.put(t.truckId(), t));
        city.officers().forEach(o -> r.officers.put(o.officerId(), o));
        city.devices().forEach(d -> r.devices.put(d.deviceId(), d));
        city.addresses().forEach(a -> r.addresses.put(a.addressId(), a));
        city.shops().forEach(s -> r.shops.put(s.shopId(), s));
        r.version = 1;
        return r;
    }

    /**
     * Applies one update, or leaves everything as it was: returns false for kinds not in {@link
     * #KINDS}, and throws {@link IllegalArgumentException} with the reason when the payload is
     * unusable ({@link ReferenceRejected}, with its dead-letter reason, when it decodes but must
     * not take effect: see {@link ReferenceChecks} and {@link RuleCatalog}).
     */
    public boolean apply(ReferenceUpdate u) {
        if (!KINDS.contains(u.kind())) {
            return false;
        }
        boolean delete = "DELETE".equals(u.op());
        JsonNode payload = delete ? null : Json.read(u.payload());
        if (u.kind().equals(CityInfo.KIND)) {
            return city(u, payload);
        }
        if (!delete && !u.kind().equals("RULE")) {
            payload = PayloadIds.reconcile(u, payload);
            ReferenceChecks.check(u.kind(), u.id(), payload, bounds);
        }
        boolean known =
                switch (u.kind()) {
                    case "GRID" -> put(grids, u.id(), delete, payload, CityCodec::grid);
                    case "SITE" -> put(sites, u.id(), delete, payload, CityCodec::site);
                    case "ZONE" -> put(zones, u.id(), delete, payload, CityCodec::zone);
                    case "PERMIT" ->
                            put(
                                    permits,
                                    u.id(),
                                    delete,
                                    payload,
                                    f -> {
                                        Permit p = CityCodec.permit(f);
                                        ReferenceChecks.permit(p);
                                        return p;
                                    });
                    case "TRUCK" -> put(trucks, u.id(), delete, payload, CityCodec::truck);
                    case "OFFICER" -> put(officers, u.id(), delete, payload, CityCodec::officer);
                    case "DEVICE" -> put(devices, u.id(), delete, payload, CityCodec::device);
                    case "ADDRESS" -> put(addresses, u.id(), delete, payload, CityCodec::address);
                    case "SHOP" -> put(shops, u.id(), delete, payload, CityCodec::shop);
                    case "RULE" -> {
                        rules.set(u.id(), delete ? null : payload);
                        yield true;
                    }
                    default -> false;
                };
        if (known) {
            version++;
            changes.merge(u.kind(), 1L, Long::sum);
        }
        return known;
    }

    /**
     * The city itself: its zone, centre and bounds replace the ones in force. It cannot be deleted
     * (a job without a city has no clock to read local times by), and it has one id, {@value
     * CityInfo#ID}.
     */
    private boolean city(ReferenceUpdate u, JsonNode payload) {
        if (payload == null) {
            throw new ReferenceRejected(
                    ReasonCodes.BAD_REFERENCE, "the CITY record cannot be deleted");
        }
        if (!CityInfo.ID.equals(u.id())) {
            throw new ReferenceRejected(
                    ReasonCodes.BAD_REFERENCE,
                    "the CITY record's id is '"
                            + CityInfo.ID
                            + "' (one city per reference topic), got '"
                            + u.id()
                            + "'");
        }
        CityInfo city = CityInfo.decode(payload);
        zone = city.zone();
        bounds = city.bounds();
        projection = new LocalProjection(city.centerLat(), city.centerLon());
        version++;
        // A new projection changes every index built on it.
        KINDS.forEach(k -> changes.merge(k, 1L, Long::sum));
        return true;
    }

    private static <T> boolean put(
            Map<String, T> map,
            String id,
            boolean delete,
            JsonNode payload,
            Function<JsonNode, T> decode) {
        if (delete) {
            map.remove(id);
        } else {
            map.put(id, decode.apply(payload));
        }
        return true;
    }

    private long changesOf(String kind) {
        return changes.getOrDefault(kind, 0L);
    }

    /** Increases with every applied update; detectors compare it to notice a change. */
    public long version() {
        return version;
    }

    public ZoneId zone() {
        return zone;
    }

    public Rules rules() {
        return rules;
    }

    public LocalProjection projection() {
        if (projection == null) {
            Grid first = grids.values().stream().findFirst().orElse(null);
            if (first == null) {
                return new LocalProjection(31.1, 121.4);
            }
            projection =
                    new LocalProjection(
                            first.polygon().getCentroid().getY(),
                            first.polygon().getCentroid().getX());
        }
        return projection;
    }

    public Map<String, Grid> grids() {
        return grids;
    }

    public Map<String, Site> sites() {
        return sites;
    }

    public Map<String, Zone> zones() {
        return zones;
    }

    public Map<String, Permit> permits() {
        return permits;
    }

    public Map<String, Truck> trucks() {
        return trucks;
    }

    public Map<String, Officer> officers() {
        return officers;
    }

    public Map<String, Device> devices() {
        return devices;
    }

    public Map<String, Address> addresses() {
        return addresses;
    }

    /** The shops on file (一店一档), by id. */
    public Map<String, Shop> shops() {
        return shops;
    }

    /**
     * Changes to the shops since this reference was built: a spatial index of the frontages is
     * rebuilt when this moves, not at every update of another kind.
     */
    public long shopsVersion() {
        return changesOf("SHOP");
    }

    /**
     * The address table entry for a complaint's address text ({@link AddressBook}: exact,
     * normalised, without city/district).
     */
    public AddressBook.Match findAddress(String text) {
        if (addressBookVersion != changesOf("ADDRESS")) {
            addressBook = new AddressBook(addresses.values());
            addressBookVersion = changesOf("ADDRESS");
        }
        return addressBook.find(text);
    }

    /** The unit grid containing the point, or null. */
    public Grid gridAt(double lat, double lon) {
        if (gridIndexVersion != changesOf("GRID")) {
            gridIndex =
                    GeoIndex.build(projection(), new ArrayList<>(grids.values()), Grid::polygon);
            gridIndexVersion = changesOf("GRID");
        }
        return gridIndex.firstContaining(lat, lon);
    }

    /** Construction, disposal and depot sites within {@code marginM} metres of the point. */
    public List<Site> sitesNear(double lat, double lon, double marginM) {
        return siteIndex().within(lat, lon, marginM);
    }

    public GeoIndex<Site> siteIndex() {
        if (siteIndexVersion != changesOf("SITE")) {
            siteIndex =
                    GeoIndex.build(projection(), new ArrayList<>(sites.values()), Site::polygon);
            siteIndexVersion = changesOf("SITE");
        }
        return siteIndex;
    }

    /** Prohibited-for-trucks zones containing the point (whatever their hours). */
    public List<Zone> prohibitedZonesAt(double lat, double lon) {
        zoneIndexes();
        return prohibitedIndex.within(lat, lon, 0);
    }

    /** The noise zone class area containing the point, or null. */
    public Zone noiseZoneAt(double lat, double lon) {
        zoneIndexes();
        return noiseIndex.firstContaining(lat, lon);
    }

    private void zoneIndexes() {
        if (zoneIndexVersion != changesOf("ZONE")) {
            List<Zone> prohibited = new ArrayList<>();
            List<Zone> noise = new ArrayList<>();
            for (Zone z : zones.values()) {
                (z.kind() == Zone.Kind.PROHIBITED_TRUCK ? prohibited : noise).add(z);
            }
            prohibitedIndex = GeoIndex.build(projection(), prohibited, Zone::polygon);
            noiseIndex = GeoIndex.build(projection(), noise, Zone::polygon);
            zoneIndexVersion = changesOf("ZONE");
        }
    }

    /** Every permit issued to the truck (valid or not; callers check dates and hours). */
    public List<Permit> permitsOf(String truckId) {
        if (permitsByTruckVersion != changesOf("PERMIT")) {
            permitsByTruck = new LinkedHashMap<>();
            permits.values()
                    .forEach(
                            p ->
                                    permitsByTruck
                                            .computeIfAbsent(p.truckId(), k -> new ArrayList<>())
                                            .add(p));
            permitsByTruckVersion = changesOf("PERMIT");
        }
        return permitsByTruck.getOrDefault(truckId, List.of());
    }
}

package org.gridwatch.gateway;

import org.gridwatch.common.city.CityCodec;
import org.gridwatch.common.city.Truck;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.gateway.codec.Bcd;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which truck a terminal phone number belongs to. A truck matches by its {@code terminalPhone}, or,
 * when it has none, by its {@code truckId} read as a phone number. Numbers compare in {@link
 * Bcd#canonicalPhone} form, so 2013 and 2019 spellings match. An unknown number reports as entity
 * {@code jt808-<canonical phone>}: its positions still reach the jobs, under an id nobody's permit
 * names. Thread-safe: {@link #apply} takes {@code gridwatch.reference} updates while the gateway
 * runs ({@code ReferenceFollower}), so a truck published with {@code city publish} maps at once.
 */
public final class TerminalDirectory {
    /** Prefix of the entity id of a terminal that matches no truck. */
    public static final String UNMAPPED_PREFIX = "jt808-";

    /**
     * The entity a terminal reports as, and the plate the reference data knows for it (or null).
     */
    public record Terminal(String entityId, String plate, boolean known) {}

    private final Map<String, Terminal> byPhone = new ConcurrentHashMap<>();

    /**
     * The phone each truck is mapped under, so that a changed or deleted truck leaves no stale
     * mapping.
     */
    private final Map<String, String> phoneByTruck = new ConcurrentHashMap<>();

    public static TerminalDirectory of(Collection<Truck> trucks) {
        TerminalDirectory d = new TerminalDirectory();
        trucks.forEach(d::put);
        return d;
    }

    public static TerminalDirectory empty() {
        return new TerminalDirectory();
    }

    /**
     * Adds or replaces a truck. A truck id that is not digits and no terminal phone maps nothing.
     */
    public synchronized void put(Truck t) {
        remove(t.truckId());
        String phone =
                t.terminalPhone() != null && !t.terminalPhone().isBlank()
                        ? t.terminalPhone().trim()
                        : t.truckId();
        if (phone != null
                && !phone.isEmpty()
                && phone.length() <= 20
                && phone.chars().allMatch(Character::isDigit)) {
            String canonical = Bcd.canonicalPhone(phone);
            byPhone.put(canonical, new Terminal(t.truckId(), t.plate(), true));
            phoneByTruck.put(t.truckId(), canonical);
        }
    }

    /** Forgets a truck; its terminal then reports as unmapped. */
    public synchronized void remove(String truckId) {
        String phone = phoneByTruck.remove(truckId);
        if (phone != null) {
            // only if the phone still maps to this truck: another truck may have taken the terminal
            // over since
            byPhone.computeIfPresent(phone, (k, t) -> t.entityId().equals(truckId) ? null : t);
        }
    }

    /**
     * Applies a reference update: TRUCK upserts and deletes change the directory, other kinds are
     * not its business.
     */
    public void apply(ReferenceUpdate u) {
        if (!"TRUCK".equals(u.kind())) {
            return;
        }
        if ("DELETE".equals(u.op())) {
            remove(u.id());
        } else {
            put(CityCodec.truck(Json.read(u.payload())));
        }
    }

    public Terminal lookup(String phoneDigits) {
        String canonical = Bcd.canonicalPhone(phoneDigits);
        Terminal t = byPhone.get(canonical);
        return t != null ? t : new Terminal(UNMAPPED_PREFIX + canonical, null, false);
    }

    public int size() {
        return byPhone.size();
    }
}

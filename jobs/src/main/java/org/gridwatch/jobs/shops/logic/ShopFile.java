package org.gridwatch.jobs.shops.logic;

import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.model.ShopViolation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live file of one shop (一店一档): its violation records (camera occurrences and inspections' own
 * findings), latest inspection, cases and complaints, and the open SHOP_REPEAT_VIOLATION episode.
 * Records must be applied in event-time order ({@link #apply}); what the file keeps is bounded by
 * {@link #prune}: records, complaints and closed cases for {@link #RETENTION_MS} (365 days, the
 * longest count), duplicate keys for twice the gone-after time.
 *
 * <p>A mutable POJO (public fields, no-arg constructor) so Flink keeps it in state as a POJO.
 */
public final class ShopFile {
    public static final long DAY_MS = 86_400_000L;
    public static final long RETENTION_MS = 365 * DAY_MS;

    /** What an input did to the file. */
    public enum Applied {
        /** Same device, shop, position and time as one already seen: changed nothing. */
        DUPLICATE,
        /** Started a violation record (a camera occurrence or an inspection's own finding). */
        NEW_RECORD,
        /** Joined a record: a further report of an occurrence, or an inspection confirming it. */
        JOINED,
        /** Went into the file without being a violation record (in-order inspection, case). */
        NOTED
    }

    public String shopId;

    /** Violation records, oldest start first. */
    public List<ViolationRecord> records = new ArrayList<>();

    /** Records since the file began (never pruned): what the simulator's count is checked with. */
    public long totalRecords;

    /** Duplicate keys of recent inputs and their event times. */
    public Map<String, Long> seen = new HashMap<>();

    public Inspection lastInspection;
    public Map<String, ShopCase> cases = new LinkedHashMap<>();

    /** Event times of complaints at or naming the shop. */
    public List<Long> complaints = new ArrayList<>();

    /** The open repeat-violation episode, or null. */
    public Episode episode;

    public long lastActivity = Long.MIN_VALUE;

    /** External version of the last document written: strictly increasing. */
    public long docVersion = -1;

    public ShopFile() {}

    public static ShopFile of(String shopId) {
        ShopFile f = new ShopFile();
        f.shopId = shopId;
        return f;
    }

    public Applied apply(ShopEvent e, ShopRules rules) {
        String key = e.dedupKey();
        if (seen.containsKey(key)) {
            return Applied.DUPLICATE;
        }
        seen.put(key, e.time());
        lastActivity = Math.max(lastActivity, e.time());
        return switch (e.kind()) {
            case ShopEvent.DETECTION -> detection(e, rules);
            case ShopEvent.INSPECTION -> inspection(e, rules);
            case ShopEvent.COMPLAINT -> complaint(e);
            case ShopEvent.CASE_CLOSED -> closure(e);
            default -> Applied.NOTED;
        };
    }

    private Applied detection(ShopEvent e, ShopRules rules) {
        if (e.violation() == null) {
            return Applied.NOTED;
        }
        ViolationRecord ongoing = ongoing(e.violation(), e.time(), rules);
        if (ongoing != null) {
            ongoing.lastReport = Math.max(ongoing.lastReport, e.time());
            ongoing.reports++;
            return Applied.JOINED;
        }
        add(ViolationRecord.of(e, ViolationRecord.CAMERA));
        return Applied.NEW_RECORD;
    }

    private Applied inspection(ShopEvent e, ShopRules rules) {
        if (lastInspection == null || e.time() >= lastInspection.time) {
            Inspection i = new Inspection();
            i.officer = e.device();
            i.time = e.time();
            i.violation = e.violation();
            i.photoUrl = e.photoUrl();
            lastInspection = i;
        }
        if (e.violation() == null) {
            return Applied.NOTED;
        }
        ViolationRecord ongoing = ongoing(e.violation(), e.time(), rules);
        if (ongoing != null) {
            if (ongoing.confirmedBy == null) {
                ongoing.confirmedBy = e.device();
                ongoing.confirmPhotoUrl = e.photoUrl();
            }
            return Applied.JOINED;
        }
        add(ViolationRecord.of(e, ViolationRecord.INSPECTION));
        return Applied.NEW_RECORD;
    }

    /**
     * The camera occurrence of this violation still going at {@code t}: its latest report no more
     * than gone-after before t.
     */
    private ViolationRecord ongoing(ShopViolation v, long t, ShopRules rules) {
        for (int i = records.size() - 1; i >= 0; i--) {
            ViolationRecord r = records.get(i);
            if (r.violation == v && ViolationRecord.CAMERA.equals(r.source)) {
                return r.start <= t && t - r.lastReport <= rules.goneAfterMs() ? r : null;
            }
        }
        return null;
    }

    private void add(ViolationRecord r) {
        int at = records.size();
        while (at > 0 && records.get(at - 1).start > r.start) {
            at--;
        }
        records.add(at, r);
        totalRecords++;
    }

    private Applied complaint(ShopEvent e) {
        complaints.add(e.time());
        if (e.caseId() != null) {
            ShopCase c = cases.computeIfAbsent(e.caseId(), id -> new ShopCase());
            c.caseId = e.caseId();
            if (c.received < 0 || e.time() < c.received) {
                c.received = e.time();
            }
            if (c.category == null) {
                c.category = e.category();
            }
        }
        return Applied.NOTED;
    }

    private Applied closure(ShopEvent e) {
        ShopCase c = cases.computeIfAbsent(e.caseId(), id -> new ShopCase());
        c.caseId = e.caseId();
        c.closed = e.time();
        c.outcome = e.outcome();
        return Applied.NOTED;
    }

    /** The record a NEW_RECORD input started: the newest starting at that time from that device. */
    public ViolationRecord startedBy(ShopEvent e) {
        for (int i = records.size() - 1; i >= 0; i--) {
            ViolationRecord r = records.get(i);
            if (r.start == e.time() && java.util.Objects.equals(r.device, e.device())) {
                return r;
            }
        }
        return null;
    }

    /** Records of each violation type starting in (now - days, now]. */
    public Map<ShopViolation, Integer> counts(long now, int days) {
        Map<ShopViolation, Integer> out = new EnumMap<>(ShopViolation.class);
        for (ShopViolation v : ShopViolation.values()) {
            out.put(v, 0);
        }
        for (ViolationRecord r : records) {
            if (r.start > now - days * DAY_MS && r.start <= now) {
                out.merge(r.violation, 1, Integer::sum);
            }
        }
        return out;
    }

    /** Records starting in (now - windowMs, now]. */
    public int recordsWithin(long now, long windowMs) {
        int n = 0;
        for (ViolationRecord r : records) {
            if (r.start > now - windowMs && r.start <= now) {
                n++;
            }
        }
        return n;
    }

    public List<ShopCase> openCases() {
        return cases.values().stream().filter(ShopCase::isOpen).toList();
    }

    /** Drops what no count needs any more; true when nothing is left worth keeping. */
    public boolean prune(long now, ShopRules rules) {
        records.removeIf(r -> r.start <= now - RETENTION_MS);
        complaints.removeIf(t -> t <= now - RETENTION_MS);
        cases.values()
                .removeIf(
                        c ->
                                !c.isOpen() && c.closed <= now - RETENTION_MS
                                        || c.isOpen()
                                                && c.received >= 0
                                                && c.received <= now - RETENTION_MS);
        long keep = 2 * rules.goneAfterMs();
        for (Iterator<Long> it = seen.values().iterator(); it.hasNext(); ) {
            if (it.next() < now - keep) {
                it.remove();
            }
        }
        return records.isEmpty() && complaints.isEmpty() && cases.isEmpty() && episode == null;
    }
}

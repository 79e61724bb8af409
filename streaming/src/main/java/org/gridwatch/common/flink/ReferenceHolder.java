package org.gridwatch.common.flink;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;

import org.gridwatch.common.city.CityFiles;
import org.gridwatch.common.config.JobSettings;
import org.gridwatch.common.json.Json;
import org.gridwatch.common.model.ReferenceUpdate;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.common.reference.ReferenceSnapshot;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Reference data inside a broadcast operator. The base is the city's files (when the job has {@code
 * --city}) or else {@code gridwatch.reference} as it stood when the job was built ({@link
 * ReferenceSnapshot}, read by {@code ReferenceBootstrap}: the job's reference source then starts
 * where that snapshot ends). Every update the job reads is applied on top and also kept in
 * broadcast state (latest per kind and id), so after a restore from a checkpoint the same reference
 * is rebuilt from the base plus the state. The decoded {@link CityReference} is transient: each
 * parallel instance builds it at its first use.
 *
 * <p>Use: {@code ReferenceHolder.broadcast(referenceStream)} once per job, connect a keyed stream
 * to it, and in the function call {@link #get} (elements) or {@link #update} (broadcast elements).
 * Broadcast state is never cleared (it is the reference itself); DELETEs stay as tombstones so a
 * deleted object does not come back from the base after a restore.
 *
 * <p>After a restore into a newly built job, the base is the topic as it stands now while the state
 * is as of the checkpoint; the state goes on top, so an object changed between the checkpoint and
 * the new start shows its checkpointed version until the source, resuming from the checkpoint's
 * offsets, reads the change again (seconds: the topic is small).
 */
public final class ReferenceHolder implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final MapStateDescriptor<String, ReferenceUpdate> STATE =
            new MapStateDescriptor<>(
                    "reference-updates", Types.STRING, TypeInformation.of(ReferenceUpdate.class));

    private final String cityDir;
    private final String zoneId;
    private final ReferenceSnapshot snapshot;
    private transient CityReference reference;

    /** The city's time zone when a job has no city files to read it from. */
    public static final ZoneId DEFAULT_ZONE = CityFiles.DEFAULT_ZONE;

    /**
     * The holder every detector of a job uses: the files of {@code --city}, else the reference
     * topic's snapshot, as the base.
     */
    public static ReferenceHolder of(JobSettings settings) {
        return new ReferenceHolder(settings.cityDir(), settings.cityZone(), settings.reference());
    }

    /**
     * @param cityDir directory of city files, or null; @param zone the city's zone when there are
     *     no files
     */
    public ReferenceHolder(String cityDir, ZoneId zone) {
        this(cityDir, zone, null);
    }

    /**
     * @param snapshot the reference topic as read before the job started, the base when there are
     *     no city files (or null)
     */
    public ReferenceHolder(String cityDir, ZoneId zone, ReferenceSnapshot snapshot) {
        this.cityDir = cityDir;
        this.zoneId = zone.getId();
        this.snapshot = cityDir == null ? snapshot : null;
    }

    /**
     * The reference stream broadcast to every instance. It is idle for event time, always: a quiet
     * reference topic must never hold back the clock of the stream it joins, and it must not move
     * that clock either. (It used to carry the maximum watermark instead; when the joined stream
     * went idle, a quiet hotline partition say, the operator's watermark became that maximum, every
     * timer fired as at the end of input, and later events could never be processed.)
     */
    public static BroadcastStream<ReferenceUpdate> broadcast(
            DataStream<ReferenceUpdate> updates, String uidSuffix) {
        return idleForEventTime(updates, uidSuffix).broadcast(STATE);
    }

    /**
     * The reference updates, idle for event time (see {@link #broadcast}), for a detection that
     * broadcasts them together with a stream of its own (uid {@code reference-clock-<suffix>}).
     */
    public static DataStream<ReferenceUpdate> idleForEventTime(
            DataStream<ReferenceUpdate> updates, String uidSuffix) {
        return updates.assignTimestampsAndWatermarks(
                        WatermarkStrategy.<ReferenceUpdate>forGenerator(ctx -> new AlwaysIdle())
                                .withTimestampAssigner((u, ts) -> u.eventTime()))
                .uid("reference-clock-" + uidSuffix)
                .name("Reference (idle for event time)");
    }

    public CityReference get(ReadOnlyBroadcastState<String, ReferenceUpdate> state)
            throws Exception {
        if (reference == null) {
            CityReference r = initial();
            // By their time, not the map's order; at equal times a RULE group before single rules,
            // whose keys the group did not set later (update() drops the single rules a group
            // supersedes).
            List<ReferenceUpdate> kept = new ArrayList<>();
            for (Map.Entry<String, ReferenceUpdate> e : state.immutableEntries()) {
                kept.add(e.getValue());
            }
            kept.sort(REPLAY_ORDER);
            for (ReferenceUpdate u : kept) {
                applyQuietly(r, u);
            }
            reference = r;
        }
        return reference;
    }

    /** Applies an update and remembers it; returns false when the update was not usable here. */
    public boolean update(BroadcastState<String, ReferenceUpdate> state, ReferenceUpdate u)
            throws Exception {
        CityReference r = get(state);
        if (!applyQuietly(r, u)) {
            return false;
        }
        if (isRuleGroup(u)) {
            for (String key : ruleKeys(u)) {
                state.remove("RULE:" + u.id() + "." + key);
            }
        }
        state.put(u.kind() + ":" + u.id(), u);
        return true;
    }

    private static final Comparator<ReferenceUpdate> REPLAY_ORDER =
            Comparator.comparingLong(ReferenceUpdate::eventTime)
                    .thenComparing(u -> u.id().contains(".") ? 1 : 0)
                    .thenComparing(ReferenceUpdate::kind)
                    .thenComparing(ReferenceUpdate::id);

    /**
     * A RULE update setting several keys of one family at once ({@code RULE cases {"radiusMeters":
     * 200}}).
     */
    private static boolean isRuleGroup(ReferenceUpdate u) {
        return "RULE".equals(u.kind())
                && "UPSERT".equals(u.op())
                && !u.id().contains(".")
                && u.payload() != null;
    }

    private static List<String> ruleKeys(ReferenceUpdate group) {
        List<String> keys = new ArrayList<>();
        try {
            Json.MAPPER.readTree(group.payload()).fieldNames().forEachRemaining(keys::add);
        } catch (Exception e) {
            // not an object: it set no keys
        }
        return keys;
    }

    private static boolean applyQuietly(CityReference r, ReferenceUpdate u) {
        try {
            return r.apply(u);
        } catch (RuntimeException e) {
            // The parser already sent undecodable payloads to the dead letter; anything left is
            // ignored.
            return false;
        }
    }

    private CityReference initial() {
        if (cityDir == null && snapshot != null && snapshot.city() != null) {
            return snapshot.toReference();
        }
        if (cityDir == null) {
            return new CityReference(ZoneId.of(zoneId));
        }
        try {
            return CityReference.of(CityFiles.read(Path.of(cityDir)));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the city's reference files in " + cityDir, e);
        }
    }

    /** Declares the stream idle and never emits a watermark: it takes no part in event time. */
    private static final class AlwaysIdle implements WatermarkGenerator<ReferenceUpdate> {
        @Override
        public void onEvent(ReferenceUpdate event, long eventTimestamp, WatermarkOutput output) {
            output.markIdle();
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.markIdle();
        }
    }
}

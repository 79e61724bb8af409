package org.gridwatch.jobs.trucks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.util.Collector;
import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.model.Severity;
import org.gridwatch.jobs.trucks.logic.TruckMessages;
import org.gridwatch.jobs.trucks.logic.TruckObservation;

/**
 * TRUCK_SUSPECTED_DUMPING as two Flink CEP patterns over a truck's observations (package README):
 *
 * <ul>
 *   <li>{@link #confirmed()}: moving, then stopped on a trip, staying near the first stop ping,
 *       until a stop ping {@code truck.stopMin} after the first while most of the stop's fixes are
 *       outside every site: the OPEN revision, raised while the truck still stands there;
 *   <li>{@link #ended()}: the same stop followed by the first observation that is not part of it:
 *       a ping moving on, or the silence marker {@link TruckFunction} emits when the truck has sent
 *       nothing for {@code truck.signalLostAfter} (the signal dropped): the CLOSED revision, with the
 *       stop's whole duration.
 * </ul>
 *
 * <p>Both derive the same alert id from the truck and the stop's first ping, so the two revisions
 * are one alert; the revision number orders them in Elasticsearch whatever order they arrive in.
 * Thresholds travel with each observation (read from the rules in force when the ping was
 * processed). Partial matches older than {@link #MAX_STOP} are dropped, so the pattern state of a
 * truck that vanishes is cleared.
 */
public final class DumpingPatterns {
    /** Longest stop (and partial match) the patterns follow. */
    public static final Duration MAX_STOP = Duration.ofHours(6);

    private DumpingPatterns() {}

    public static Pattern<TruckObservation, TruckObservation> confirmed() {
        return stop().next("held").where(new Held()).within(MAX_STOP);
    }

    public static Pattern<TruckObservation, TruckObservation> ended() {
        return stop().next("after").where(new After()).within(MAX_STOP);
    }

    private static Pattern<TruckObservation, TruckObservation> stop() {
        return Pattern.<TruckObservation>begin("moving", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(TruckObservation::moving))
                .next("stop").where(new InStop()).oneOrMore().consecutive();
    }

    private static TruckObservation first(IterativeCondition.Context<TruckObservation> ctx) throws Exception {
        for (TruckObservation o : ctx.getEventsForPattern("stop")) {
            return o;
        }
        return null;
    }

    /** Part of the current stop: stopped on a trip, near the stop's first ping, on the same trip. */
    static boolean partOf(TruckObservation o, TruckObservation first) {
        return o.stoppedOnTrip() && (first == null || (o.staysNear(first) && Objects.equals(o.tripId(), first.tripId())));
    }

    /**
     * The stop is outside every site when most of its fixes are: near a site's fence GPS noise puts
     * some fixes of a truck standing just outside within the margin (and of a truck queuing at the
     * gate, some outside it), so one fix must not decide.
     */
    static boolean outsideSites(Iterable<TruckObservation> stop, TruckObservation last) {
        int outside = last != null && last.outsideSites() ? 1 : 0;
        int all = last != null ? 1 : 0;
        for (TruckObservation o : stop) {
            all++;
            outside += o.outsideSites() ? 1 : 0;
        }
        return 2 * outside > all;
    }

    static final class InStop extends IterativeCondition<TruckObservation> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(TruckObservation o, Context<TruckObservation> ctx) throws Exception {
            return partOf(o, first(ctx));
        }
    }

    static final class Held extends IterativeCondition<TruckObservation> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(TruckObservation o, Context<TruckObservation> ctx) throws Exception {
            TruckObservation first = first(ctx);
            return first != null && partOf(o, first) && o.time() - first.time() >= first.stopMinMs()
                    && outsideSites(ctx.getEventsForPattern("stop"), o);
        }
    }

    static final class After extends IterativeCondition<TruckObservation> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(TruckObservation o, Context<TruckObservation> ctx) throws Exception {
            TruckObservation first = first(ctx);
            return first != null && !partOf(o, first);
        }
    }

    /** The OPEN revision, at the ping that made the stop long enough. */
    public static final class ToOpen extends PatternProcessFunction<TruckObservation, Alert> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processMatch(Map<String, List<TruckObservation>> match, Context ctx, Collector<Alert> out) {
            TruckObservation held = match.get("held").get(0);
            List<TruckObservation> stop = new ArrayList<>(match.get("stop"));
            stop.add(held);
            Stop s = new Stop(match.get("moving").get(0), stop, null);
            Episode e = s.episode();
            long min = (held.time() - s.first().time()) / 60_000;
            out.collect(e.emit(held.time(), ctx.currentProcessingTime(), TruckMessages.dumpingZh(s.label(), min, s.strong()),
                    TruckMessages.dumpingEn(s.label(), min, s.strong())));
        }
    }

    /** The CLOSED revision, when the truck moves on or its signal drops. */
    public static final class ToClosed extends PatternProcessFunction<TruckObservation, Alert> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processMatch(Map<String, List<TruckObservation>> match, Context ctx, Collector<Alert> out) {
            TruckObservation after = match.get("after").get(0);
            Alert a = close(match, after.silence() ? null : after, ctx.currentProcessingTime());
            if (a != null) {
                out.collect(a);
            }
        }

        private static Alert close(Map<String, List<TruckObservation>> match, TruckObservation after, long now) {
            Stop s = new Stop(match.get("moving").get(0), match.get("stop"), after);
            if (s.last().time() - s.first().time() < s.first().stopMinMs() || !outsideSites(s.stop(), null)) {
                return null;
            }
            Episode e = s.episode();
            e.revision = 0;
            long end = after != null ? after.time() : s.last().time();
            long min = (end - s.first().time()) / 60_000;
            String zh = TruckMessages.dumpingZh(s.label(), min, s.strong()) + (after != null ? "，已驶离" : "，随后信号中断");
            String en = TruckMessages.dumpingEn(s.label(), min, s.strong()) + (after != null ? "; it has moved on" : "; then its signal dropped");
            return e.close(end, now, zh, en);
        }
    }

    /** One stop and what came just before and after it. */
    private record Stop(TruckObservation moving, List<TruckObservation> stop, TruckObservation after) {
        TruckObservation first() {
            return stop.get(0);
        }

        TruckObservation last() {
            return stop.get(stop.size() - 1);
        }

        String label() {
            return first().plate() != null ? first().plate() : first().truckId();
        }

        boolean boxLifted() {
            return stop.stream().anyMatch(TruckObservation::boxLifted);
        }

        /** Full before the stop, empty during or right after it. */
        boolean emptied() {
            boolean fullBefore = moving.load() == TruckObservation.LOAD_FULL || first().load() == TruckObservation.LOAD_FULL;
            boolean emptyAfter = stop.stream().anyMatch(o -> o.load() == TruckObservation.LOAD_EMPTY)
                    || (after != null && after.load() == TruckObservation.LOAD_EMPTY);
            return fullBefore && emptyAfter;
        }

        boolean strong() {
            return boxLifted() || emptied();
        }

        Episode episode() {
            TruckObservation f = first();
            Episode e = Episode.open(AlertType.TRUCK_SUSPECTED_DUMPING, "TRUCK", f.truckId(), f.time(), strong() ? Severity.HIGH : Severity.MEDIUM)
                    .at(f.lat(), f.lon(), f.gridCode(), f.district());
            e.attribute("plate", f.plate()).attribute("tripId", f.tripId()).attribute("permitId", f.permitId());
            long end = after != null ? after.time() : last().time();
            e.attribute("stopMinutes", Long.toString((end - f.time()) / 60_000));
            e.attribute("stopLat", Double.toString(f.lat())).attribute("stopLon", Double.toString(f.lon()));
            e.attribute("boxLifted", Boolean.toString(boxLifted())).attribute("loadFullToEmpty", Boolean.toString(emptied()));
            e.evidence(evidence(moving, "moving"));
            for (TruckObservation o : stop) {
                e.evidence(evidence(o, o.boxLifted() ? "stopped, box lifted" : "stopped"));
            }
            if (after != null) {
                e.evidence(evidence(after, "moved on"));
            }
            return e;
        }

        private static Evidence evidence(TruckObservation o, String what) {
            return new Evidence("gps", o.truckId(), o.time(), o.lat(), o.lon(), String.format("%.0f km/h, %s", o.speedKmh(), what));
        }
    }
}

package org.gridwatch.jobs.noise.logic;

import org.gridwatch.common.alert.Episode;
import org.gridwatch.common.es.EsWriteRequest;
import org.gridwatch.common.model.Alert;
import org.gridwatch.common.model.AlertType;
import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.Evidence;
import org.gridwatch.common.model.IotEvent;
import org.gridwatch.common.model.IotEventKind;
import org.gridwatch.common.model.Severity;
import org.gridwatch.common.reference.CityReference;
import org.gridwatch.common.rules.NoiseLimits;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * NOISE_EXCEEDANCE and the hourly noise documents of one sensor (docs/alerts.md#noise_exceedance,
 * docs/rules.md#noise), decided without Flink: the function hands in readings, the kept state and
 * timer times, and keeps, emits and schedules what comes back.
 *
 * <ul>
 *   <li>Episodes: {@link NoiseExceedance} (2 exceeding 5-minute windows open, at night one window
 *       with Lmax over the limit + 15 dB opens at once, 2 compliant windows close). Severity
 *       MEDIUM, HIGH when LAeq is more than 10 dB over or on a night burst; a rise emits an UPDATED
 *       revision.
 *   <li>The episode that opens after several windows takes severity and peaks from all of them and
 *       each of them is evidence; its message names the loudest (a burst: the bursting window).
 *   <li>Every closed window (one that received a reading) becomes a {@code gridwatch-noise-windows}
 *       document, exceeding or not, before the hour it completes.
 *   <li>A sensor silent for {@code noise.silence} (1 h) is forgotten: an open episode closes at the
 *       end of its last window, the last hour is written and the function clears all its state.
 *   <li>A reading from a device neither registered nor inside a noise zone has no limit: it becomes
 *       an {@code unknown_device} dead letter and leaves no state.
 * </ul>
 *
 * Known false alarms: traffic next to roads (one horn at night can be a burst), sensors with a
 * class from a coarse zone map, holidays or moved night hours without {@code noise.night*} rules.
 */
public final class NoiseDecisions {
    /**
     * The silence timer is rounded up to 10 minutes so a sensor reporting every few seconds keeps
     * few timers.
     */
    private static final long SILENCE_ROUND_MS = 600_000L;

    public enum Verdict {
        UNKNOWN_DEVICE,
        UNKNOWN_CLASS,
        LATE_OR_DUPLICATE,
        ACCEPTED
    }

    /**
     * What one reading did.
     *
     * @param rule the sensor's rule state to keep (ACCEPTED only)
     * @param closeAt when to close the reading's window (ACCEPTED only)
     * @param silenceAt when to check for silence, or -1 when the reading was not the newest
     * @param deadLetter the dead letter of an UNKNOWN_DEVICE reading
     */
    public record Reading(
            Verdict verdict,
            NoiseExceedance rule,
            long closeAt,
            long silenceAt,
            DeadLetter deadLetter) {
        static Reading rejected(Verdict verdict) {
            return new Reading(verdict, null, -1, -1, null);
        }
    }

    /**
     * What closing windows produced: alert revisions and hourly documents, in order.
     *
     * @param episode the open episode to keep, or null
     * @param hour the current hour to keep
     * @param forget the sensor fell silent: clear all of its state
     */
    public record Closing(
            List<Alert> alerts,
            List<EsWriteRequest> documents,
            Episode episode,
            NoiseHour hour,
            boolean forget) {}

    private final CityReference ref;
    private final NoiseParameters params;

    public NoiseDecisions(CityReference ref, NoiseParameters params) {
        this.ref = ref;
        this.params = params;
    }

    /**
     * Only noise readings with an LAeq count; anything else on the IoT topic is not for this
     * detection.
     */
    public static boolean isReading(IotEvent e) {
        return e.kind() == IotEventKind.NOISE_READING && e.laeqDb() != null;
    }

    /** Adds a reading to the sensor's rule state ({@code kept}, null for a new sensor). */
    public Reading read(NoiseExceedance kept, IotEvent e, long now) {
        if (!ref.devices().containsKey(e.deviceId()) && ref.noiseZoneAt(e.lat(), e.lon()) == null) {
            // Nothing says which limit applies: an operator must register the device or draw its
            // zone.
            return new Reading(
                    Verdict.UNKNOWN_DEVICE, null, -1, -1, NoiseDeadLetters.unknownDevice(e, now));
        }
        NoiseSensor s = NoiseSensor.of(ref, e.deviceId(), e.lat(), e.lon());
        if (!params.limits().knows(s.zoneClass())) {
            return Reading.rejected(Verdict.UNKNOWN_CLASS);
        }
        NoiseExceedance r =
                kept != null
                        ? kept
                        : new NoiseExceedance(
                                params.windowMs(), params.openWindows(), params.closeWindows());
        long previousNewest = r.lastReading;
        double seconds = e.intervalSeconds() == null ? r.windowMs / 1000.0 : e.intervalSeconds();
        long due =
                r.add(
                        e.eventTime(),
                        e.laeqDb(),
                        seconds,
                        e.lmaxDb() == null ? Double.NaN : e.lmaxDb());
        if (due < 0) {
            return Reading.rejected(Verdict.LATE_OR_DUPLICATE);
        }
        long silenceAt =
                r.lastReading > previousNewest
                        ? ((r.lastReading + params.silenceMs()) / SILENCE_ROUND_MS + 1)
                                * SILENCE_ROUND_MS
                        : -1;
        return new Reading(Verdict.ACCEPTED, r, due, silenceAt, null);
    }

    /**
     * Closes the windows of sensor {@code sensorId} that end by {@code to} (a timer time); {@code
     * r} is updated in place. {@code open} and {@code hour} are the kept episode and hour (null if
     * none).
     */
    public Closing close(
            NoiseExceedance r, Episode open, NoiseHour hour, String sensorId, long to, long now) {
        NoiseSensor s = NoiseSensor.of(ref, sensorId, Double.NaN, Double.NaN);
        Revisions revisions =
                new Revisions(
                        s,
                        params.limits(),
                        ref.zone(),
                        open,
                        hour == null ? new NoiseHour() : hour,
                        r.windowMs,
                        now);
        if (params.limits().knows(s.zoneClass())) {
            r.closeUpTo(to, s.zoneClass(), params.limits(), revisions);
        }
        if (r.windows.isEmpty() && to >= r.lastReading + params.silenceMs()) {
            if (r.silence() && revisions.episode != null) {
                Episode e = revisions.episode;
                long end = Math.max(e.episodeStart, r.lastClosedEnd);
                revisions.alerts.add(
                        e.close(end, now, NoiseMessages.silentZh(s), NoiseMessages.silentEn(s)));
            }
            if (revisions.hour.start >= 0 && revisions.hour.acc.readings > 0) {
                revisions.documents.add(NoiseDocuments.hour(s, revisions.hour));
            }
            return new Closing(revisions.alerts, revisions.documents, null, null, true);
        }
        return new Closing(
                revisions.alerts, revisions.documents, revisions.episode, revisions.hour, false);
    }

    static Severity severity(double level, double limit, boolean burst) {
        return burst || level > limit + 10 ? Severity.HIGH : Severity.MEDIUM;
    }

    /**
     * Turns closed windows into alert revisions, window and hourly documents, carrying the open
     * episode and the hour along.
     */
    private static final class Revisions implements NoiseExceedance.Listener {
        final NoiseSensor s;
        final NoiseLimits limits;
        final ZoneId zone;
        final long windowMs;
        final long now;
        final List<Alert> alerts = new ArrayList<>();
        final List<EsWriteRequest> documents = new ArrayList<>();
        Episode episode;
        NoiseHour hour;

        Revisions(
                NoiseSensor s,
                NoiseLimits limits,
                ZoneId zone,
                Episode episode,
                NoiseHour hour,
                long windowMs,
                long now) {
            this.s = s;
            this.limits = limits;
            this.zone = zone;
            this.episode = episode;
            this.hour = hour;
            this.windowMs = windowMs;
            this.now = now;
        }

        @Override
        public void opened(long start, List<NoiseExceedance.Scored> run, boolean burst) {
            // Every window of the run that opened the episode counts, not only the last one:
            // severity and peaks are the run's maxima and each window is evidence.
            NoiseExceedance.Scored trigger = run.get(run.size() - 1);
            NoiseExceedance.Scored loudest = trigger;
            Severity sev = Severity.MEDIUM;
            for (NoiseExceedance.Scored x : run) {
                Severity sx = severity(x.level(), x.limit(), x.burst());
                if (sx.compareTo(sev) > 0) {
                    sev = sx;
                }
                if (x.level() - x.limit() > loudest.level() - loudest.limit()) {
                    loudest = x;
                }
            }
            NoiseWindow w = trigger.window();
            Episode e =
                    Episode.open(AlertType.NOISE_EXCEEDANCE, "SENSOR", s.id(), start, sev)
                            .at(s.lat(), s.lon(), s.gridCode(), s.district());
            e.attribute("zoneClass", s.zoneClass())
                    .attribute("limitDb", fmt(trigger.limit()))
                    .attribute("trigger", burst ? "NIGHT_LMAX" : "LAEQ_SUSTAINED");
            e.attribute("night", Boolean.toString(limits.isNight(w.start)));
            for (NoiseExceedance.Scored x : run) {
                peak(e, x.level(), x.window().acc.lmax);
                e.evidence(evidence(x.window(), x.level()));
            }
            episode = e;
            double level = burst ? trigger.level() : loudest.level();
            double limit = burst ? trigger.limit() : loudest.limit();
            alerts.add(
                    e.emit(
                            w.start + windowMs,
                            now,
                            NoiseMessages.exceedingZh(s, level, limit, burst),
                            NoiseMessages.exceedingEn(s, level, limit, burst)));
        }

        @Override
        public void continued(NoiseWindow w, double level, double limit, boolean burst) {
            Episode e = episode;
            if (e == null) {
                return;
            }
            e.evidence(evidence(w, level));
            peak(e, level, w.acc.lmax);
            Severity sev = severity(level, limit, burst);
            if (sev.compareTo(e.severity) > 0) {
                e.severity = sev;
                alerts.add(
                        e.emit(
                                w.start + windowMs,
                                now,
                                NoiseMessages.exceedingZh(s, level, limit, burst),
                                NoiseMessages.exceedingEn(s, level, limit, burst)));
            }
        }

        @Override
        public void closed(long end, NoiseWindow w, double level, double limit) {
            if (episode == null) {
                return;
            }
            alerts.add(
                    episode.close(
                            end,
                            now,
                            NoiseMessages.compliantZh(s, level, limit),
                            NoiseMessages.compliantEn(s, level, limit)));
            episode = null;
        }

        @Override
        public void window(NoiseWindow w, double level, double limit) {
            documents.add(
                    NoiseDocuments.window(
                            s,
                            w,
                            windowMs,
                            level,
                            limit,
                            limits.isNight(w.start),
                            limits.isNightBurst(s.zoneClass(), w.start, w.acc.lmax),
                            zone));
            NoiseHour done = hour.add(w, level, limit, windowMs);
            if (done != null) {
                documents.add(NoiseDocuments.hour(s, done));
            }
        }

        private Evidence evidence(NoiseWindow w, double level) {
            return new Evidence(
                    "reading",
                    s.id(),
                    w.start,
                    s.lat(),
                    s.lon(),
                    String.format("LAeq %.1f dB(A), Lmax %.1f dB(A)", level, w.acc.lmax));
        }
    }

    private static void peak(Episode e, double level, double lmax) {
        double p = Double.parseDouble(e.attributes.getOrDefault("peakLaeqDb", "-1000"));
        if (level > p) {
            e.attribute("peakLaeqDb", fmt(level));
        }
        double m = Double.parseDouble(e.attributes.getOrDefault("peakLmaxDb", "-1000"));
        if (lmax > m) {
            e.attribute("peakLmaxDb", fmt(lmax));
        }
    }

    private static String fmt(double v) {
        return String.format("%.1f", v);
    }
}

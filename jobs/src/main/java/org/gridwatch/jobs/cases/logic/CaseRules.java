package org.gridwatch.jobs.cases.logic;

import org.gridwatch.common.reference.Rules;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The runtime-changeable rules of the case job, read from {@code gridwatch.reference} RULE updates
 * (defaults and sources: docs/rules.md#cases):
 *
 * <ul>
 *   <li>{@code cases.radiusMeters} 250: a complaint this close to a case (same category) joins it;
 *   <li>{@code cases.window} 7d: how long after closing a case still takes repeats;
 *   <li>{@code cases.repeatThreshold} 3: complaints (reopens included) on a case that raise
 *       COMPLAINT_REPEAT;
 *   <li>{@code cases.ladder.blue|yellow|orange|red} 0.5, 0.8, 1.0, 2.0: fractions of the limit for
 *       each colour;
 *   <li>{@code cases.limitMinutes.<code>}: a category's limit in working minutes (default: {@link
 *       CaseCategories});
 *   <li>{@code cases.calendar.periods} "08:30-12:00,13:00-17:30", {@code cases.calendar.weekdays}
 *       "MON-FRI" (or a list "MON,TUE,..."), {@code cases.calendar.holidays} and {@code
 *       cases.calendar.workdays} (ISO dates, comma separated: public holidays, and weekend make-up
 *       working days).
 * </ul>
 *
 * An unreadable value falls back to the default (the reference parser already vetted the JSON).
 */
public record CaseRules(
        double radiusM,
        long windowMs,
        int repeatThreshold,
        EscalationLadder ladder,
        WorkingCalendar calendar,
        java.util.Map<String, Integer> limitOverrides)
        implements Serializable {
    public static final double DEFAULT_RADIUS_M = 250;
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    public static final int DEFAULT_REPEAT_THRESHOLD = 3;

    public static CaseRules defaults(ZoneId zone) {
        return new CaseRules(
                DEFAULT_RADIUS_M,
                DEFAULT_WINDOW.toMillis(),
                DEFAULT_REPEAT_THRESHOLD,
                EscalationLadder.DEFAULT,
                WorkingCalendar.defaults(zone),
                java.util.Map.of());
    }

    public static CaseRules from(Rules rules, ZoneId zone) {
        EscalationLadder ladder;
        try {
            ladder =
                    new EscalationLadder(
                            rules.number("cases.ladder.blue", 0.5),
                            rules.number("cases.ladder.yellow", 0.8),
                            rules.number("cases.ladder.orange", 1.0),
                            rules.number("cases.ladder.red", 2.0));
        } catch (IllegalArgumentException e) {
            ladder = EscalationLadder.DEFAULT;
        }
        WorkingCalendar calendar;
        try {
            calendar =
                    calendar(
                            zone,
                            rules.text("cases.calendar.periods", "08:30-12:00,13:00-17:30"),
                            rules.text("cases.calendar.weekdays", "MON-FRI"),
                            rules.text("cases.calendar.holidays", ""),
                            rules.text("cases.calendar.workdays", ""));
        } catch (RuntimeException e) {
            calendar = WorkingCalendar.defaults(zone);
        }
        java.util.Map<String, Integer> limits = new java.util.TreeMap<>();
        String prefix = "cases.limitMinutes.";
        rules.asMap()
                .forEach(
                        (k, v) -> {
                            if (k.startsWith(prefix)) {
                                try {
                                    int m = (int) Double.parseDouble(v);
                                    if (m > 0) {
                                        limits.put(k.substring(prefix.length()), m);
                                    }
                                } catch (NumberFormatException ignored) {
                                    // documented: an unreadable value keeps the default
                                }
                            }
                        });
        int threshold = (int) rules.number("cases.repeatThreshold", DEFAULT_REPEAT_THRESHOLD);
        double radius = rules.number("cases.radiusMeters", DEFAULT_RADIUS_M);
        return new CaseRules(
                radius > 0 ? radius : DEFAULT_RADIUS_M,
                rules.duration("cases.window", DEFAULT_WINDOW).toMillis(),
                threshold >= 2 ? threshold : DEFAULT_REPEAT_THRESHOLD,
                ladder,
                calendar,
                java.util.Map.copyOf(limits));
    }

    /**
     * The limit of a case in working minutes: the event's own limit, else the rule, else the
     * category default.
     */
    public int limitMinutes(String category, Integer fromEvent) {
        if (fromEvent != null && fromEvent > 0) {
            return fromEvent;
        }
        Integer rule = limitOverrides.get(category);
        return rule != null ? rule : CaseCategories.of(category).defaultLimitMinutes();
    }

    /**
     * The merge radius actually used at a latitude: the rule, capped by what the cell neighbourhood
     * covers.
     */
    public double effectiveRadiusM(double lat) {
        return Math.min(radiusM, CaseGeo.maxRadiusM(lat));
    }

    static WorkingCalendar calendar(
            ZoneId zone, String periods, String weekdays, String holidays, String workdays) {
        List<WorkingCalendar.Period> ps = new ArrayList<>();
        for (String p : periods.split(",")) {
            String[] se = p.trim().split("-");
            ps.add(
                    new WorkingCalendar.Period(
                            LocalTime.parse(se[0].trim()), LocalTime.parse(se[1].trim())));
        }
        return new WorkingCalendar(zone, ps, weekdays(weekdays), dates(holidays), dates(workdays));
    }

    private static Set<DayOfWeek> weekdays(String text) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split(",")) {
            String s = part.trim().toUpperCase(Locale.ROOT);
            if (s.isEmpty()) {
                continue;
            }
            if (s.contains("-")) {
                String[] ab = s.split("-");
                DayOfWeek a = day(ab[0]);
                DayOfWeek b = day(ab[1]);
                for (DayOfWeek d = a; ; d = d.plus(1)) {
                    out.add(d);
                    if (d == b) {
                        break;
                    }
                }
            } else {
                out.add(day(s));
            }
        }
        return out;
    }

    private static DayOfWeek day(String s) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(s.trim())) {
                return d;
            }
        }
        throw new IllegalArgumentException("not a weekday: " + s);
    }

    private static Set<LocalDate> dates(String text) {
        Set<LocalDate> out = new HashSet<>();
        for (String s : text.split(",")) {
            if (!s.isBlank()) {
                out.add(LocalDate.parse(s.trim()));
            }
        }
        return out;
    }
}

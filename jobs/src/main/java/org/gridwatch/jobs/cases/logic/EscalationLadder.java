package org.gridwatch.jobs.cases.logic;

import org.gridwatch.common.model.Severity;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The colour ladder of a case running down its time limit (Minhang's 大联动 practice): blue reminds
 * (提醒), yellow urges (催办), orange supervises an overdue case (督办), red holds people accountable for
 * a seriously overdue one (问效). Each colour starts at a fraction of the limit, counted in working
 * time.
 *
 * <p>Defaults (docs/rules.md#the-colour-ladder): blue 50 %, yellow 80 %, orange 100 %, red 200 %.
 */
public record EscalationLadder(double blue, double yellow, double orange, double red)
        implements Serializable {
    public static final EscalationLadder DEFAULT = new EscalationLadder(0.5, 0.8, 1.0, 2.0);

    public enum Level {
        BLUE(Severity.LOW),
        YELLOW(Severity.MEDIUM),
        ORANGE(Severity.HIGH),
        RED(Severity.CRITICAL);

        public final Severity severity;

        Level(Severity severity) {
            this.severity = severity;
        }
    }

    public EscalationLadder {
        if (!(blue > 0 && blue < yellow && yellow < orange && orange < red)) {
            throw new IllegalArgumentException(
                    "escalation fractions must rise: blue < yellow < orange < red, got "
                            + blue
                            + ", "
                            + yellow
                            + ", "
                            + orange
                            + ", "
                            + red);
        }
    }

    public double fraction(Level level) {
        return switch (level) {
            case BLUE -> blue;
            case YELLOW -> yellow;
            case ORANGE -> orange;
            case RED -> red;
        };
    }

    /**
     * When each level is reached for a case received at {@code receivedAt} with a limit in working
     * minutes.
     */
    public Map<Level, Long> deadlines(
            long receivedAt, long limitWorkingMinutes, WorkingCalendar calendar) {
        Map<Level, Long> out = new LinkedHashMap<>();
        for (Level l : Level.values()) {
            long minutes = Math.max(1, Math.round(limitWorkingMinutes * fraction(l)));
            out.put(l, calendar.addWorkingMinutes(receivedAt, minutes));
        }
        return out;
    }
}

package org.gridwatch.jobs.cases.logic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The KPI counters of one district for one local day, and the ratios derived from them.
 *
 * <ul>
 *   <li>complaints: complaints received that day (every channel, repeats included) plus reopens;
 *   <li>distinctCases: distinct cases those complaints and reopens belong to;
 *   <li>repeats: complaints that joined an existing case, plus reopens; repeatRatio = repeats /
 *       complaints;
 *   <li>closures: cases closed for the first time that day; onTimeClosures: those closed within
 *       their limit; onTimeRate = onTimeClosures / closures;
 *   <li>overdue: colours reached that day, by colour.
 * </ul>
 *
 * A Flink POJO (public fields, no-arg constructor). Ratios are null when their denominator is 0.
 */
public final class KpiCounts {
    public long complaints;
    public long distinctCases;
    public long repeats;
    public long closures;
    public long onTimeClosures;
    public Map<String, Long> overdue = new LinkedHashMap<>();
    public long version;

    public KpiCounts() {
        for (EscalationLadder.Level l : EscalationLadder.Level.values()) {
            overdue.put(l.name(), 0L);
        }
    }

    /**
     * Counts one complaint or reopen; {@code firstOfCase} when its case was not yet counted that
     * day.
     */
    public void complaint(boolean repeat, boolean firstOfCase) {
        complaints++;
        if (repeat) {
            repeats++;
        }
        if (firstOfCase) {
            distinctCases++;
        }
    }

    public void closure(boolean onTime) {
        closures++;
        if (onTime) {
            onTimeClosures++;
        }
    }

    public void level(String level) {
        overdue.merge(level, 1L, Long::sum);
    }

    public Double repeatRatio() {
        return complaints == 0 ? null : (double) repeats / complaints;
    }

    public Double onTimeRate() {
        return closures == 0 ? null : (double) onTimeClosures / closures;
    }
}

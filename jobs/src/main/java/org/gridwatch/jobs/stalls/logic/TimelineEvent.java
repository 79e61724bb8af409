package org.gridwatch.jobs.stalls.logic;

/**
 * One event of a spot's timeline as {@link SpotTimeline} sees it. In: a raw report, {@link
 * #DETECTED} (a camera) or {@link #CLEARED} (an officer cleared the spot). Out: {@link #APPEARED},
 * {@link #CLEARED} or {@link #GONE}. Which spot, and where, is the caller's: the stalls job keeps
 * them in its own event type and converts.
 *
 * @param ref camera id (DETECTED, APPEARED, GONE) or case id (CLEARED)
 */
public record TimelineEvent(String kind, long time, String ref) {
    public static final String DETECTED = "DETECTED";
    public static final String APPEARED = "APPEARED";
    public static final String CLEARED = "CLEARED";
    public static final String GONE = "GONE";
}

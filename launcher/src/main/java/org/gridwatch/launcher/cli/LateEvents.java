package org.gridwatch.launcher.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Late-event dead letters held against the records a scenario delivered late: any other record
 * dead-lettered as late was a valid, on-time event that a job lost, which must never happen.
 */
public record LateEvents(long deadLettered, long sentLate, long onTimeDeclaredLate) {

    public static LateEvents compare(List<String> lateDeadLetterOriginals, List<String> sentLate) {
        Map<String, Integer> expected = new HashMap<>();
        sentLate.forEach(v -> expected.merge(v, 1, Integer::sum));
        long wrong = 0;
        for (String original : lateDeadLetterOriginals) {
            Integer left = expected.get(original);
            if (left == null || left == 0) {
                wrong++;
            } else {
                expected.put(original, left - 1);
            }
        }
        return new LateEvents(lateDeadLetterOriginals.size(), sentLate.size(), wrong);
    }

    @Override
    public String toString() {
        return String.format(
                "%,d dead-lettered as late_event; the scenario sent %,d late; on-time events declared late: %,d%s",
                deadLettered,
                sentLate,
                onTimeDeclaredLate,
                onTimeDeclaredLate == 0 ? "" : "  <-- valid events lost");
    }
}

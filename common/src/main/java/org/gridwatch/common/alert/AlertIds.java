package org.gridwatch.common.alert;

import org.gridwatch.common.model.AlertType;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Deterministic alert ids: the same input always yields the same id, so a replay or a restart from
 * a checkpoint overwrites documents instead of duplicating them. An id names the type, the entity
 * and the event time the episode began, which also makes it readable in logs and tickets.
 */
public final class AlertIds {
    private static final DateTimeFormatter COMPACT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private AlertIds() {}

    public static String episode(AlertType type, String entityId, long episodeStart) {
        return type.name()
                + ":"
                + entityId
                + ":"
                + COMPACT.format(Instant.ofEpochMilli(episodeStart));
    }
}

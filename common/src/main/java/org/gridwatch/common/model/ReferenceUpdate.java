package org.gridwatch.common.model;

/**
 * A runtime change to reference data or a rule threshold (topic {@code gridwatch.reference}).
 *
 * <p>The payload stays JSON text: each job decodes only the kinds it uses, when it applies the
 * update to broadcast state, so adding a kind never breaks a running job.
 *
 * @param kind GRID, SITE, ZONE, PERMIT, DEVICE, SPOT, RULE, ...
 * @param id id of the object within its kind
 * @param op UPSERT or DELETE
 * @param eventTime when the change was issued (epoch ms)
 * @param payload the object as JSON (a GeoJSON Feature for geometries), or null for DELETE
 */
public record ReferenceUpdate(String kind, String id, String op, long eventTime, String payload)
        implements java.io.Serializable {}

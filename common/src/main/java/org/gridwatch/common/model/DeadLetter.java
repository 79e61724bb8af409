package org.gridwatch.common.model;

/**
 * Input that could not be used, with why (topic {@code gridwatch.deadletter}).
 *
 * @param reasonCode a short stable code (metric label), e.g. {@code bad_json}, {@code out_of_range}
 * @param reason a human sentence naming the field and the value
 * @param sourceTopic topic the record came from
 * @param partition its partition, or -1
 * @param offset its offset, or -1
 * @param key the record key as text, or null
 * @param original the original bytes as UTF-8 text (invalid sequences replaced); base64 when not
 *     text; lower-case hex for the JT/T 808 gateway's frames
 * @param originalEncoding {@code utf8}, {@code base64} or {@code hex}
 * @param failedAt when the failure was detected (epoch ms)
 */
public record DeadLetter(
        String reasonCode,
        String reason,
        String sourceTopic,
        int partition,
        long offset,
        String key,
        String original,
        String originalEncoding,
        long failedAt) {}

package org.gridwatch.common.parse;

import org.gridwatch.common.model.DeadLetter;
import org.gridwatch.common.model.RawRecord;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Builds dead letters that keep the original bytes exactly: as text when they are UTF-8, else
 * base64.
 */
public final class DeadLetters {
    private DeadLetters() {}

    public static DeadLetter of(RawRecord raw, String reasonCode, String reason, long now) {
        byte[] value = raw.value() == null ? new byte[0] : raw.value();
        String text = strictUtf8(value);
        return new DeadLetter(
                reasonCode,
                reason,
                raw.topic(),
                raw.partition(),
                raw.offset(),
                raw.key() == null ? null : new String(raw.key(), StandardCharsets.UTF_8),
                text != null ? text : Base64.getEncoder().encodeToString(value),
                text != null ? "utf8" : "base64",
                now);
    }

    public static DeadLetter of(RawRecord raw, InvalidInputException e, long now) {
        return of(raw, e.reasonCode(), e.getMessage(), now);
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}

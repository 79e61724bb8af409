package org.gridwatch.gateway.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * Checks of the intake's API keys and bearer token, with the console's strength rule (at least 24
 * characters, 8 of them different, no blanks at the ends nor control characters). Comparisons take
 * the same time whatever the presented value, so timing does not reveal how much of a key was
 * right.
 */
public final class Secrets {
    public static final int MIN_LENGTH = 24;
    public static final int MIN_DISTINCT = 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    /**
     * Why {@code secret} is too weak, or null; the message names {@code what} and never repeats the
     * secret.
     */
    public static String weakness(String what, String secret) {
        if (secret.length() < MIN_LENGTH) {
            return what
                    + " is too short ("
                    + secret.length()
                    + " characters): use at least "
                    + MIN_LENGTH
                    + " random characters, e.g. from `openssl rand -base64 32`";
        }
        if (secret.chars().distinct().count() < MIN_DISTINCT) {
            return what
                    + " is too simple: it needs at least "
                    + MIN_DISTINCT
                    + " different characters";
        }
        if (!secret.equals(secret.strip()) || secret.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return what + " must not start or end with blanks nor contain control characters";
        }
        return null;
    }

    /**
     * True when {@code presented} equals one of {@code accepted}; every accepted value is compared.
     */
    public static boolean matchesAny(String presented, List<String> accepted) {
        if (presented == null) {
            return false;
        }
        byte[] p = presented.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (String a : accepted) {
            match |= MessageDigest.isEqual(p, a.getBytes(StandardCharsets.UTF_8));
        }
        return match;
    }

    /** The token of an {@code Authorization: Bearer ...} header, or null. */
    public static String bearer(String authorizationHeader) {
        if (authorizationHeader == null
                || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorizationHeader.substring(7).strip();
    }

    /** A fresh random secret that passes {@link #weakness} (32 bytes, URL-safe base64). */
    public static String generate() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}

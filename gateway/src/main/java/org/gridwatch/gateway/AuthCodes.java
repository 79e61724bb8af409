package org.gridwatch.gateway;

import org.gridwatch.gateway.codec.Bcd;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The authentication codes handed out in 0x8100: the first 8 bytes of HMAC-SHA256(secret, canonical
 * phone) in hex. Derived, not stored, so a terminal authenticates with the same code after a
 * gateway restart or on another gateway sharing the secret, and registering again gives the same
 * code.
 */
public final class AuthCodes {
    private final SecretKeySpec key;

    public AuthCodes(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String codeFor(String phoneDigits) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] h =
                    mac.doFinal(
                            Bcd.canonicalPhone(phoneDigits).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Constant-time comparison, so the code cannot be guessed byte by byte from reply timing. */
    public boolean matches(String phoneDigits, String code) {
        return MessageDigest.isEqual(
                codeFor(phoneDigits).getBytes(StandardCharsets.US_ASCII),
                code.getBytes(StandardCharsets.US_ASCII));
    }
}

package org.gridwatch.console;

import com.sun.net.httpserver.HttpExchange;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The console token: {@code Authorization: Bearer <token>}, or the {@code gw_token} cookie the UI
 * sets (EventSource cannot send headers; the cookie is SameSite=Strict). Compared in constant time.
 */
final class BearerAuth {
    private BearerAuth() {}

    /** True when no token is configured or the request presents it. */
    static boolean authorized(HttpExchange ex, String token) {
        if (token == null) {
            return true;
        }
        String presented = null;
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.startsWith("Bearer ")) {
            presented = auth.substring(7).trim();
        } else {
            String cookies = ex.getRequestHeaders().getFirst("Cookie");
            if (cookies != null) {
                for (String c : cookies.split(";")) {
                    String t = c.trim();
                    if (t.startsWith("gw_token=")) {
                        try {
                            presented = URLDecoder.decode(t.substring(9), StandardCharsets.UTF_8);
                        } catch (IllegalArgumentException e) {
                            return false; // malformed %-escape
                        }
                    }
                }
            }
        }
        return presented != null
                && MessageDigest.isEqual(
                        presented.getBytes(StandardCharsets.UTF_8),
                        token.getBytes(StandardCharsets.UTF_8));
    }
}

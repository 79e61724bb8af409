package org.gridwatch.console;

import com.sun.net.httpserver.Headers;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headers every console response carries: a Content-Security-Policy that lets the pages load only
 * their own scripts (no inline script, no eval) and talk only to the console, never be framed;
 * nosniff, a same-origin referrer policy and {@code no-store} (static files override it with a
 * short max-age). Inline styles stay allowed: Leaflet and ECharts position and colour their
 * elements with them.
 */
final class SecurityHeaders {
    private static final Pattern TILE =
            Pattern.compile("(https?)://(\\{s\\}\\.)?([A-Za-z0-9.-]+)(:\\d{1,5})?(/.*)?");

    private final String csp;

    /**
     * @param tileUrl the optional tile URL template, whose origin images may come from; null for
     *     none
     */
    SecurityHeaders(String tileUrl) {
        String tiles = tileUrl == null || tileUrl.isBlank() ? "" : " " + tileSource(tileUrl);
        csp =
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"
                        + tiles
                        + "; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    /**
     * The CSP source of a tile URL template ({@code {s}.} as the first label becomes {@code *.}).
     */
    static String tileSource(String tileUrl) {
        Matcher m = TILE.matcher(tileUrl.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "--tile-url must look like https://tiles.example/{z}/{x}/{y}.png"
                            + " (http or https, a plain host name, optionally {s}. in front and a port)");
        }
        return m.group(1).toLowerCase()
                + "://"
                + (m.group(2) == null ? "" : "*.")
                + m.group(3).toLowerCase()
                + (m.group(4) == null ? "" : m.group(4));
    }

    String contentSecurityPolicy() {
        return csp;
    }

    void apply(Headers h) {
        h.set("Content-Security-Policy", csp);
        h.set("X-Frame-Options", "DENY");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "same-origin");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        h.set("Cross-Origin-Resource-Policy", "same-origin");
        h.set("Cache-Control", "no-store");
    }
}

package org.gridwatch.console;

import com.sun.net.httpserver.HttpExchange;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Defences against requests a foreign web page makes the operator's browser send.
 *
 * <ul>
 *   <li>State-changing requests (anything but GET, HEAD, OPTIONS) must be {@code application/json}
 *       (else 415), which a page can only send cross-site after a CORS preflight the console never
 *       grants; must come from the console's own origin: {@code Origin}, or {@code Referer} when
 *       there is no Origin, equal to the Host the request was sent to or to a configured origin
 *       (else 403); and must carry this server's CSRF token in {@value #HEADER} (else 403), which
 *       the pages read from {@code GET /api/csrf}.
 *   <li>On a loopback bind (where no token may be set) a request whose Host is not a loopback name
 *       or a configured origin is refused (403): that is a DNS-rebinding page.
 * </ul>
 */
final class CsrfGuard {
    static final String HEADER = "X-GridWatch-CSRF";

    private final String token;
    private final byte[] tokenBytes;
    private final boolean loopbackBind;
    private final String bindAddress;
    private final Set<String> origins = new HashSet<>();
    private final Set<String> originHosts = new HashSet<>();

    CsrfGuard(boolean loopbackBind, String bindAddress, List<String> configuredOrigins) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        this.tokenBytes = token.getBytes(StandardCharsets.US_ASCII);
        this.loopbackBind = loopbackBind;
        this.bindAddress = bindAddress.toLowerCase(Locale.ROOT);
        for (String o : configuredOrigins) {
            Origin parsed = Origin.parse(o.trim());
            if (parsed == null) {
                throw new IllegalArgumentException(
                        "--origin '"
                                + o
                                + "' must be an origin like https://console.example[:port]");
            }
            origins.add(parsed.toString());
            originHosts.add(parsed.host());
        }
    }

    String token() {
        return token;
    }

    static boolean mutating(String method) {
        return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
    }

    /**
     * Refuses a foreign Host on a loopback bind (DNS rebinding). Requests without Host are left to
     * the other checks.
     */
    void checkHost(HttpExchange ex) {
        if (!loopbackBind) {
            return;
        }
        String hostHeader = ex.getRequestHeaders().getFirst("Host");
        if (hostHeader == null) {
            return;
        }
        String host = hostOf(hostHeader);
        if (host == null
                || !(host.equals("localhost")
                        || host.equals(bindAddress)
                        || host.equals("::1")
                        || host.matches("127(\\.\\d{1,3}){3}")
                        || originHosts.contains(host))) {
            throw new ApiError(
                    403,
                    "unknown Host: this console answers to localhost and loopback addresses"
                            + " (add --origin for a reverse proxy)");
        }
    }

    /** The checks for a state-changing request; throws 415 or 403. */
    void checkMutation(HttpExchange ex) {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            throw new ApiError(
                    415, "state-changing requests must be sent as Content-Type: application/json");
        }
        Origin from = Origin.parse(ex.getRequestHeaders().getFirst("Origin"));
        if (from == null) {
            from = Origin.parse(ex.getRequestHeaders().getFirst("Referer"));
        }
        if (from == null) {
            throw new ApiError(
                    403,
                    "cross-site request refused: a state-changing request needs an Origin (or Referer) of this console");
        }
        if (!origins.contains(from.toString())
                && !from.sameHostAs(ex.getRequestHeaders().getFirst("Host"))) {
            throw new ApiError(
                    403, "cross-site request refused: origin " + from + " is not this console");
        }
        String presented = ex.getRequestHeaders().getFirst(HEADER);
        if (presented == null || presented.isEmpty()) {
            throw new ApiError(
                    403, "missing " + HEADER + " header: read the token from GET /api/csrf");
        }
        if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), tokenBytes)) {
            throw new ApiError(
                    403,
                    "wrong "
                            + HEADER
                            + " token (has the console restarted? read it again from GET /api/csrf)");
        }
    }

    /**
     * Lower-case host of a Host header value ({@code name:port}, {@code [v6]:port}), without
     * brackets.
     */
    static String hostOf(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? null : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }

    /**
     * Scheme, host and port of an Origin or Referer; the port is explicit (80/443 when the URL has
     * none).
     */
    record Origin(String scheme, String host, int port) {
        static Origin parse(String value) {
            if (value == null || value.isBlank() || value.equals("null")) {
                return null;
            }
            try {
                URI u = new URI(value.trim());
                String scheme =
                        u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
                if (u.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                    return null;
                }
                String host = u.getHost().toLowerCase(Locale.ROOT);
                if (host.startsWith("[")) {
                    host = host.substring(1, host.length() - 1);
                }
                return new Origin(
                        scheme, host, u.getPort() >= 0 ? u.getPort() : defaultPort(scheme));
            } catch (URISyntaxException e) {
                return null;
            }
        }

        static int defaultPort(String scheme) {
            return scheme.equals("https") ? 443 : 80;
        }

        /**
         * Whether this origin names the host and port the request was sent to (its Host header).
         */
        boolean sameHostAs(String hostHeader) {
            if (hostHeader == null) {
                return false;
            }
            String h = hostHeader.trim().toLowerCase(Locale.ROOT);
            String name = hostOf(h);
            int close = h.startsWith("[") ? h.indexOf(']') : -1;
            int colon = h.indexOf(':', Math.max(0, close));
            int p;
            try {
                p = colon < 0 ? defaultPort(scheme) : Integer.parseInt(h.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
            return host.equals(name) && port == p;
        }

        @Override
        public String toString() {
            String h = host.contains(":") ? "[" + host + "]" : host;
            return scheme + "://" + h + (port == defaultPort(scheme) ? "" : ":" + port);
        }
    }
}

package org.gridwatch.console;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which webhook targets the console may POST alerts to: only those the operator listed ({@code
 * --webhook-allow}). An entry is a host name ({@code hooks.example.org}), a name suffix ({@code
 * *.example.org}), an IP address or a CIDR block. A URL's host must match a name entry or all its
 * addresses must lie in address entries; addresses in special ranges (loopback, link-local,
 * private, unique-local, unspecified, multicast, reserved and documentation ranges, CGNAT) are
 * reachable only through an address or CIDR entry that covers them, never through a name entry, so
 * a listed name whose DNS later points inside the network is refused. Only http and https, no
 * {@code user:password@}. The host is resolved and every address checked when the subscription is
 * made and again before each delivery.
 */
public final class WebhookTargetPolicy {
    private static final Pattern NAME =
            Pattern.compile(
                    "(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final int MAX_URL = 2048;

    /**
     * Ranges never reached through a name entry. IPv4-mapped IPv6 addresses arrive as IPv4 already
     * (InetAddress maps them).
     */
    private static final List<Cidr> SPECIAL =
            List.of(
                    Cidr.parse("0.0.0.0/8"),
                    Cidr.parse("10.0.0.0/8"),
                    Cidr.parse("100.64.0.0/10"),
                    Cidr.parse("127.0.0.0/8"),
                    Cidr.parse("169.254.0.0/16"),
                    Cidr.parse("172.16.0.0/12"),
                    Cidr.parse("192.0.0.0/24"),
                    Cidr.parse("192.0.2.0/24"),
                    Cidr.parse("192.88.99.0/24"),
                    Cidr.parse("192.168.0.0/16"),
                    Cidr.parse("198.18.0.0/15"),
                    Cidr.parse("198.51.100.0/24"),
                    Cidr.parse("203.0.113.0/24"),
                    Cidr.parse("224.0.0.0/4"),
                    Cidr.parse("240.0.0.0/4"),
                    Cidr.parse("::/96"),
                    Cidr.parse("64:ff9b::/96"),
                    Cidr.parse("64:ff9b:1::/48"),
                    Cidr.parse("100::/64"),
                    Cidr.parse("2001::/23"),
                    Cidr.parse("2001:db8::/32"),
                    Cidr.parse("2002::/16"),
                    Cidr.parse("fc00::/7"),
                    Cidr.parse("fe80::/10"),
                    Cidr.parse("fec0::/10"),
                    Cidr.parse("ff00::/8"));

    /** Resolves host names; tests replace it. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final List<String> names = new ArrayList<>();
    private final List<String> suffixes = new ArrayList<>();
    private final List<Cidr> blocks = new ArrayList<>();
    private final Resolver resolver;

    private WebhookTargetPolicy(List<String> entries, Resolver resolver) {
        this.resolver = resolver;
        for (String raw : entries) {
            String e = raw.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            if (e.contains("/") || isIpLiteral(e)) {
                try {
                    blocks.add(
                            Cidr.parse(
                                    e.contains("/") ? e : e + (e.contains(":") ? "/128" : "/32")));
                } catch (IllegalArgumentException x) {
                    throw new IllegalArgumentException(
                            "webhook allow entry '" + raw + "': " + x.getMessage());
                }
            } else if (NAME.matcher(e).matches()) {
                if (e.startsWith("*.")) {
                    suffixes.add(e.substring(1));
                } else {
                    names.add(e);
                }
            } else {
                throw new IllegalArgumentException(
                        "webhook allow entry '"
                                + raw
                                + "' is neither a host name (or *.suffix), an IP address nor a CIDR block");
            }
        }
    }

    /**
     * The policy for these entries; an entry that is no name, address or CIDR is an
     * IllegalArgumentException.
     */
    public static WebhookTargetPolicy of(List<String> entries) {
        return new WebhookTargetPolicy(entries, InetAddress::getAllByName);
    }

    static WebhookTargetPolicy of(List<String> entries, Resolver resolver) {
        return new WebhookTargetPolicy(entries, resolver);
    }

    public boolean allowsNothing() {
        return names.isEmpty() && suffixes.isEmpty() && blocks.isEmpty();
    }

    /**
     * Checks a URL a client asks to subscribe; returns it parsed, or throws a 400 that says why.
     */
    public URI check(String url) {
        URI uri = parse(url);
        String refusal;
        try {
            refusal = refusal(uri);
        } catch (UnknownHostException e) {
            refusal = "host " + uri.getHost() + " does not resolve";
        }
        if (refusal != null) {
            throw new BadRequest("webhook \"url\" refused: " + refusal);
        }
        return uri;
    }

    /**
     * Why a delivery to this (stored) URL is refused now, or null when it may go ahead. Resolves
     * the host again; a host that does not resolve now is an UnknownHostException (the caller
     * retries).
     */
    public String refusalAtDelivery(String url) throws UnknownHostException {
        try {
            return refusal(parse(url));
        } catch (BadRequest e) {
            return e.getMessage();
        }
    }

    private static URI parse(String url) {
        if (url.length() > MAX_URL) {
            throw new BadRequest("webhook \"url\" is longer than " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new BadRequest("webhook \"url\" is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BadRequest("webhook \"url\" must be an http:// or https:// URL with a host");
        }
        String authority = uri.getRawAuthority();
        if (uri.getRawUserInfo() != null || (authority != null && authority.contains("@"))) {
            // never repeat the URL: it carries credentials
            throw new BadRequest(
                    "webhook \"url\" must not carry user:password@; sign deliveries with \"secret\" instead");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new BadRequest("webhook \"url\" must be an http:// or https:// URL with a host");
        }
        return uri;
    }

    private String refusal(URI uri) throws UnknownHostException {
        if (allowsNothing()) {
            return "no webhook target is allowed on this console; the operator lists targets with --webhook-allow HOST|CIDR"
                    + " (or "
                    + ConsoleConfig.WEBHOOK_ALLOW_ENV
                    + ")";
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean literal = host.startsWith("[") || isIpLiteral(host);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean nameListed =
                !literal
                        && nameListed(
                                host.endsWith(".") ? host.substring(0, host.length() - 1) : host);
        InetAddress[] addresses = resolver.resolve(host);
        if (addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress a : addresses) {
            boolean inBlock = blocks.stream().anyMatch(b -> b.contains(a));
            if (inBlock) {
                continue;
            }
            String special = special(a);
            if (special != null) {
                return "host "
                        + host
                        + " is "
                        + (literal ? "" : "resolved to ")
                        + a.getHostAddress()
                        + ", a "
                        + special
                        + " address; such targets need their address or CIDR in --webhook-allow";
            }
            if (!nameListed) {
                return "host "
                        + host
                        + (literal ? "" : " (" + a.getHostAddress() + ")")
                        + " is not in the console's webhook allow-list";
            }
        }
        return null;
    }

    private boolean nameListed(String host) {
        if (names.contains(host)) {
            return true;
        }
        for (String s : suffixes) {
            if (host.endsWith(s) && host.length() > s.length()) {
                return true;
            }
        }
        return false;
    }

    /** What kind of special address this is, or null for an ordinary (public unicast) one. */
    static String special(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        if (a.isSiteLocalAddress()) {
            return "private";
        }
        for (Cidr c : SPECIAL) {
            if (c.contains(a)) {
                return "private or reserved";
            }
        }
        return null;
    }

    private static boolean isIpLiteral(String s) {
        return IPV4.matcher(s).matches() || s.contains(":");
    }

    /** A URL fit to show: no user-info and no query (either may carry credentials). */
    public static String redact(String url) {
        try {
            URI u = new URI(url);
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null)
                            .toString()
                    + (u.getRawQuery() == null ? "" : "?…");
        } catch (URISyntaxException | RuntimeException e) {
            return "(unreadable URL)";
        }
    }

    /** An address block; parses literals only, never resolves a name. */
    record Cidr(byte[] network, int bits) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("missing /bits");
            }
            String addr = text.substring(0, slash);
            if (addr.startsWith("[") && addr.endsWith("]")) {
                addr = addr.substring(1, addr.length() - 1);
            }
            if (!isIpLiteral(addr)) {
                throw new IllegalArgumentException("'" + addr + "' is not an IP address");
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(addr).getAddress(); // a literal: no lookup
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + addr + "' is not an IP address");
            }
            int bits;
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("prefix length must be a number");
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("prefix length must be 0.." + bytes.length * 8);
            }
            return new Cidr(mask(bytes, bits), bits);
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                // an IPv4 block also covers the IPv4-mapped IPv6 form
                if (network.length == 4 && b.length == 16 && mapped(b)) {
                    b = java.util.Arrays.copyOfRange(b, 12, 16);
                } else {
                    return false;
                }
            }
            return java.util.Arrays.equals(mask(b, bits), network);
        }

        private static boolean mapped(byte[] b) {
            for (int i = 0; i < 10; i++) {
                if (b[i] != 0) {
                    return false;
                }
            }
            return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
        }

        private static byte[] mask(byte[] b, int bits) {
            byte[] m = b.clone();
            for (int i = 0; i < m.length; i++) {
                int keep = Math.max(0, Math.min(8, bits - i * 8));
                m[i] = (byte) (m[i] & (0xff << (8 - keep)));
            }
            return m;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Cidr c
                    && c.bits == bits
                    && java.util.Arrays.equals(c.network, network);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(network) * 31 + bits;
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/" + bits;
            } catch (UnknownHostException e) {
                return "?/" + bits;
            }
        }
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>(names);
        suffixes.forEach(s -> all.add("*" + s));
        blocks.forEach(b -> all.add(b.toString()));
        return all.toString();
    }
}

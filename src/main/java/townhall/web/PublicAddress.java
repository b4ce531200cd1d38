package townhall.web;

import townhall.config.Config;
import townhall.config.Setting;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a request came from and under which public address it is answered. {@code Forwarded} and
 * {@code X-Forwarded-*} headers are believed only when the connection comes from a configured trusted proxy
 * ({@link Setting#TRUSTED_PROXIES}); from anyone else they are ignored, since a client can send any header.
 */
public final class PublicAddress {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+](:\\d{1,5})?");

    private final List<Network> trusted;
    private final boolean baseGiven;
    private final String configuredBase;
    private final String prefix;
    private final boolean configuredHttps;

    public PublicAddress(Config config) {
        this.trusted = parseNetworks(config.get(Setting.TRUSTED_PROXIES));
        this.baseGiven = config.isGiven(Setting.BASE_URL);
        this.configuredBase = config.publicBase();
        this.prefix = config.basePath();
        this.configuredHttps = config.isHttps();
    }

    /** What one request learns: whether it is https for the visitor, the public base URL, the client's address. */
    public record Resolved(boolean secure, String base, String clientIp) {}

    public Resolved resolve(Context ctx) {
        String remote = stripBrackets(ctx.req().getRemoteAddr());
        boolean direct = "https".equalsIgnoreCase(ctx.scheme());
        if (!isTrusted(remote)) {
            return new Resolved(configuredHttps || direct, configuredBase, remote);
        }
        Forwarding forwarding = forwarding(ctx, remote);
        boolean secure = configuredHttps || direct || "https".equals(forwarding.proto());
        String base = configuredBase;
        if (!baseGiven) {
            // No address configured: the one the trusted proxy was asked for is the public one.
            String scheme = forwarding.proto() != null ? forwarding.proto() : direct ? "https" : "http";
            String host = forwarding.host() != null ? forwarding.host() : validHost(ctx.header("Host"));
            if (host != null) {
                base = scheme + "://" + host + prefix;
            }
        }
        return new Resolved(secure, base, forwarding.client());
    }

    private record Forwarding(String client, String proto, String host) {}

    /** Reads the proxy's headers: RFC 7239 {@code Forwarded} when present, else the X-Forwarded-* trio. */
    private Forwarding forwarding(Context ctx, String remote) {
        List<String> forwarded = ctx.req().getHeaders("Forwarded") == null ? List.of()
                : java.util.Collections.list(ctx.req().getHeaders("Forwarded"));
        if (!forwarded.isEmpty()) {
            List<String> elements = new ArrayList<>();
            for (String header : forwarded) {
                for (String element : header.split(",")) {
                    elements.add(element.trim());
                }
            }
            // Walk from the nearest proxy back towards the visitor; the first address that is no trusted proxy
            // is the visitor, and the element that names it was written by the proxy the visitor talked to.
            for (int i = elements.size() - 1; i >= 0; i--) {
                String forAddress = parameter(elements.get(i), "for");
                String ip = forAddress == null ? null : ipOf(forAddress);
                if (ip == null || !isTrusted(ip) || i == 0) {
                    return new Forwarding(ip != null ? ip : remote, proto(parameter(elements.get(i), "proto")),
                            validHost(parameter(elements.get(i), "host")));
                }
            }
        }
        String client = remote;
        String forwardedFor = joined(ctx, "X-Forwarded-For");
        if (forwardedFor != null) {
            String[] hops = forwardedFor.split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String ip = ipOf(hops[i].trim());
                if (ip == null) {
                    break;
                }
                client = ip;
                if (!isTrusted(ip)) {
                    break;
                }
            }
        }
        return new Forwarding(client, proto(last(joined(ctx, "X-Forwarded-Proto"))),
                validHost(last(joined(ctx, "X-Forwarded-Host"))));
    }

    private static String joined(Context ctx, String name) {
        var values = ctx.req().getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        return String.join(",", java.util.Collections.list(values));
    }

    /** The value the nearest proxy wrote: the last one of a comma-separated list. */
    private static String last(String list) {
        if (list == null) {
            return null;
        }
        String[] values = list.split(",");
        return values[values.length - 1].trim();
    }

    private static String parameter(String element, String name) {
        for (String pair : element.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return null;
    }

    private static String proto(String value) {
        if (value == null) {
            return null;
        }
        String proto = value.trim().toLowerCase(Locale.ROOT);
        return proto.equals("https") || proto.equals("http") ? proto : null;
    }

    private static String validHost(String value) {
        return value != null && HOST.matcher(value.trim()).matches() ? value.trim().toLowerCase(Locale.ROOT) : null;
    }

    /** The IP address in a header value ("203.0.113.5", "203.0.113.5:4711", "[2001:db8::1]:4711"), or null. */
    static String ipOf(String value) {
        String v = value.trim();
        if (v.startsWith("[")) {
            int end = v.indexOf(']');
            if (end < 0) {
                return null;
            }
            v = v.substring(1, end);
        } else if (v.indexOf(':') > 0 && v.indexOf(':') == v.lastIndexOf(':') && v.contains(".")) {
            v = v.substring(0, v.indexOf(':')); // IPv4 with a port
        }
        return parseLiteral(v) == null ? null : v;
    }

    private static String stripBrackets(String address) {
        return address != null && address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
    }

    private boolean isTrusted(String ip) {
        if (trusted.isEmpty() || ip == null) {
            return false;
        }
        byte[] address = parseLiteral(ip);
        if (address == null) {
            return false;
        }
        for (Network network : trusted) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The bytes of an IP literal; never a name lookup, since only literals get this far. */
    private static byte[] parseLiteral(String ip) {
        if (IPV4.matcher(ip).matches()) {
            String[] parts = ip.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    return null;
                }
                bytes[i] = (byte) octet;
            }
            return bytes;
        }
        if (!IPV6.matcher(ip).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(ip).getAddress(); // a literal with ':' is parsed, never looked up
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }

    static List<Network> parseNetworks(String setting) {
        List<Network> networks = new ArrayList<>();
        for (String entry : setting.split(",")) {
            String item = entry.trim();
            if (item.isEmpty()) {
                continue;
            }
            int slash = item.indexOf('/');
            String ip = slash < 0 ? item : item.substring(0, slash);
            byte[] address = parseLiteral(stripBrackets(ip));
            int bits;
            try {
                bits = slash < 0 ? (address == null ? 0 : address.length * 8) : Integer.parseInt(item.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (address == null || bits < 0 || bits > address.length * 8) {
                throw new IllegalStateException(Setting.TRUSTED_PROXIES.env() + " holds IP addresses or networks "
                        + "such as 10.0.0.5, 10.0.0.0/8 or fd00::/8, separated by commas; '" + item + "' is neither");
            }
            networks.add(new Network(address, bits));
        }
        return networks;
    }

    /** An address block: the first {@code bits} bits of {@code address}. */
    record Network(byte[] address, int bits) {
        boolean contains(byte[] candidate) {
            byte[] mine = address;
            byte[] theirs = candidate;
            if (mine.length != theirs.length) {
                // An IPv4 address may arrive as IPv4-mapped IPv6 (::ffff:a.b.c.d).
                if (theirs.length == 16 && mine.length == 4 && isMapped(theirs)) {
                    theirs = java.util.Arrays.copyOfRange(theirs, 12, 16);
                } else {
                    return false;
                }
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (mine[i] != theirs[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (mine[full] & mask) == (theirs[full] & mask);
        }

        private static boolean isMapped(byte[] v6) {
            for (int i = 0; i < 10; i++) {
                if (v6[i] != 0) {
                    return false;
                }
            }
            return v6[10] == (byte) 0xff && v6[11] == (byte) 0xff;
        }
    }
}

package io.cauri.webhook;

import io.cauri.merchant.Mode;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which addresses a webhook may be sent to: the one SSRF rule, applied when an endpoint is registered and again
 * at every delivery (a name may resolve elsewhere by then), on every address the name resolves to. Refused: the
 * unspecified address, private (10/8, 172.16/12, 192.168/16), shared (100.64/10), link-local (169.254/16 — the
 * cloud metadata service —, fe80::/10), unique local (fc00::/7, site-local fec0::/10), multicast, reserved and
 * broadcast ranges, IPv4-compatible / IPv4-embedding IPv6 forms of any of these, and loopback unless
 * {@code cauri.webhooks.loopback} allows it:
 * <ul>
 *   <li>{@code sandbox} (default): sandbox endpoints may use loopback, for a receiver on the developer's
 *       machine next to local-api; live endpoints never;</li>
 *   <li>{@code none}: no endpoint may (on AWS, loopback is the Lambda itself);</li>
 *   <li>{@code all}: live endpoints too — only for tests that deliver to a receiver on this machine.</li>
 * </ul>
 * IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) arrive here already as their IPv4 address (the JDK
 * converts them), so they get the IPv4 rule.
 */
@Singleton
public class WebhookAddresses {
    /** Name resolution, replaceable so tests can make a name resolve to a loopback address. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public enum Loopback { NONE, SANDBOX, ALL }

    /** A host that resolves (also) to an address webhooks may not reach. */
    public static final class RefusedAddressException extends Exception {
        public RefusedAddressException(String message) {
            super(message, null, false, false);
        }
    }

    private final Resolver resolver;
    private final Loopback loopback;

    @Inject
    public WebhookAddresses(@Value("${cauri.webhooks.loopback:sandbox}") String loopback) {
        this(InetAddress::getAllByName, Loopback.valueOf(loopback.trim().toUpperCase(Locale.ROOT)));
    }

    public WebhookAddresses(Resolver resolver, Loopback loopback) {
        this.resolver = resolver;
        this.loopback = loopback;
    }

    /**
     * Every address {@code host} resolves to, if all of them are allowed for an endpoint of {@code mode}; a
     * literal address is not looked up. Checking all of them (not only the first) keeps a name that also
     * resolves to an internal address from being used at all.
     */
    public List<InetAddress> resolve(String host, Mode mode) throws UnknownHostException, RefusedAddressException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = resolver.resolve(bare);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            if (!allowed(address, mode)) {
                throw new RefusedAddressException("the host resolves to an address webhooks may not reach");
            }
        }
        return List.of(addresses);
    }

    public boolean allowed(InetAddress address, Mode mode) {
        if (address.isLoopbackAddress()) {
            return loopback == Loopback.ALL || (loopback == Loopback.SANDBOX && mode == Mode.SANDBOX);
        }
        return isPublic(address);
    }

    /** Publicly routable unicast: not loopback, private, link-local, unique local, multicast or reserved. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublic4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local (e.g. fd00:ec2::254, the metadata service over IPv6)
            }
            if (allZero(b, 0, 12)) {
                return false; // ::/96 IPv4-compatible (and :: / ::1, handled above)
            }
            if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return false; // ::ffff:0:0/96 IPv4-mapped, if it ever arrives unconverted
            }
            if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return allZero(b, 4, 12) && isPublic4(new byte[]{b[12], b[13], b[14], b[15]}); // 64:ff9b::/96 NAT64
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return isPublic4(new byte[]{b[2], b[3], b[4], b[5]}); // 2002::/16 6to4 embeds an IPv4 address
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
                return false; // 2001::/32 Teredo: the real destination is hidden
            }
            return (first & 0xe0) == 0x20; // only 2000::/3 is global unicast
        }
        return false;
    }

    private static boolean isPublic4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        return !(a0 == 0                                  // 0/8 "this network" (0.0.0.0 included)
                || a0 == 10                               // private
                || a0 == 127                              // loopback
                || (a0 == 100 && (a1 & 0xc0) == 64)       // 100.64/10 shared (carrier NAT)
                || (a0 == 169 && a1 == 254)               // link-local, the metadata service
                || (a0 == 172 && (a1 & 0xf0) == 16)       // private
                || (a0 == 192 && a1 == 168)               // private
                || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) // 192.0.0/24 protocol assignments
                || (a0 == 198 && (a1 & 0xfe) == 18)       // 198.18/15 benchmarking
                || a0 >= 224);                            // multicast, reserved, broadcast
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}

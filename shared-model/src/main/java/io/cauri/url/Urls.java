package io.cauri.url;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one place URLs are compared by origin and host names are recognised as this machine, so the redirect
 * allowlist, webhook URL validation and webhook duplicate detection cannot drift apart.
 */
public final class Urls {
    /** Host names ({@link URI#getHost()}, lowercase) that mean this machine; IPv6 comes bracketed from URI. */
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private Urls() {
    }

    /** Whether this host name (any case) is loopback by name: what a developer's local server listens on. */
    public static boolean isLoopbackHost(String host) {
        return host != null && LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT));
    }

    /**
     * {@code scheme://host[:port]} as a browser or receiver sees it: scheme and host lowercase, a default port
     * (443 for https, 80 for http) dropped; a missing scheme or host is empty.
     */
    public static String schemeHostPort(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + (uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT))
                + (defaultPort ? "" : ":" + port);
    }

    /** The origin ({@link #schemeHostPort}) of an absolute http(s) URL without credentials; empty otherwise. */
    public static Optional<String> origin(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))
                    || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            return Optional.of(schemeHostPort(uri));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}

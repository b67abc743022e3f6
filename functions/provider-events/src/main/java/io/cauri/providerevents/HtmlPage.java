package io.cauri.providerevents;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A page for the payer's browser, with the headers that keep it safe: a Content-Security-Policy that runs
 * no inline script (the pages' scripts and styles are static assets under {@code /pages/}), loads nothing
 * from elsewhere, refuses framing (an approve button in a frame invites clickjacking) and lets forms post
 * only here or to the merchant's redirection origins (browsers check {@code form-action} on the redirect
 * that follows a post); referrers only to this origin (checkout URLs carry the intent token; and with
 * {@code no-referrer} the browser would send {@code Origin: null} on the pages' own posts, which Micronaut
 * refuses on a local host); never cached.
 */
record HtmlPage(HttpStatus status, String html, Set<String> formTargets) {

    HtmlPage {
        formTargets = Set.copyOf(formTargets);
    }

    static HtmlPage ok(String html) {
        return new HtmlPage(HttpStatus.OK, html, Set.of());
    }

    /** The page, whose forms may also end on these redirection URLs (their origins are allowed). */
    static HtmlPage ok(String html, Collection<String> redirectionUrls) {
        Set<String> origins = new LinkedHashSet<>();
        for (String url : redirectionUrls) {
            origin(url).ifPresent(origins::add);
        }
        return new HtmlPage(HttpStatus.OK, html, origins);
    }

    MutableHttpResponse<String> response() {
        String formAction = "'self'" + (formTargets.isEmpty() ? "" : " " + String.join(" ", formTargets));
        return HttpResponse.<String>status(status).body(html)
                .contentType(MediaType.TEXT_HTML + ";charset=utf-8")
                .header("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
                        + "img-src 'self'; connect-src 'self'; form-action " + formAction
                        + "; frame-ancestors 'none'; base-uri 'none'")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "no-store");
    }

    /** Text for HTML content and quoted attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * {@code scheme://host[:port]} of an http(s) URL, as a CSP source; empty for anything else. Rebuilt from
     * the parsed parts, so nothing but a scheme, a host name and a port reaches the header.
     */
    static Optional<String> origin(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            if (!(scheme.equals("https") || scheme.equals("http")) || host == null
                    || !host.matches("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+\\]")) {
                return Optional.empty();
            }
            return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT)
                    + (uri.getPort() >= 0 ? ":" + uri.getPort() : ""));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}

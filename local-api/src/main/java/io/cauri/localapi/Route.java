package io.cauri.localapi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP API route of the template, e.g. {@code GET /payment-intents/{id}} served by RetrieveIntentFunction.
 * Matching follows API Gateway: literal segments match exactly, {@code {x}} matches one non-empty segment,
 * {@code {x+}} the rest of the path, method {@code ANY} every method, and the {@code $default} route
 * (an HttpApi event without Path and Method) everything.
 */
public record Route(String method, String path, String function) {

    public static final String DEFAULT = "$default";

    public Route {
        method = method.toUpperCase(Locale.ROOT);
    }

    /** What API Gateway puts in {@code routeKey}: {@code "GET /payment-intents/{id}"} or {@code "$default"}. */
    public String routeKey() {
        return isDefault() ? DEFAULT : method + " " + path;
    }

    public boolean isDefault() {
        return DEFAULT.equals(path);
    }

    /** The path parameters (decoded) when this route serves the request, empty otherwise. */
    public Optional<Map<String, String>> match(String requestMethod, String rawPath) {
        if (isDefault()) {
            return Optional.of(Map.of());
        }
        if (!method.equals("ANY") && !method.equals(requestMethod)) {
            return Optional.empty();
        }
        String[] pattern = segments(path);
        String[] actual = segments(rawPath);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("+}") && i == pattern.length - 1) {
                String rest = String.join("/", List.of(actual).subList(Math.min(i, actual.length), actual.length));
                if (rest.isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(p.substring(1, p.length() - 2), decode(rest));
                return Optional.of(parameters);
            }
            if (i >= actual.length) {
                return Optional.empty();
            }
            if (p.startsWith("{") && p.endsWith("}")) {
                if (actual[i].isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(p.substring(1, p.length() - 1), decode(actual[i]));
            } else if (!p.equals(actual[i])) {
                return Optional.empty();
            }
        }
        return pattern.length == actual.length ? Optional.of(parameters) : Optional.empty();
    }

    /**
     * Orders routes that match the same request, most specific first: segment by segment a literal beats
     * {@code {x}}, which beats {@code {x+}}; then an exact method beats ANY; {@code $default} comes last.
     */
    String specificity() {
        if (isDefault()) {
            return "~";
        }
        StringBuilder key = new StringBuilder();
        for (String s : segments(path)) {
            key.append(s.endsWith("+}") ? '2' : s.startsWith("{") ? '1' : '0');
        }
        return key.append(method.equals("ANY") ? 'b' : 'a').toString();
    }

    /** "/a/b" → ["a", "b"]; a trailing slash keeps an empty last segment, so "/a/" is not "/a". */
    private static String[] segments(String path) {
        return (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
    }

    private static String decode(String raw) {
        // Path segments use percent-encoding only: a '+' is a plus sign, not a space.
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}

package io.cauri.web.guard;

import java.util.List;

/** A route template such as {@code /payment-intents/{id}/status}: literal segments, and {@code {name}} for any one. */
public record RoutePattern(String method, List<String> segments) {

    public static RoutePattern of(String method, String template) {
        return new RoutePattern(method, split(template));
    }

    public boolean matches(String requestMethod, String path) {
        if (!method.equalsIgnoreCase(requestMethod)) {
            return false;
        }
        List<String> request = split(path);
        if (request.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            String s = segments.get(i);
            String r = request.get(i);
            if (s.startsWith("{") ? r.isEmpty() : !s.equals(r)) {
                return false;
            }
        }
        return true;
    }

    static List<String> split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return List.of(trimmed.split("/", -1));
    }
}

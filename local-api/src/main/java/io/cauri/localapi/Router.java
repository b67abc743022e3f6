package io.cauri.localapi;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Picks the route API Gateway would pick for a request: the most specific one that matches. */
public final class Router {

    /** A route chosen for a request, with the path parameters it extracted. */
    public record Match(Route route, Map<String, String> pathParameters) {
    }

    private final List<Route> routes;

    public Router(List<Route> routes) {
        this.routes = routes.stream().sorted(Comparator.comparing(Route::specificity)).toList();
    }

    public Optional<Match> find(String method, String rawPath) {
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.match(method, rawPath);
            if (parameters.isPresent()) {
                return Optional.of(new Match(route, parameters.get()));
            }
        }
        return Optional.empty();
    }
}

package io.cauri.web.guard;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.cors.CorsFilter;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.resource.StaticResourceResolver;
import jakarta.inject.Inject;

/**
 * Micronaut's CORS filter, except that the routes a payer's browser calls with the intent's token
 * ({@link SecurityHeadersFilter#BROWSER_ROUTES}) are open to every origin on every host.
 * <p>
 * Micronaut refuses (bare 403) any request whose {@code Origin} is not local when the server's host is local,
 * to protect local servers from drive-by requests made by web pages. local-api is such a server, so a shop's
 * page ({@code Origin: https://shop.example}) calling attempt, authenticate or status with the token was
 * refused after {@link SecurityHeadersFilter} had allowed its preflight. Those routes carry no ambient
 * credential (the token travels in the query or body, never in a cookie) and are meant for any origin, so
 * the protection has nothing to guard there. Every other route keeps it: the API-key routes and the sandbox
 * pages stay closed to foreign pages on a local host.
 */
@Replaces(CorsFilter.class)
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class BrowserRoutesCorsFilter extends CorsFilter {

    @Inject
    public BrowserRoutesCorsFilter(HttpServerConfiguration.CorsConfiguration corsConfiguration,
                                   StaticResourceResolver staticResourceResolver, Router router,
                                   @Nullable HttpHostResolver httpHostResolver) {
        super(corsConfiguration, staticResourceResolver, router, httpHostResolver);
    }

    @Override
    protected boolean shouldDenyToPreventDriveByLocalhostAttack(String origin, HttpRequest<?> request) {
        return !SecurityHeadersFilter.isBrowserRoute(request)
                && super.shouldDenyToPreventDriveByLocalhostAttack(origin, request);
    }
}

package io.cauri.connector.mtn;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The OAuth token of {@code POST /collection/token/}, kept until shortly before {@code expires_in} and renewed
 * by one caller at a time: of twenty requests that find it missing or stale, one asks MTN and the others wait
 * for its answer (bounded by the request timeout) instead of asking too.
 */
final class AccessTokens {

    /** The token could not be obtained; nothing was sent that could debit anyone. */
    static final class Unavailable extends Exception {
        final boolean credentialsRefused;

        Unavailable(String message, boolean credentialsRefused, Throwable cause) {
            super(message, cause, false, false);
            this.credentialsRefused = credentialsRefused;
        }
    }

    private record Token(String value, Instant renewAfter) {
    }

    private final HttpClient http;
    private final MtnMomoConfig config;
    private final String product;
    private final String subscriptionKey;
    private final String apiUser;
    private final String apiKey;
    private final MtnMomoTimings timings;
    private final Clock clock;
    private final ReentrantLock renewal = new ReentrantLock();
    private volatile Token current;

    /** The Collection product's token. */
    AccessTokens(HttpClient http, MtnMomoConfig config, MtnMomoTimings timings, Clock clock) {
        this(http, config, "collection", config.subscriptionKey(), config.apiUser(), config.apiKey(), timings, clock);
    }

    /**
     * The token of {@code product} ({@code collection}, {@code disbursement}) at {@code /<product>/token/}: each
     * MTN product has its own subscription key and API user, and its token is valid for it only.
     */
    AccessTokens(HttpClient http, MtnMomoConfig config, String product, String subscriptionKey, String apiUser,
                 String apiKey, MtnMomoTimings timings, Clock clock) {
        this.http = http;
        this.config = config;
        this.product = product;
        this.subscriptionKey = subscriptionKey;
        this.apiUser = apiUser;
        this.apiKey = apiKey;
        this.timings = timings;
        this.clock = clock;
    }

    String token() throws Unavailable {
        Token token = current;
        if (token != null && clock.instant().isBefore(token.renewAfter())) {
            return token.value();
        }
        renewal.lock();
        try {
            token = current; // renewed by the caller this one waited for?
            if (token != null && clock.instant().isBefore(token.renewAfter())) {
                return token.value();
            }
            current = fetch();
            return current.value();
        } finally {
            renewal.unlock();
        }
    }

    /** MTN refused this token (401): the next caller renews it; a token renewed since is kept. */
    void refused(String value) {
        renewal.lock();
        try {
            if (current != null && current.value().equals(value)) {
                current = null;
            }
        } finally {
            renewal.unlock();
        }
    }

    private Token fetch() throws Unavailable {
        Instant asked = clock.instant();
        String basic = Base64.getEncoder().encodeToString(
                (apiUser + ":" + apiKey).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.baseUrl() + "/" + product + "/token/"))
                .timeout(timings.request())
                .header("Authorization", "Basic " + basic)
                .header("Ocp-Apim-Subscription-Key", subscriptionKey)
                .POST(HttpRequest.BodyPublishers.noBody()) // a body on the token API is a 400
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("MTN MoMo token request failed: " + e.getClass().getSimpleName(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("MTN MoMo token request interrupted", false, e);
        }
        if (response.statusCode() == 401) {
            throw new Unavailable("MTN MoMo refused the platform credentials (HTTP 401 from /" + product
                    + "/token/): check the subscription key, API user and API key of the connector's configuration", true, null);
        }
        if (response.statusCode() != 200) {
            throw new Unavailable("MTN MoMo " + product + " token request answered HTTP " + response.statusCode(), false, null);
        }
        try {
            Map<String, Object> body = Json.object(response.body());
            if (!(body.get("access_token") instanceof String value) || value.isEmpty()
                    || !(body.get("expires_in") instanceof Number expiresIn) || expiresIn.longValue() <= 0) {
                throw new Unavailable("MTN MoMo token answer has no access_token or expires_in", false, null);
            }
            Duration life = Duration.ofSeconds(expiresIn.longValue());
            Duration margin = timings.tokenMargin().compareTo(life.dividedBy(5)) < 0 ? timings.tokenMargin()
                    : life.dividedBy(5);
            return new Token(value, asked.plus(life).minus(margin));
        } catch (IOException e) {
            throw new Unavailable("MTN MoMo token answer is not JSON", false, e);
        }
    }
}

package io.cauri.web.auth;

import io.cauri.merchant.Caller;
import io.cauri.merchant.MerchantAuthenticator;
import io.cauri.merchant.Mode;
import io.cauri.token.IntentTokenClaims;
import io.cauri.token.IntentTokens;
import io.cauri.web.error.ApiException;
import io.cauri.web.log.RequestLog;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * Turns a request's credentials into a {@link Caller}: HUB2 server headers ({@code ApiKey},
 * {@code MerchantId}, {@code Environment}; names case-insensitive) or, on the routes a client app may
 * call, the intent's token.
 */
@Singleton
@io.micronaut.context.annotation.Requires(condition = io.cauri.token.SigningKeyConfigured.class)
public class CallerResolver {
    public static final String API_KEY = "ApiKey";
    public static final String MERCHANT_ID = "MerchantId";
    public static final String ENVIRONMENT = "Environment";
    static final int MAX_MERCHANT_ID_CHARS = 64;
    static final int MAX_KEY_CHARS = 256;

    private final MerchantAuthenticator authenticator;
    private final IntentTokens tokens;

    public CallerResolver(MerchantAuthenticator authenticator, IntentTokens tokens) {
        this.authenticator = authenticator;
        this.tokens = tokens;
    }

    /**
     * Server credentials only (create, list, …): HUB2 headers, or (v1) {@code Authorization: Bearer <api key>}
     * whose key carries its mode.
     */
    public Caller server(HttpRequest<?> request) {
        String authorization = request.getHeaders().get("Authorization");
        if (authorization != null && !request.getHeaders().contains(API_KEY)) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() <= 7) {
                throw ApiException.unauthorized("Use Authorization: Bearer <api key>.");
            }
            String key = authorization.substring(7).strip();
            if (key.length() > MAX_KEY_CHARS) {
                throw ApiException.unauthorized("Invalid API key.");
            }
            return RequestLog.authenticated(request, authenticator.bearer(key));
        }
        String apiKey = request.getHeaders().get(API_KEY);
        if (apiKey == null || apiKey.isBlank()) {
            throw ApiException.unauthorized("Missing ApiKey header.");
        }
        String merchantId = request.getHeaders().get(MERCHANT_ID);
        if (merchantId == null || merchantId.isBlank()) {
            throw ApiException.unauthorized("Missing MerchantId header.");
        }
        if (merchantId.length() > MAX_MERCHANT_ID_CHARS || apiKey.length() > MAX_KEY_CHARS) {
            // never a lookup key the store would refuse: bounded like every other input
            throw ApiException.unauthorized("Invalid API key or merchant id.");
        }
        return RequestLog.authenticated(request, authenticator.authenticate(merchantId, apiKey, environment(request)));
    }

    /**
     * Server credentials if an {@code ApiKey} is sent, otherwise the intent's token, which must name
     * exactly this intent: a token is no key to any other.
     */
    public Caller serverOrToken(HttpRequest<?> request, String intentId, String token) {
        if (request.getHeaders().contains(API_KEY) || request.getHeaders().contains("Authorization")) {
            return server(request);
        }
        if (token == null || token.isBlank()) {
            throw ApiException.unauthorized("Send the ApiKey, MerchantId and Environment headers, or the intent's token.");
        }
        IntentTokenClaims claims = tokens.verify(token);
        if (!claims.intentId().equals(intentId)) {
            throw ApiException.unauthorized("This token does not authorise this payment intent.");
        }
        return RequestLog.authenticated(request, Caller.client(claims.merchantId(), claims.mode(), claims.intentId()));
    }

    private static Mode environment(HttpRequest<?> request) {
        String value = request.getHeaders().get(ENVIRONMENT);
        if (value == null || value.isBlank()) {
            throw ApiException.missing(ENVIRONMENT);
        }
        return Mode.fromWire(value).orElseThrow(
                () -> ApiException.invalid(ENVIRONMENT, "Environment must be live or sandbox."));
    }
}

package io.cauri.sdk;

import io.cauri.sdk.api.BalanceAndStatementsApi;
import io.cauri.sdk.api.Hub2PaymentIntentsApi;
import io.cauri.sdk.api.Hub2PaymentsApi;
import io.cauri.sdk.api.Hub2RefundsApi;
import io.cauri.sdk.api.Hub2TransfersApi;
import io.cauri.sdk.api.V1PaymentIntentsApi;
import io.cauri.sdk.api.V1PayoutsApi;
import io.cauri.sdk.api.V1RefundsApi;
import io.cauri.sdk.api.WebhooksApi;
import io.cauri.sdk.client.ApiClient;
import io.cauri.sdk.client.ApiException;
import io.cauri.sdk.model.Hub2AttemptPaymentRequest;
import io.cauri.sdk.model.Hub2AuthenticationRequest;
import io.cauri.sdk.model.Hub2CreatePaymentIntentRequest;
import io.cauri.sdk.model.Hub2CreateWebhookRequest;
import io.cauri.sdk.model.Hub2PaymentIntent;
import io.cauri.sdk.model.Hub2Webhook;

import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The Cauri API client. The generated API classes ({@link #paymentIntents()}, {@link #webhooks()}, the v1 family ...)
 * all share one HTTP client that adds the credentials, an {@code Idempotency-Key} on every POST (kept across the SDK's
 * own retries; pass your own through the generated methods' {@code idempotencyKey} argument) and retries per
 * {@link RetryPolicy} honouring {@code Retry-After}: 429 for every request, 503 only for idempotent methods (a POST's
 * 503 reaches you: read the object). Build it once and share it: it is thread-safe.
 *
 * <pre>{@code
 * Cauri cauri = Cauri.builder().baseUrl("http://127.0.0.1:3000")
 *         .apiKey("sk_demo_0123456789").merchantId("m_demo").build();
 * Hub2PaymentIntent intent = cauri.createIntent(new Hub2CreatePaymentIntentRequest()
 *         .customerReference("cust_1").purchaseReference("order_1").amount(1000L)
 *         .currency(Hub2CreatePaymentIntentRequest.CurrencyEnum.XOF));
 * }</pre>
 */
public final class Cauri {
    private final CauriConfig config;
    private final ApiClient apiClient;

    private Cauri(CauriConfig config) {
        this.config = config;
        HttpClient.Builder jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if (config.connectTimeout() != null) {
            jdk.connectTimeout(config.connectTimeout());
        }
        CauriHttpClient http = new CauriHttpClient(jdk.build(), config);
        this.apiClient = new ApiClient(new OneClient(http), ApiClient.createDefaultObjectMapper(), config.baseUrlString());
        if (config.readTimeout() != null) {
            apiClient.setReadTimeout(config.readTimeout());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client for the payer's side (an app or a server acting for it without the merchant's key): no credentials,
     * for the token routes — read an intent, attempt a payment, authenticate it — each given the intent's token.
     */
    public static Cauri forIntentToken(String baseUrl) {
        return builder().baseUrl(baseUrl).build();
    }

    /** The generated client's configuration, for the API classes this facade does not name. */
    public ApiClient apiClient() {
        return apiClient;
    }

    /** The merchant id the HUB2 methods take as their {@code merchantId} argument (the SDK also sends it itself). */
    public String merchantId() {
        return config.merchantId();
    }

    /** {@code sandbox} or {@code live}: the HUB2 methods' {@code environment} argument. */
    public String environment() {
        return config.environment();
    }

    public Hub2PaymentIntentsApi paymentIntents() { return new Hub2PaymentIntentsApi(apiClient); }
    public Hub2PaymentsApi payments() { return new Hub2PaymentsApi(apiClient); }
    public Hub2RefundsApi refunds() { return new Hub2RefundsApi(apiClient); }
    public Hub2TransfersApi transfers() { return new Hub2TransfersApi(apiClient); }
    public WebhooksApi webhooks() { return new WebhooksApi(apiClient); }
    public BalanceAndStatementsApi balance() { return new BalanceAndStatementsApi(apiClient); }
    public V1PaymentIntentsApi v1PaymentIntents() { return new V1PaymentIntentsApi(apiClient); }
    public V1RefundsApi v1Refunds() { return new V1RefundsApi(apiClient); }
    public V1PayoutsApi v1Payouts() { return new V1PayoutsApi(apiClient); }

    /** {@code POST /payment-intents} (server, API key): 201 with status payment_required and the client token. */
    public Hub2PaymentIntent createIntent(Hub2CreatePaymentIntentRequest request) throws ApiException {
        return paymentIntents().hub2CreateIntent(requireMerchant(), config.environment(), request, null);
    }

    /** {@code GET /payment-intents/{id}} with the API key. */
    public Hub2PaymentIntent retrieveIntent(String id) throws ApiException {
        return paymentIntents().hub2RetrieveIntent(id, config.merchantId(), config.environment(), null);
    }

    /** {@code GET /payment-intents/{id}?token=} (payer side): the intent read with its token only. */
    public Hub2PaymentIntent retrieveIntent(String id, String token) throws ApiException {
        return paymentIntents().hub2RetrieveIntent(id, null, null, token);
    }

    /** {@code POST /payment-intents/{id}/payments}: the request carries the intent's token (payer side). */
    public Hub2PaymentIntent attemptPayment(String id, Hub2AttemptPaymentRequest request) throws ApiException {
        return paymentIntents().hub2AttemptPayment(id, request, null, null, null);
    }

    /** {@code POST /payment-intents/{id}/authentication}: the OTP flow's code, with the intent's token. */
    public Hub2PaymentIntent authenticatePayment(String id, Hub2AuthenticationRequest request) throws ApiException {
        return paymentIntents().hub2Authenticate(id, request, null, null, null);
    }

    /** {@code POST /webhooks}: the answer's {@code secret} is shown only here (and on rotation). */
    public Hub2Webhook createWebhook(Hub2CreateWebhookRequest request) throws ApiException {
        return webhooks().createWebhook(requireMerchant(), config.environment(), request, null);
    }

    private String requireMerchant() {
        if (config.apiKey() == null || config.merchantId() == null) {
            throw new IllegalStateException("this call needs a client built with apiKey and merchantId");
        }
        return config.merchantId();
    }

    public static final class Builder {
        private URI baseUrl;
        private String apiKey;
        private String merchantId;
        private String environment = "sandbox";
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        public Builder baseUrl(String baseUrl) { this.baseUrl = URI.create(baseUrl); return this; }
        public Builder apiKey(String apiKey) { this.apiKey = apiKey; return this; }
        public Builder merchantId(String merchantId) { this.merchantId = merchantId; return this; }
        /** {@code sandbox} (the default) or {@code live}: the HUB2 {@code Environment} header. */
        public Builder environment(String environment) { this.environment = environment; return this; }
        public Builder retryPolicy(RetryPolicy retryPolicy) { this.retryPolicy = retryPolicy; return this; }
        public Builder connectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; return this; }
        /** The longest wait for one answer (wave's {@code …/payments/sync} waits up to 25 s). */
        public Builder readTimeout(Duration readTimeout) { this.readTimeout = readTimeout; return this; }

        public Cauri build() {
            return new Cauri(new CauriConfig(baseUrl, apiKey, merchantId, environment, retryPolicy, connectTimeout, readTimeout));
        }
    }

    /**
     * The generated API classes ask their {@link ApiClient} for an HTTP client through a builder each time one is
     * made; this one hands them all the same client, built once (its settings are fixed by {@link Builder}).
     */
    private static final class OneClient implements HttpClient.Builder {
        private final HttpClient client;

        OneClient(HttpClient client) {
            this.client = client;
        }

        @Override public HttpClient build() { return client; }
        // The settings are the Cauri builder's; a change here would not reach the client already built.
        @Override public HttpClient.Builder cookieHandler(CookieHandler h) { return this; }
        @Override public HttpClient.Builder connectTimeout(Duration d) { return this; }
        @Override public HttpClient.Builder sslContext(SSLContext c) { return this; }
        @Override public HttpClient.Builder sslParameters(SSLParameters p) { return this; }
        @Override public HttpClient.Builder executor(Executor e) { return this; }
        @Override public HttpClient.Builder followRedirects(HttpClient.Redirect r) { return this; }
        @Override public HttpClient.Builder version(HttpClient.Version v) { return this; }
        @Override public HttpClient.Builder priority(int p) { return this; }
        @Override public HttpClient.Builder proxy(ProxySelector p) { return this; }
        @Override public HttpClient.Builder authenticator(Authenticator a) { return this; }
    }
}

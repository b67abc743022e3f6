package io.cauri.connector.wave;

import io.cauri.fee.FeeCalculator;
import io.cauri.intent.Currency;
import io.cauri.intent.FailureCode;
import io.cauri.intent.NextAction;
import io.cauri.intent.Payment;
import io.cauri.provider.ProviderAnswer;
import io.cauri.provider.ProviderGateway;
import io.cauri.provider.ProviderRequest;
import io.cauri.provider.ReferenceSink;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The provider port on Wave's Checkout API (docs/PROVIDERS.md §2). An attempt becomes one checkout session whose
 * {@code client_reference} is our payment id; the payer is sent to its {@code wave_launch_url} (a {@code redirection}
 * next action) and pays in the Wave app; the outcome comes from reading the session (and from Wave's
 * signed webhooks, see {@link WaveWebhooks}).
 *
 * <p>Money safety. Wave documents no {@code Idempotency-Key} for checkout sessions, so a second create for the same
 * payment would make a second payable session. Before creating, the gateway therefore searches Wave for a session
 * with this payment's {@code client_reference} and answers from it when there is one. An answer that is not known
 * (timeout after sending, 5xx, reset, unreadable or inconsistent body) is a {@link WaveOutcomeUnknownException},
 * never a {@link ProviderAnswer.Failed}: the payment stays {@code processing} and {@link #status} settles it. Only a
 * create that Wave refused outright (4xx: invalid request, credentials, rate limit), which creates nothing, and a
 * payment for which Wave still has no session well after any create of ours could be in flight, end as failed.
 *
 * <p>Built once per function instance: one {@link HttpClient}, bounded connect and request timeouts, HTTP/1.1, no
 * redirects followed.
 */
public final class WaveCheckoutGateway implements ProviderGateway {

    private static final String SESSIONS = "/v1/checkout/sessions";

    private final WaveConfig config;
    private final String base;
    private final HttpClient http;
    private final Clock clock;

    public WaveCheckoutGateway(WaveConfig config) {
        this(config, Clock.systemUTC());
    }

    public WaveCheckoutGateway(WaveConfig config, Clock clock) {
        this.config = config;
        String url = config.baseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public ProviderAnswer initiate(ProviderRequest request) {
        return initiate(request, ReferenceSink.NONE);
    }

    /**
     * Creating a session debits no one (the payer pays it in the Wave app, from the URL our answer gives), so the
     * session id is handed to {@code references} once Wave names it; the status read could find the session by
     * its {@code client_reference} anyway.
     */
    @Override
    public ProviderAnswer initiate(ProviderRequest request, ReferenceSink references) {
        Payment payment = request.payment();
        if (payment.currency() != Currency.XOF) {
            return new ProviderAnswer.Failed(FailureCode.UNSUPPORTED_CURRENCY, "Wave Checkout collects XOF only.");
        }
        if (payment.amount() <= 0) {
            return new ProviderAnswer.Failed(FailureCode.BAD_PARAMETERS, "The amount must be positive.");
        }
        if (!isHttps(payment.onSuccessRedirectionUrl()) || !isHttps(payment.onFailedRedirectionUrl())) {
            return new ProviderAnswer.Failed(FailureCode.BAD_PARAMETERS,
                    "Wave Checkout needs https success and failure redirection URLs.");
        }
        Optional<Map<String, Object>> existing = findByReference(payment.id());
        if (existing.isPresent()) {
            return saved(references, answer(payment, existing.get())); // a retry: the session made before
        }
        Map<String, String> body = new LinkedHashMap<>();
        // what the payer pays: the amount and the fees on it (as every connector); XOF has no minor unit: "1000", never "1000.00"
        body.put("amount", Long.toString(FeeCalculator.payerTotal(payment.amount(), payment.fees())));
        body.put("currency", "XOF");
        body.put("error_url", payment.onFailedRedirectionUrl());
        body.put("success_url", payment.onSuccessRedirectionUrl());
        body.put("client_reference", payment.id());
        byte[] bytes = WaveJson.write(body).getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> response = send("POST", SESSIONS, bytes);
        int status = response.statusCode();
        if (status == 200 || status == 201) {
            return saved(references, answer(payment, read(response)));
        }
        // A 4xx is Wave refusing the request before creating anything: the outcome is known, nothing was created.
        if (status == 400 || status == 422) {
            return new ProviderAnswer.Failed(FailureCode.BAD_PARAMETERS, "Wave refused the request: " + why(response));
        }
        if (status == 401 || status == 403) {
            return new ProviderAnswer.Failed(FailureCode.SERVICE_UNAVAILABLE,
                    "Wave refused the platform's credentials: " + why(response));
        }
        if (status == 429) {
            return new ProviderAnswer.Failed(FailureCode.TOO_MANY_REQUEST, "Wave is rate limiting: " + why(response));
        }
        throw new WaveOutcomeUnknownException("Wave answered " + status + " to a checkout session create: "
                + why(response));
    }

    /** The session id of an answer that names one, stored before the payer is given the session's URL. */
    private static ProviderAnswer saved(ReferenceSink references, ProviderAnswer answer) {
        String session = answer instanceof ProviderAnswer.ActionRequired a ? a.providerReference()
                : answer instanceof ProviderAnswer.Succeeded ok ? ok.providerReference()
                : answer instanceof ProviderAnswer.Pending p ? p.providerReference() : null;
        if (session != null) {
            references.save(session);
        }
        return answer;
    }

    /** Wave Checkout has no OTP step: what Wave knows of the payment is the only honest answer. */
    @Override
    public ProviderAnswer authenticate(Payment payment, String confirmationCode) {
        return status(payment);
    }

    @Override
    public ProviderAnswer status(Payment payment) {
        Map<String, Object> session;
        if (payment.providerReference() != null) {
            HttpResponse<byte[]> response = send("GET", SESSIONS + "/" + encode(payment.providerReference()), null);
            if (response.statusCode() != 200) {
                throw new WaveOutcomeUnknownException("Wave answered " + response.statusCode()
                        + " to a checkout session read: " + why(response));
            }
            session = read(response);
        } else {
            session = findByReference(payment.id()).orElse(null);
        }
        if (session != null) {
            return answer(payment, session);
        }
        Instant settledAfter = payment.createdAt().plus(config.creationGrace());
        if (Instant.now(clock).isAfter(settledAfter)) {
            // Every create of ours was bounded by the request timeout, long over: no session exists, none can
            // appear, and a payer cannot pay a session that does not exist.
            return new ProviderAnswer.Failed(FailureCode.SERVICE_UNAVAILABLE,
                    "Wave never created a checkout session for this payment; no money moved.");
        }
        return new ProviderAnswer.Pending(null);
    }

    /** The session Wave holds for this payment, if any (several would be a defect: the paid one wins). */
    private Optional<Map<String, Object>> findByReference(String paymentId) {
        HttpResponse<byte[]> response = send("GET", SESSIONS + "/search?client_reference=" + encode(paymentId), null);
        if (response.statusCode() != 200) {
            throw new WaveOutcomeUnknownException("Wave answered " + response.statusCode()
                    + " to a checkout session search: " + why(response));
        }
        Object result = read(response).get("result");
        if (!(result instanceof List<?> sessions)) {
            throw new WaveOutcomeUnknownException("Wave's search answer has no result list");
        }
        Map<String, Object> chosen = null;
        for (Object item : sessions) {
            if (!(item instanceof Map<?, ?>)) {
                throw new WaveOutcomeUnknownException("Wave's search answer holds a non-object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> session = (Map<String, Object>) item;
            if (!paymentId.equals(WaveJson.string(session, "client_reference"))) {
                continue;
            }
            if (chosen == null || rank(session) > rank(chosen)) {
                chosen = session;
            }
        }
        return Optional.ofNullable(chosen);
    }

    private static int rank(Map<String, Object> session) {
        return switch (String.valueOf(session.get("checkout_status"))) {
            case "complete" -> 2;
            case "open" -> 1;
            default -> 0;
        };
    }

    /** A session read as our answer; a session that does not match the payment is not trusted. */
    private ProviderAnswer answer(Payment payment, Map<String, Object> session) {
        String id = WaveJson.string(session, "id");
        String reference = WaveJson.string(session, "client_reference");
        if (id == null || !payment.id().equals(reference)
                || !Long.toString(FeeCalculator.payerTotal(payment.amount(), payment.fees())).equals(WaveJson.string(session, "amount"))
                || !"XOF".equals(WaveJson.string(session, "currency"))) {
            throw new WaveOutcomeUnknownException("Wave's checkout session does not match payment " + payment.id());
        }
        String checkout = WaveJson.string(session, "checkout_status");
        String paid = WaveJson.string(session, "payment_status");
        if ("complete".equals(checkout) && "succeeded".equals(paid)) {
            return new ProviderAnswer.Succeeded(id);
        }
        if ("open".equals(checkout) && !"succeeded".equals(paid)) {
            // still payable, even after a failed try: the payer may try again in the app until when_expires
            String url = WaveJson.string(session, "wave_launch_url");
            if (url == null || !isAbsolute(url)) {
                throw new WaveOutcomeUnknownException("Wave's open checkout session has no launch URL");
            }
            NextAction action = new NextAction(NextAction.Type.REDIRECTION, "Open Wave to pay.",
                    new NextAction.Data(url, "get", Map.of(), Map.of()));
            return new ProviderAnswer.ActionRequired(action, id);
        }
        if ("expired".equals(checkout) && !"succeeded".equals(paid)) {
            Object error = session.get("last_payment_error");
            if (error instanceof Map<?, ?> e && e.get("code") instanceof String code) {
                return new ProviderAnswer.Failed(WaveFailureCodes.of(code),
                        "The payer's last Wave payment attempt failed (" + code + ") and the session expired.");
            }
            return new ProviderAnswer.Failed(FailureCode.TIMEOUT,
                    "The payer did not pay before the Wave checkout session expired.");
        }
        throw new WaveOutcomeUnknownException("Wave's checkout session " + id + " has an unknown state: "
                + checkout + "/" + paid);
    }

    private HttpResponse<byte[]> send(String method, String path, byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + config.apiKey())
                .header("Accept", "application/json");
        if (config.signingSecret() != null) {
            builder.header(WaveSignature.HEADER,
                    WaveSignature.header(config.signingSecret(), Instant.now(clock).getEpochSecond(), bytes));
        }
        if (body != null) {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        String what = method + " " + path.split("\\?")[0];
        // The request timeout bounds the wait for the answer's headers only; waiting on the future (connect +
        // request timeouts) bounds the whole exchange, body included: a peer that drips its body cannot hold a
        // Lambda for long.
        CompletableFuture<HttpResponse<byte[]>> exchange =
                http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            return exchange.get(config.connectTimeout().plus(config.requestTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new WaveOutcomeUnknownException("No answer from Wave to " + what + " in time",
                    new HttpTimeoutException("request timed out"));
        } catch (ExecutionException e) {
            // a timeout after sending, a reset, a refused connection: what Wave did is not known here
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new WaveOutcomeUnknownException("No answer from Wave to " + what + ": "
                    + cause.getClass().getSimpleName(), cause);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new WaveOutcomeUnknownException("Interrupted while waiting for Wave", e);
        }
    }

    private static Map<String, Object> read(HttpResponse<byte[]> response) {
        try {
            return WaveJson.object(response.body());
        } catch (IOException e) {
            throw new WaveOutcomeUnknownException("Wave's answer (" + response.statusCode() + ") is not a JSON object");
        }
    }

    /** Wave's error {@code code: message}, bounded; the body never holds our secrets. */
    private static String why(HttpResponse<byte[]> response) {
        try {
            Map<String, Object> error = WaveJson.object(response.body());
            String text = WaveJson.string(error, "code") + ": " + WaveJson.string(error, "message");
            return text.length() > 300 ? text.substring(0, 300) : text;
        } catch (IOException e) {
            return "(no Wave error body)";
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static boolean isHttps(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return "https".equals(uri.getScheme()) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isAbsolute(String url) {
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}

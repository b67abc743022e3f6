package io.cauri.connector.wave;

import io.cauri.fee.FeeCalculator;
import io.cauri.intent.Currency;
import io.cauri.intent.FailureCode;
import io.cauri.provider.PayoutAnswer;
import io.cauri.provider.PayoutGateway;
import io.cauri.provider.PayoutOrder;
import io.cauri.provider.RefundGateway;
import io.cauri.provider.RefundOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Wave's money out (docs/PROVIDERS.md §2.8, §8.2): transfers with the Payout API
 * ({@code POST /v1/payout}, {@code GET /v1/payout/:id}, {@code GET /v1/payouts/search}) and refunds of a paid
 * checkout session ({@code POST /v1/checkout/sessions/:id/refund}, the whole session only).
 *
 * <p>Money safety. A payout's {@code Idempotency-Key} and {@code client_reference} are the transfer id: sending an
 * order again answers the payout Wave already has, never a second one. A status read without Wave's payout id
 * searches by {@code client_reference} and, when Wave has none, sends the order again under the same key (Wave
 * creates it now, or answers the one it had). Only Wave's own {@code failed} status, a request Wave refused as
 * invalid (400, refused identically every time) and an order that cannot be sent (currency, number) are
 * {@link PayoutAnswer.Failed}; a timeout, a 5xx, a 401/403/409/429, a refused connection, an unreadable or
 * mismatching answer throw {@link WaveOutcomeUnknownException}: the movement stays pending.
 *
 * <p>{@code reversed} (the business reversed a succeeded payout, within 3 days; Cauri never asks it): the money is
 * back in the platform's wallet, so a transfer still pending is failed ({@code canceled}) and its reservation
 * returned. One already settled as successful cannot be un-settled by this port: the reversal is logged at ERROR
 * for operators to correct the books by hand (docs/PROVIDERS.md §8.2).
 *
 * <p>A checkout refund gives back the whole session, i.e. everything the payer paid (amount and payer fees):
 * {@link #refunds} accepts only a refund of the whole payment of a session without payer fees, so what the
 * payer gets back is exactly what the merchant's books take. Wave documents no refund read: the status of a refund
 * is asked by refunding again (a full refund can happen once; a second one answers that it is already refunded).
 */
public final class WaveMoneyOut implements PayoutGateway, RefundGateway {
    private static final Logger LOG = LoggerFactory.getLogger(WaveMoneyOut.class);
    private static final String PAYOUT = "/v1/payout";
    private static final String SESSIONS = "/v1/checkout/sessions";
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    /** This connector's reading of Wave's answer to a second refund of one session (Wave does not document it). */
    static final String ALREADY_REFUNDED = "checkout-session-already-refunded";

    private final WaveConfig config;
    private final String base;
    private final HttpClient http;
    private final Clock clock;

    public WaveMoneyOut(WaveConfig config) {
        this(config, Clock.systemUTC());
    }

    public WaveMoneyOut(WaveConfig config, Clock clock) {
        this.config = config;
        String url = config.baseUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    // ---- payouts --------------------------------------------------------------------------------------------------

    @Override
    public PayoutAnswer send(PayoutOrder order) {
        if (order.currency() != Currency.XOF) {
            return new PayoutAnswer.Failed(null, FailureCode.UNSUPPORTED_CURRENCY.wire(),
                    "Wave pays out in XOF only; nothing was sent.");
        }
        String mobile = mobile(order.msisdn());
        if (!E164.matcher(mobile).matches()) {
            return new PayoutAnswer.Failed(null, FailureCode.INVALID_MSISDN.wire(),
                    "Wave needs the recipient's number with its country code; nothing was sent.");
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("currency", "XOF");
        body.put("receive_amount", Long.toString(order.amount())); // net to the recipient; XOF has no decimals
        body.put("mobile", mobile);
        if (order.recipientName() != null && !order.recipientName().isBlank()) {
            body.put("name", clip(order.recipientName(), 255));
        }
        if (order.description() != null && !order.description().isBlank()) {
            body.put("payment_reason", clip(order.description(), 40));
        }
        body.put("client_reference", order.id());
        HttpResponse<byte[]> response = send("POST", PAYOUT, WaveJson.write(body).getBytes(StandardCharsets.UTF_8),
                order.id());
        int status = response.statusCode();
        if (status == 200 || status == 201) {
            return answer(order, read(response));
        }
        if (status == 400 || status == 422) {
            return new PayoutAnswer.Failed(null, FailureCode.BAD_PARAMETERS.wire(),
                    "Wave refused the payout request (" + why(response) + "); nothing was sent.");
        }
        throw new WaveOutcomeUnknownException("Wave answered " + status + " to a payout (" + why(response) + ")");
    }

    @Override
    public PayoutAnswer status(PayoutOrder order) {
        if (order.providerReference() != null) {
            HttpResponse<byte[]> response = send("GET", PAYOUT + "/" + encode(order.providerReference()), null, null);
            if (response.statusCode() == 200) {
                return answer(order, read(response));
            }
            if (response.statusCode() != 404) {
                throw new WaveOutcomeUnknownException("Wave answered " + response.statusCode() + " to a payout read");
            }
        }
        HttpResponse<byte[]> search = send("GET", "/v1/payouts/search?client_reference=" + encode(order.id()), null, null);
        if (search.statusCode() != 200) {
            throw new WaveOutcomeUnknownException("Wave answered " + search.statusCode() + " to a payout search");
        }
        Object result = read(search).get("result");
        if (!(result instanceof List<?> found)) {
            throw new WaveOutcomeUnknownException("Wave's payout search answer has no result list");
        }
        if (found.isEmpty()) {
            return send(order); // never received: sent now under the same Idempotency-Key, paid at most once
        }
        if (found.size() > 1 || !(found.get(0) instanceof Map<?, ?> one)) {
            LOG.error("Wave has {} payouts for transfer {}: one Idempotency-Key should make one; not settled "
                    + "automatically", found.size(), order.id());
            throw new WaveOutcomeUnknownException("Wave has several payouts for one transfer");
        }
        @SuppressWarnings("unchecked") Map<String, Object> payout = (Map<String, Object>) one;
        return answer(order, payout);
    }

    private PayoutAnswer answer(PayoutOrder order, Map<String, Object> payout) {
        String id = WaveJson.string(payout, "id");
        if (id == null || !order.id().equals(WaveJson.string(payout, "client_reference"))
                || !Long.toString(order.amount()).equals(WaveJson.string(payout, "receive_amount"))) {
            throw new WaveOutcomeUnknownException("Wave's payout does not match the transfer (reference or amount)");
        }
        String status = WaveJson.string(payout, "status");
        if ("processing".equals(status)) {
            return new PayoutAnswer.Pending(id);
        }
        if ("succeeded".equals(status)) {
            return new PayoutAnswer.Succeeded(id);
        }
        if ("failed".equals(status)) {
            String code = payout.get("payout_error") instanceof Map<?, ?> error
                    && error.get("error_code") instanceof String c ? c : null;
            return new PayoutAnswer.Failed(id, PayoutErrors.codeOf(code), PayoutErrors.messageOf(code));
        }
        if ("reversed".equals(status)) {
            LOG.error("Wave payout {} of transfer {} was REVERSED: the money is back in the platform's wallet. A "
                    + "transfer still pending is failed now; one already settled as successful must be corrected "
                    + "by hand (docs/PROVIDERS.md §8.2)", id, order.id());
            return new PayoutAnswer.Failed(id, FailureCode.CANCELED.wire(),
                    "Wave reversed this payout; the money is back in the platform's wallet.");
        }
        throw new WaveOutcomeUnknownException("Wave's payout status is " + (status == null ? "missing" : "not known"));
    }

    // ---- refunds --------------------------------------------------------------------------------------------------

    /**
     * Only the whole payment, of a session Wave knows, whose payer paid no fee on top: Wave's checkout refund gives
     * back the whole session and nothing else.
     */
    @Override
    public boolean refunds(RefundOrder order) {
        return RefundGateway.super.refunds(order)
                && order.amount() == order.payment().amount()
                && FeeCalculator.payerTotal(order.payment().amount(), order.payment().fees()) == order.payment().amount()
                && order.payment().providerReference() != null
                && order.currency() == Currency.XOF;
    }

    @Override
    public PayoutAnswer refund(RefundOrder order) {
        return askRefund(order, true);
    }

    /** Asked by refunding again: a full refund happens once, the second answer says it already did. */
    @Override
    public PayoutAnswer status(RefundOrder order) {
        return askRefund(order, false);
    }

    private PayoutAnswer askRefund(RefundOrder order, boolean first) {
        String session = order.payment().providerReference();
        if (!refunds(order)) {
            return new PayoutAnswer.Failed(session, FailureCode.BAD_PARAMETERS.wire(),
                    "Wave refunds only a whole payment without payer fees; nothing was sent.");
        }
        HttpResponse<byte[]> response = send("POST", SESSIONS + "/" + encode(session) + "/refund", null, null);
        int status = response.statusCode();
        if (status == 200 || status == 201) {
            Map<String, Object> body = read(response);
            if (body.containsKey("id") && !session.equals(WaveJson.string(body, "id"))) {
                throw new WaveOutcomeUnknownException("Wave's refund answer names another session");
            }
            return new PayoutAnswer.Succeeded(session);
        }
        if (status == 409 && ALREADY_REFUNDED.equals(code(response))) {
            return new PayoutAnswer.Succeeded(session);
        }
        if (first && (status == 400 || status == 404)) {
            // refused outright on the first ask: nothing was refunded
            return new PayoutAnswer.Failed(session, FailureCode.BAD_PARAMETERS.wire(),
                    "Wave refused the refund (" + why(response) + "); nothing was refunded.");
        }
        throw new WaveOutcomeUnknownException("Wave answered " + status + " to a refund (" + why(response) + ")");
    }

    // ---- HTTP -----------------------------------------------------------------------------------------------------

    private HttpResponse<byte[]> send(String method, String path, byte[] body, String idempotencyKey) {
        byte[] bytes = body == null ? new byte[0] : body;
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + config.apiKey())
                .header("Accept", "application/json");
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        if (config.signingSecret() != null) {
            builder.header(WaveSignature.HEADER,
                    WaveSignature.header(config.signingSecret(), Instant.now(clock).getEpochSecond(), bytes));
        }
        if (body != null) {
            builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        String what = method + " " + path.split("\\?")[0];
        CompletableFuture<HttpResponse<byte[]>> exchange =
                http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            return exchange.get(config.connectTimeout().plus(config.requestTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new WaveOutcomeUnknownException("No answer from Wave to " + what + " in time",
                    new HttpTimeoutException("request timed out"));
        } catch (ExecutionException e) {
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

    private static String code(HttpResponse<byte[]> response) {
        try {
            return WaveJson.string(WaveJson.object(response.body()), "code");
        } catch (IOException e) {
            return null;
        }
    }

    /** Wave's error {@code code: message}, bounded. Wave's messages name no recipient number. */
    private static String why(HttpResponse<byte[]> response) {
        try {
            Map<String, Object> error = WaveJson.object(response.body());
            return clip(WaveJson.string(error, "code") + ": " + WaveJson.string(error, "message"), 300);
        } catch (IOException e) {
            return "no Wave error body";
        }
    }

    private static String mobile(String msisdn) {
        String n = msisdn == null ? "" : msisdn.strip();
        return n.startsWith("+") ? n : "+" + n;
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Wave's {@code payout_error.error_code} (docs/PROVIDERS.md §2.8, [3P]) as a code of HUB2's catalogue.
     * {@code insufficient-funds} is the platform's wallet, not the recipient's.
     */
    static final class PayoutErrors {
        private static final Map<String, FailureCode> CODES = Map.of(
                "insufficient-funds", FailureCode.SERVICE_UNAVAILABLE,
                "recipient-limit-exceeded", FailureCode.PAYER_QUOTA_EXCEEDED,
                "recipient-account-blocked", FailureCode.CUSTOMER_ACCOUNT_LOCKED,
                "recipient-account-inactive", FailureCode.INVALID_MSISDN,
                "recipient-minor", FailureCode.FORBIDDEN_BY_PROVIDER,
                "country-mismatch", FailureCode.FORBIDDEN_BY_PROVIDER,
                "currency-mismatch", FailureCode.UNSUPPORTED_CURRENCY);

        private PayoutErrors() {
        }

        static String codeOf(String error) {
            return (error == null ? FailureCode.UNKNOWN_REASON : CODES.getOrDefault(error, FailureCode.UNKNOWN_REASON)).wire();
        }

        static String messageOf(String error) {
            return error == null ? "Wave: the payout failed (no reason given); nothing was paid."
                    : "Wave: " + clip(error, 64) + "; nothing was paid.";
        }
    }
}

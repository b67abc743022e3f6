package io.cauri.connector.mtn;

import io.cauri.intent.FailureCode;
import io.cauri.provider.PayoutAnswer;
import io.cauri.provider.PayoutGateway;
import io.cauri.provider.PayoutOrder;
import io.cauri.provider.RefundGateway;
import io.cauri.provider.RefundOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * MTN MoMo's Disbursement product (docs/PROVIDERS.md §1.8, §8.1): transfers to a wallet
 * ({@code POST /disbursement/v1_0/transfer}) and refunds of a collected payment ({@code POST
 * /disbursement/v1_0/refund} with {@code referenceIdToRefund} = the request to pay's {@code X-Reference-Id}),
 * their statuses read with {@code GET …/transfer/{referenceId}} and {@code GET …/refund/{referenceId}}, under the
 * Disbursement credentials and token (not Collection's).
 *
 * <p>Money safety. The {@code X-Reference-Id} of a transfer or a refund is derived from its id ({@link ReferenceIds}),
 * so a retry names the same order and MTN answers 409 instead of paying twice; a 409 is read as "already sent" and
 * followed by a status read. Nothing here answers {@link PayoutAnswer.Failed} unless MTN said FAILED or refused
 * the request as malformed (400, the same body is refused every time) or the order cannot be sent at all
 * (currency, number): a timeout, a 5xx, a 401 or 429, a refused connection or a missing token throw
 * {@link MtnMomoException.OutcomeUnknown} (an earlier send of the same order may have been taken), and the
 * movement stays pending. A status read that finds no order under its reference (404) sends it again with the
 * same reference: MTN either takes it now (it had not before) or answers 409 (it had); either way it is paid at
 * most once and the status converges.
 */
public final class MtnMomoDisbursement implements PayoutGateway, RefundGateway {
    private static final String TRANSFER = "/disbursement/v1_0/transfer";
    private static final String REFUND = "/disbursement/v1_0/refund";
    private static final Pattern DIGITS = Pattern.compile("[0-9]{8,15}");
    private static final int MAX_ERROR_TEXT = 200;

    private final MtnMomoConfig config;
    private final MtnMomoTimings timings;
    private final HttpClient http;
    private final AccessTokens tokens;

    public MtnMomoDisbursement(MtnMomoConfig config) {
        this(config, MtnMomoTimings.defaults(), Clock.systemUTC());
    }

    /** @throws IllegalArgumentException when the configuration has no Disbursement credentials */
    public MtnMomoDisbursement(MtnMomoConfig config, MtnMomoTimings timings, Clock clock) {
        MtnMomoConfig.Disbursement credentials = config.disbursement();
        if (credentials == null) {
            throw new IllegalArgumentException("MTN MoMo: this connector has no Disbursement credentials");
        }
        this.config = config;
        this.timings = timings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timings.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.tokens = new AccessTokens(http, config, "disbursement", credentials.subscriptionKey(),
                credentials.apiUser(), credentials.apiKey(), timings, clock);
    }

    /** The {@code X-Reference-Id} MTN knows a transfer or a refund by, derived from its id. */
    public static String referenceOf(String transferOrRefundId) {
        return ReferenceIds.of(transferOrRefundId);
    }

    @Override
    public PayoutAnswer send(PayoutOrder order) {
        String reference = referenceOf(order.id());
        PayoutAnswer refused = unsendable(order.currency().name(), order.msisdn(), reference);
        if (refused != null) {
            return refused;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", Long.toString(order.amount())); // a string; our currencies have no minor unit
        body.put("currency", config.currency());
        body.put("externalId", order.id());
        body.put("payee", Map.of("partyIdType", "MSISDN", "partyId", digits(order.msisdn())));
        body.put("payerMessage", text(order.description(), "Virement " + order.id()));
        body.put("payeeNote", order.id());
        return post(TRANSFER, reference, Json.write(body));
    }

    @Override
    public PayoutAnswer status(PayoutOrder order) {
        String reference = referenceOf(order.id());
        PayoutAnswer known = read(TRANSFER, reference);
        return known != null ? known : send(order);
    }

    /** MTN documents no cap on refunds: Cauri's own (at most the payment's amount) is kept, in its currency. */
    @Override
    public boolean refunds(RefundOrder order) {
        return RefundGateway.super.refunds(order) && order.currency() == order.payment().currency();
    }

    @Override
    public PayoutAnswer refund(RefundOrder order) {
        String reference = referenceOf(order.id());
        PayoutAnswer refused = unsendable(order.currency().name(), null, reference);
        if (refused != null) {
            return refused;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", Long.toString(order.amount()));
        body.put("currency", config.currency());
        body.put("externalId", order.id());
        body.put("payerMessage", text(order.reason(), "Remboursement " + order.payment().id()));
        body.put("payeeNote", order.id());
        // the request to pay's X-Reference-Id: derived from the payment id exactly as the Collection side sent it
        body.put("referenceIdToRefund", MtnMomoGateway.referenceOf(order.payment()));
        return post(REFUND, reference, Json.write(body));
    }

    @Override
    public PayoutAnswer status(RefundOrder order) {
        PayoutAnswer known = read(REFUND, referenceOf(order.id()));
        return known != null ? known : refund(order);
    }

    /** An order MTN would refuse every time, answered without sending; null when it can be sent. */
    private PayoutAnswer unsendable(String currency, String msisdn, String reference) {
        if (!config.sandbox() && !config.currency().equals(currency)) {
            return new PayoutAnswer.Failed(reference, FailureCode.UNSUPPORTED_CURRENCY.wire(), "MTN MoMo here pays in "
                    + config.currency() + ", not " + currency + "; nothing was sent.");
        }
        if (msisdn != null && !DIGITS.matcher(digits(msisdn)).matches()) {
            return new PayoutAnswer.Failed(reference, FailureCode.INVALID_MSISDN.wire(),
                    "MTN MoMo needs the recipient's number with its country code; nothing was sent.");
        }
        return null;
    }

    private PayoutAnswer post(String path, String reference, String body) {
        for (int round = 0; ; round++) {
            String token = token();
            HttpRequest post = HttpRequest.newBuilder(URI.create(config.baseUrl() + path))
                    .timeout(timings.request())
                    .header("Authorization", "Bearer " + token)
                    .header("X-Reference-Id", reference)
                    .header("X-Target-Environment", config.targetEnvironment())
                    .header("Ocp-Apim-Subscription-Key", config.disbursement().subscriptionKey())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> response = exchange(post, path + " " + reference + " sent");
            int status = response.statusCode();
            if (status == 202) {
                return new PayoutAnswer.Pending(reference);
            }
            if (status == 409) {
                // the reference was taken by an earlier send of this order: follow it, never send another
                PayoutAnswer known = read(path, reference);
                if (known == null) {
                    throw unknown(path + " " + reference + " answered 409 but cannot be read yet", null);
                }
                return known;
            }
            if (status == 401 && round == 0) {
                tokens.refused(token);
                continue;
            }
            if (status == 400) {
                return new PayoutAnswer.Failed(reference, FailureCode.BAD_PARAMETERS.wire(),
                        "MTN MoMo refused the request (HTTP 400" + errorCode(response.body()) + "); nothing was sent.");
            }
            throw unknown(path + " " + reference + " answered HTTP " + status + errorCode(response.body()), null);
        }
    }

    /** The order's status, or null when MTN has no order under this reference (404). */
    private PayoutAnswer read(String path, String reference) {
        for (int round = 0; ; round++) {
            String token = token();
            HttpRequest get = HttpRequest.newBuilder(URI.create(config.baseUrl() + path + "/" + reference))
                    .timeout(timings.request())
                    .header("Authorization", "Bearer " + token)
                    .header("X-Target-Environment", config.targetEnvironment())
                    .header("Ocp-Apim-Subscription-Key", config.disbursement().subscriptionKey())
                    .GET()
                    .build();
            HttpResponse<String> response = exchange(get, "status of " + path + " " + reference);
            int status = response.statusCode();
            if (status == 401 && round == 0) {
                tokens.refused(token);
                continue;
            }
            if (status == 404) {
                return null;
            }
            if (status != 200) {
                throw unknown("status of " + path + " " + reference + " answered HTTP " + status
                        + errorCode(response.body()), null);
            }
            return answerOf(path, reference, response.body());
        }
    }

    private PayoutAnswer answerOf(String path, String reference, String text) {
        Map<String, Object> body;
        try {
            body = Json.object(text);
        } catch (IOException e) {
            throw unknown("status of " + path + " " + reference + " is not a JSON object", e);
        }
        Object status = body.get("status");
        if ("PENDING".equals(status)) {
            return new PayoutAnswer.Pending(reference);
        }
        if ("SUCCESSFUL".equals(status)) {
            return new PayoutAnswer.Succeeded(reference);
        }
        if ("FAILED".equals(status)) {
            String reason = reasonOf(body.get("reason"));
            return new PayoutAnswer.Failed(reference, PayoutReasons.codeOf(reason), PayoutReasons.messageOf(reason));
        }
        throw unknown("status of " + path + " " + reference + " is "
                + (status instanceof String s ? "'" + clip(s) + "'" : "missing") + ", not PENDING, SUCCESSFUL or FAILED", null);
    }

    private String token() {
        try {
            return tokens.token();
        } catch (AccessTokens.Unavailable e) {
            // nothing was sent now, but an earlier send of the same order may have been: not a failure
            throw unknown(e.getMessage(), e);
        }
    }

    private HttpResponse<String> exchange(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unknown(what + ", no answer (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unknown(what + ", interrupted", e);
        }
    }

    private static String digits(String msisdn) {
        String n = Objects.requireNonNullElse(msisdn, "");
        return n.startsWith("+") ? n.substring(1) : n;
    }

    /** MTN's texts: at most 160 characters, no apostrophe (MTN answers 400 otherwise). */
    private static String text(String wanted, String fallback) {
        String t = wanted == null || wanted.isBlank() ? fallback : wanted.replace('\'', ' ');
        return t.length() <= 160 ? t : t.substring(0, 160);
    }

    private static String reasonOf(Object reason) {
        if (reason instanceof String text) {
            return text;
        }
        if (reason instanceof Map<?, ?> object && object.get("code") instanceof String code) {
            return code;
        }
        return null;
    }

    private static String errorCode(String text) {
        try {
            Map<String, Object> body = Json.object(text);
            Object code = body.get("code");
            Object message = body.get("message");
            return (code instanceof String c ? ", " + clip(c) : "") + (message instanceof String m ? ": " + clip(m) : "");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String clip(String text) {
        return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT) + "…";
    }

    private static MtnMomoException.OutcomeUnknown unknown(String message, Throwable cause) {
        return new MtnMomoException.OutcomeUnknown("MTN MoMo: " + message + "; outcome unknown, read again later",
                cause);
    }

    /**
     * MTN's {@code reason} of a FAILED transfer or refund as a code of HUB2's catalogue (docs/PROVIDERS.md §8.1).
     * The reasons mean other things than on a request to pay: the payee is the recipient, and
     * {@code NOT_ENOUGH_FUNDS} is the platform's disbursement account, not a customer's.
     */
    static final class PayoutReasons {
        private static final Map<String, FailureCode> CODES = Map.ofEntries(
                Map.entry("PAYEE_NOT_FOUND", FailureCode.INVALID_MSISDN),
                Map.entry("NOT_ENOUGH_FUNDS", FailureCode.SERVICE_UNAVAILABLE),
                Map.entry("PAYER_LIMIT_REACHED", FailureCode.PAYER_QUOTA_EXCEEDED),
                Map.entry("APPROVAL_REJECTED", FailureCode.FORBIDDEN_BY_PROVIDER),
                Map.entry("EXPIRED", FailureCode.TIMEOUT),
                Map.entry("NOT_ALLOWED", FailureCode.FORBIDDEN_BY_PROVIDER),
                Map.entry("NOT_ALLOWED_TARGET_ENVIRONMENT", FailureCode.FORBIDDEN_BY_PROVIDER),
                Map.entry("PAYEE_NOT_ALLOWED_TO_RECEIVE", FailureCode.FORBIDDEN_BY_PROVIDER),
                Map.entry("INVALID_CURRENCY", FailureCode.UNSUPPORTED_CURRENCY),
                Map.entry("INVALID_CALLBACK_URL_HOST", FailureCode.BAD_PARAMETERS),
                Map.entry("SERVICE_UNAVAILABLE", FailureCode.SERVICE_UNAVAILABLE),
                Map.entry("TRANSACTION_CANCELED", FailureCode.CANCELED));

        private PayoutReasons() {
        }

        static String codeOf(String reason) {
            return (reason == null ? FailureCode.UNKNOWN_REASON
                    : CODES.getOrDefault(reason, FailureCode.UNKNOWN_REASON)).wire();
        }

        static String messageOf(String reason) {
            return reason == null ? "MTN MoMo: it failed (no reason given); nothing was paid."
                    : "MTN MoMo: " + reason + "; nothing was paid.";
        }
    }
}

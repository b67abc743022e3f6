package io.cauri.connector.mtn;

import io.cauri.fee.FeeCalculator;
import io.cauri.intent.FailureCode;
import io.cauri.intent.NextAction;
import io.cauri.intent.Payment;
import io.cauri.provider.ProviderAnswer;
import io.cauri.provider.ProviderGateway;
import io.cauri.provider.ProviderRequest;
import io.cauri.provider.ReferenceSink;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * MTN MoMo's Collection API as a {@link ProviderGateway} (docs/PROVIDERS.md §1): the payer approves a request
 * to pay on the phone (a {@code ussd} next action), the outcome is read with
 * {@code GET /collection/v1_0/requesttopay/{referenceId}} (or arrives as MTN's unsigned callback, which only
 * says when to read it).
 *
 * <p>Money safety. The reference id is derived from the payment id ({@link ReferenceIds}), so asking again never
 * debits twice: MTN answers 409 to a reused id. An answer whose outcome is unknown — a timeout after the request
 * was sent, a 5xx, a reset connection, a body that cannot be read — is never a failure: the call throws
 * {@link MtnMomoException.OutcomeUnknown} and the payment stays {@code processing} until {@link #status} knows.
 * A payment fails at once only when the debit request provably never reached MTN: the connection was refused or
 * never opened, the token could not be obtained, or MTN refused the request (4xx) without taking it. That
 * relies on the port's contract that {@code initiate} is called once per payment; anything that asks again
 * reads {@link #status} first.
 *
 * <p>Built once per function (one {@link HttpClient}, its connections reused), safe for concurrent use.
 */
public final class MtnMomoGateway implements ProviderGateway {
    private static final String REQUEST_TO_PAY = "/collection/v1_0/requesttopay";
    private static final Pattern DIGITS = Pattern.compile("[0-9]{8,15}");
    private static final int MAX_ERROR_TEXT = 200;

    private final MtnMomoConfig config;
    private final MtnMomoTimings timings;
    private final Clock clock;
    private final HttpClient http;
    private final AccessTokens tokens;

    public MtnMomoGateway(MtnMomoConfig config) {
        this(config, MtnMomoTimings.defaults(), Clock.systemUTC());
    }

    public MtnMomoGateway(MtnMomoConfig config, MtnMomoTimings timings, Clock clock) {
        this.config = config;
        this.timings = timings;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timings.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.tokens = new AccessTokens(http, config, timings, clock);
    }

    /** The reference id MTN knows this payment by ({@code X-Reference-Id}). */
    public static String referenceOf(Payment payment) {
        return ReferenceIds.of(payment.id());
    }

    /**
     * Obtains a token: a way for operators to check the configuration before taking payments.
     *
     * @throws MtnMomoException.CredentialsRefused if MTN refuses the credentials
     * @throws MtnMomoException if MTN cannot be asked
     */
    public void checkCredentials() {
        try {
            tokens.token();
        } catch (AccessTokens.Unavailable e) {
            throw asException(e);
        }
    }

    /** Outside an attempt: the reference id is not stored first (it can always be derived from the payment id). */
    @Override
    public ProviderAnswer initiate(ProviderRequest request) {
        return initiate(request, ReferenceSink.NONE);
    }

    /**
     * The reference id is stored with the payment ({@code references}) before the request to pay is sent; if it
     * cannot be, the exception ends the attempt and nothing is sent (the payment's status read then finds no
     * request under that id: a 404, failed once past the grace).
     */
    @Override
    public ProviderAnswer initiate(ProviderRequest request, ReferenceSink references) {
        Payment payment = request.payment();
        if (!config.sandbox() && !config.currency().equals(payment.currency().name())) {
            return new ProviderAnswer.Failed(FailureCode.UNSUPPORTED_CURRENCY, "MTN MoMo in this country takes "
                    + config.currency() + ", not " + payment.currency().name() + ".");
        }
        String msisdn = payment.number() == null ? "" : payment.number().startsWith("+")
                ? payment.number().substring(1) : payment.number();
        if (!DIGITS.matcher(msisdn).matches()) {
            return new ProviderAnswer.Failed(FailureCode.INVALID_MSISDN,
                    "MTN MoMo needs the payer's number with its country code.");
        }
        String reference = referenceOf(payment);
        long total = FeeCalculator.payerTotal(payment.amount(), payment.fees());
        String body = Json.write(requestBody(payment, msisdn, total));
        references.save(reference);
        for (int round = 0; ; round++) {
            String token;
            try {
                token = tokens.token();
            } catch (AccessTokens.Unavailable e) {
                // the payer and merchant see this message: the operator's detail is in checkCredentials / status
                return e.credentialsRefused
                        ? notSent(FailureCode.INTERNAL_ERROR, "MTN MoMo refused the platform credentials")
                        : notSent(FailureCode.SERVICE_UNAVAILABLE, "MTN MoMo is unavailable (no access token)");
            }
            HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(config.baseUrl() + REQUEST_TO_PAY))
                    .timeout(timings.request())
                    .header("Authorization", "Bearer " + token)
                    .header("X-Reference-Id", reference)
                    .header("X-Target-Environment", config.targetEnvironment())
                    .header("Ocp-Apim-Subscription-Key", config.subscriptionKey())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (config.callbackUrl() != null) {
                post.header("X-Callback-Url", config.callbackUrl().replace("{paymentId}", payment.id()));
            }
            HttpResponse<String> response;
            try {
                response = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
            } catch (HttpConnectTimeoutException | ConnectException neverConnected) {
                return notSent(FailureCode.SERVICE_UNAVAILABLE, "MTN MoMo could not be reached ("
                        + neverConnected.getClass().getSimpleName() + ")");
            } catch (IOException e) {
                throw unknown("request to pay " + reference + " sent, no answer (" + e.getClass().getSimpleName() + ")", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unknown("request to pay " + reference + " interrupted after sending", e);
            }
            int status = response.statusCode();
            if (status == 202) {
                return waitingForPayer(payment, total, reference);
            }
            if (status == 409) {
                // the reference was taken by an earlier request for this payment: that request is the one to follow
                ProviderAnswer known = status(payment);
                return known instanceof ProviderAnswer.Pending ? waitingForPayer(payment, total, reference) : known;
            }
            if (status == 401 && round == 0) {
                tokens.refused(token); // expired or revoked early: one renewal, then once more
                continue;
            }
            if (status == 401) {
                return notSent(FailureCode.INTERNAL_ERROR, "MTN MoMo refused the platform credentials");
            }
            if (status >= 400 && status < 500) {
                return refused(status, response.body());
            }
            throw unknown("request to pay " + reference + " answered HTTP " + status + errorCode(response.body()), null);
        }
    }

    /** MTN's Collection API has no OTP step: its payer approves on the phone. */
    @Override
    public ProviderAnswer authenticate(Payment payment, String confirmationCode) {
        throw new IllegalStateException("payment " + payment.id() + " is an MTN MoMo payment: it has no OTP step");
    }

    /**
     * The request to pay as MTN knows it now. PENDING is {@link ProviderAnswer.Pending}; SUCCESSFUL
     * {@link ProviderAnswer.Succeeded}; FAILED a {@link ProviderAnswer.Failed} with the reason's code
     * ({@link MtnReasons}). A 404 once the payment is older than the grace means MTN never took the request
     * (MTN: "the request to debit is unsuccessful"): failed {@code service_unavailable}.
     *
     * @throws MtnMomoException.OutcomeUnknown   MTN could not be asked or its answer not read: ask again later
     * @throws MtnMomoException.CredentialsRefused MTN refuses the platform's credentials
     */
    @Override
    public ProviderAnswer status(Payment payment) {
        String reference = referenceOf(payment);
        for (int round = 0; ; round++) {
            String token;
            try {
                token = tokens.token();
            } catch (AccessTokens.Unavailable e) {
                throw asException(e);
            }
            HttpRequest get = HttpRequest.newBuilder(URI.create(config.baseUrl() + REQUEST_TO_PAY + "/" + reference))
                    .timeout(timings.request())
                    .header("Authorization", "Bearer " + token)
                    .header("X-Target-Environment", config.targetEnvironment())
                    .header("Ocp-Apim-Subscription-Key", config.subscriptionKey())
                    .GET()
                    .build();
            HttpResponse<String> response;
            try {
                response = http.send(get, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw unknown("status of request to pay " + reference + " not read (" + e.getClass().getSimpleName() + ")", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unknown("status of request to pay " + reference + " interrupted", e);
            }
            int status = response.statusCode();
            if (status == 401 && round == 0) {
                tokens.refused(token);
                continue;
            }
            if (status == 401) {
                throw new MtnMomoException.CredentialsRefused("MTN MoMo refused the platform credentials (HTTP 401 "
                        + "on the request to pay status): check the subscription key of the connector's configuration");
            }
            if (status == 404) {
                Instant graceEnds = payment.createdAt().plus(timings.notFoundGrace());
                if (clock.instant().isBefore(graceEnds)) {
                    throw unknown("request to pay " + reference + " not found yet", null);
                }
                return new ProviderAnswer.Failed(FailureCode.SERVICE_UNAVAILABLE,
                        "MTN MoMo never received the payment request; the payer was not debited.");
            }
            if (status != 200) {
                throw unknown("status of request to pay " + reference + " answered HTTP " + status
                        + errorCode(response.body()), null);
            }
            return answerOf(reference, response.body());
        }
    }

    private ProviderAnswer answerOf(String reference, String text) {
        Map<String, Object> body;
        try {
            body = Json.object(text);
        } catch (IOException e) {
            throw unknown("status of request to pay " + reference + " is not a JSON object", e);
        }
        Object status = body.get("status");
        if ("PENDING".equals(status)) {
            return new ProviderAnswer.Pending(reference);
        }
        if ("SUCCESSFUL".equals(status)) {
            return new ProviderAnswer.Succeeded(reference);
        }
        if ("FAILED".equals(status)) {
            String reason = reasonOf(body.get("reason"));
            return new ProviderAnswer.Failed(MtnReasons.codeOf(reason), MtnReasons.messageOf(reason));
        }
        throw unknown("status of request to pay " + reference + " is " + (status instanceof String s
                ? "'" + clip(s) + "'" : "missing") + ", not PENDING, SUCCESSFUL or FAILED", null);
    }

    /** MTN sends the reason as a string; its Java SDK models it as {@code {code, message}}: both are read. */
    private static String reasonOf(Object reason) {
        if (reason instanceof String text) {
            return text;
        }
        if (reason instanceof Map<?, ?> object && object.get("code") instanceof String code) {
            return code;
        }
        return null;
    }

    private Map<String, Object> requestBody(Payment payment, String msisdn, long total) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", Long.toString(total)); // a string; our currencies have no minor unit
        body.put("currency", config.currency());
        body.put("externalId", payment.id());
        body.put("payer", Map.of("partyIdType", "MSISDN", "partyId", msisdn));
        // shown to the payer: at most 160 characters and no apostrophe (MTN answers 400 otherwise)
        body.put("payerMessage", "Paiement " + payment.intentId());
        body.put("payeeNote", payment.id());
        return body;
    }

    private static ProviderAnswer waitingForPayer(Payment payment, long total, String reference) {
        String message = "Confirmez le paiement de " + total + " " + payment.currency().name()
                + " sur votre téléphone (MTN Mobile Money).";
        return new ProviderAnswer.ActionRequired(new NextAction(NextAction.Type.USSD, message, null), reference);
    }

    private static ProviderAnswer notSent(FailureCode code, String why) {
        return new ProviderAnswer.Failed(code, why + "; no payment request was sent to MTN MoMo.");
    }

    private static ProviderAnswer refused(int status, String text) {
        FailureCode code = switch (status) {
            case 403 -> FailureCode.FORBIDDEN_BY_PROVIDER;
            case 429 -> FailureCode.TOO_MANY_REQUEST;
            default -> FailureCode.BAD_PARAMETERS;
        };
        return new ProviderAnswer.Failed(code, "MTN MoMo refused the payment request (HTTP " + status
                + errorCode(text) + "); the payer was not debited.");
    }

    /** MTN's own error code and message of an error body, clipped; nothing of ours is echoed by MTN. */
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

    private static MtnMomoException asException(AccessTokens.Unavailable e) {
        return e.credentialsRefused ? new MtnMomoException.CredentialsRefused(e.getMessage())
                : new MtnMomoException(e.getMessage(), e.getCause());
    }
}

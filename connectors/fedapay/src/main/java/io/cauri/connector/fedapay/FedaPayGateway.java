package io.cauri.connector.fedapay;

import io.cauri.fee.FeeCalculator;
import io.cauri.connector.fedapay.FedaPayOutcomeUnknownException.Step;
import io.cauri.intent.Currency;
import io.cauri.intent.FailureCode;
import io.cauri.intent.NextAction;
import io.cauri.intent.Payment;
import io.cauri.provider.ProviderAnswer;
import io.cauri.provider.ProviderGateway;
import io.cauri.provider.ProviderRequest;
import io.cauri.provider.ReferenceSink;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The provider port over FedaPay's collection API: one FedaPay transaction per Cauri payment, then the operator's
 * push (the payer approves on the phone: a {@code ussd} next action).
 *
 * <p>Money safety. FedaPay documents no idempotency key, so a call is never repeated: {@link #initiate} creates,
 * asks a token and pushes exactly once each, and {@link #status} only reads. The debit request is the push; a
 * transaction created but never pushed cannot be paid (its token is given to no one). So:
 * <ul>
 *   <li>a step that provably sent nothing (no connection) or that FedaPay refused (4xx) before the push was
 *       accepted is a {@code Failed} answer, with a code that says so;</li>
 *   <li>a step whose effect is unknown (timeout after sending, 5xx, lost connection, unreadable answer) is a
 *       {@link FedaPayOutcomeUnknownException}, which the port reads as "nothing known": the payment stays
 *       {@code processing} and its status is read later, by the transaction id the exception carries;</li>
 *   <li>a refused push is checked by reading the transaction back: if FedaPay shows it pushed, it is pending,
 *       never failed.</li>
 * </ul>
 * Our payment id is stored in the transaction's {@code custom_metadata} (documented) and checked on every read, so
 * a status never settles a payment with another payment's transaction.
 *
 * <p>The transaction id is handed to the attempt's {@link ReferenceSink} (stored with the payment) as soon as
 * FedaPay names it, <em>before</em> the push: if the push's answer is lost, the payment still has the id its
 * status read needs; if the id cannot be stored, nothing is pushed.
 */
public final class FedaPayGateway implements ProviderGateway {
    static final String METADATA_PAYMENT = "cauri_payment_id";
    static final String METADATA_INTENT = "cauri_intent_id";
    static final String USSD_MESSAGE = "Confirmez le paiement sur votre téléphone.";
    /**
     * How long after a payment was attempted an initiate of it may still be running: longer than the attempt
     * function's own timeout, and than FedaPay's create and the reference's save, each bounded by its timeouts.
     */
    static final Duration INITIATE_GRACE = Duration.ofMinutes(2);

    private final FedaPayApi api;
    private final Clock clock;

    public FedaPayGateway(FedaPayConfig config) {
        this(config, Clock.systemUTC());
    }

    public FedaPayGateway(FedaPayConfig config, Clock clock) {
        this.api = new FedaPayApi(config);
        this.clock = clock;
    }

    /**
     * Outside an attempt (no place to store the transaction id before the push): the id is only in the answer,
     * or in the {@link FedaPayOutcomeUnknownException} when the push's outcome is unknown.
     */
    @Override
    public ProviderAnswer initiate(ProviderRequest request) {
        return initiate(request, ReferenceSink.NONE);
    }

    @Override
    public ProviderAnswer initiate(ProviderRequest request, ReferenceSink references) {
        Payment payment = request.payment();
        Optional<String> mode = FedaPayModes.mode(payment.country(), payment.provider());
        if (mode.isEmpty()) {
            return new ProviderAnswer.Failed(FailureCode.INVALID_PAYMENT_PROCESSOR,
                    "FedaPay does not collect " + payment.provider() + " in " + payment.country() + ".");
        }
        if (payment.currency() != Currency.XOF && payment.currency() != Currency.GNF) {
            return new ProviderAnswer.Failed(FailureCode.UNSUPPORTED_CURRENCY,
                    "FedaPay does not collect " + payment.currency() + ".");
        }
        if (payment.number() == null || payment.number().isBlank()) {
            return new ProviderAnswer.Failed(FailureCode.INVALID_MSISDN, "A phone number is required.");
        }
        Map<String, Object> phone = Map.of("number", payment.number(),
                "country", payment.country().toLowerCase(Locale.ROOT));
        try {
            long transaction = create(request, payment, phone);
            // Stored before anything that can debit: if this throws, the exception ends the attempt here (the
            // payment stays processing, its status read finds no transaction id: see status) and nothing is pushed.
            references.save(String.valueOf(transaction));
            String token = token(transaction);
            return push(payment, transaction, token, mode.get(), phone);
        } catch (FedaPayApi.NotSent nothingSent) {
            return new ProviderAnswer.Failed(FailureCode.SERVICE_UNAVAILABLE,
                    "FedaPay could not be reached; no payment was requested.");
        } catch (Refusal refused) {
            return refused.answer;
        }
    }

    /** FedaPay asks the payer on the phone; there is no OTP to forward, the outcome comes by webhook or status. */
    @Override
    public ProviderAnswer authenticate(Payment payment, String confirmationCode) {
        return new ProviderAnswer.Pending(payment.providerReference());
    }

    @Override
    public ProviderAnswer status(Payment payment) {
        Long transaction = transactionId(payment.providerReference());
        if (transaction == null) {
            // No transaction id stored with the payment. An attempt stores it (initiate's ReferenceSink, which the
            // attempt path always passes) before the push, the only call that can debit, and pushes nothing if
            // the store fails: so no stored id means no push was sent, once no initiate of this payment can still
            // be between its save and its push. Each initiate runs within the attempt function's timeout, far
            // shorter than the grace: past it, nothing was sent and nothing can be (a transaction FedaPay may hold
            // was never pushed; no one holds its token). Before it, an initiate may be under way: unknown.
            if (clock.instant().isAfter(payment.createdAt().plus(INITIATE_GRACE))) {
                return new ProviderAnswer.Failed(FailureCode.SERVICE_UNAVAILABLE,
                        "FedaPay was never asked to debit the payer; no money moved.");
            }
            throw new FedaPayOutcomeUnknownException(Step.RETRIEVE, null,
                    "no FedaPay transaction recorded for payment " + payment.id() + " yet", null);
        }
        try {
            return read(payment, transaction).answer();
        } catch (FedaPayApi.NotSent unreachable) {
            throw new FedaPayOutcomeUnknownException(Step.RETRIEVE, transaction, "FedaPay could not be reached",
                    unreachable);
        }
    }

    // ---- the three calls of an attempt ---------------------------------------------------------------------

    private long create(ProviderRequest request, Payment payment, Map<String, Object> phone)
            throws FedaPayApi.NotSent, Refusal {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("description", "Payment " + payment.id());
        // what the payer pays: the amount and the fees on it (as every connector); minor units (XOF and GNF have
        // none), FedaPay wants an integer
        body.put("amount", FeeCalculator.payerTotal(payment.amount(), payment.fees()));
        body.put("currency", Map.of("iso", payment.currency().name()));
        body.put("custom_metadata", Map.of(METADATA_PAYMENT, payment.id(), METADATA_INTENT, request.intent().id()));
        body.put("customer", Map.of("firstname", "Cauri", "lastname", "Payer", "phone_number", phone));
        FedaPayApi.Reply reply = api.post(Step.CREATE, null, "/v1/transactions", body);
        if (!reply.ok()) {
            throw new Refusal(new ProviderAnswer.Failed(createRefusal(reply), "FedaPay refused the payment"
                    + message(reply) + "."));
        }
        Long id = wrapped(reply.body(), "v1/transaction").map(t -> t.get("id")).filter(Long.class::isInstance)
                .map(Long.class::cast).orElse(null);
        if (id == null) {
            throw new FedaPayOutcomeUnknownException(Step.CREATE, null, "the answer names no transaction id", null);
        }
        return id;
    }

    private String token(long transaction) throws FedaPayApi.NotSent, Refusal {
        FedaPayApi.Reply reply = api.post(Step.TOKEN, transaction, "/v1/transactions/" + transaction + "/token",
                Map.of());
        if (!reply.ok()) {
            // nothing was pushed: the transaction stays pending at FedaPay, and no one holds its token
            throw new Refusal(new ProviderAnswer.Failed(FailureCode.SERVICE_UNAVAILABLE,
                    "FedaPay refused the payment token" + message(reply) + "."));
        }
        if (!(reply.body().get("token") instanceof String token) || token.isBlank()) {
            throw new FedaPayOutcomeUnknownException(Step.TOKEN, transaction, "the answer has no token", null);
        }
        return token;
    }

    private ProviderAnswer push(Payment payment, long transaction, String token, String mode,
                                Map<String, Object> phone) throws FedaPayApi.NotSent {
        FedaPayApi.Reply reply = api.post(Step.PUSH, transaction, "/v1/" + mode,
                Map.of("token", token, "phone_number", phone));
        if (reply.ok()) {
            return pushed(transaction);
        }
        // A refused push debits nothing, unless the refusal is "already sent": read the transaction back to know.
        Snapshot now;
        try {
            now = read(payment, transaction);
        } catch (FedaPayApi.NotSent unreachable) {
            throw new FedaPayOutcomeUnknownException(Step.PUSH, transaction, "push refused (HTTP " + reply.status()
                    + ") and FedaPay could not be reached to check it", unreachable);
        }
        if (!(now.answer() instanceof ProviderAnswer.Pending)) {
            return now.answer(); // settled meanwhile: its final status is the answer
        }
        if (now.pushed()) {
            return pushed(transaction); // FedaPay has the push: the payer is being asked
        }
        return new ProviderAnswer.Failed(pushRefusal(reply), "FedaPay refused the payment request" + message(reply) + ".");
    }

    private static ProviderAnswer pushed(long transaction) {
        return new ProviderAnswer.ActionRequired(new NextAction(NextAction.Type.USSD, USSD_MESSAGE, null),
                String.valueOf(transaction));
    }

    // ---- reading a transaction ----------------------------------------------------------------------------

    /** A transaction as read: its answer, and whether FedaPay shows a push (a {@code mode} set). */
    private record Snapshot(ProviderAnswer answer, boolean pushed) {
    }

    private Snapshot read(Payment payment, long transaction) throws FedaPayApi.NotSent {
        FedaPayApi.Reply reply = api.get(Step.RETRIEVE, transaction, "/v1/transactions/" + transaction);
        if (!reply.ok()) {
            // 404 or a refusal: the id we hold is not readable with this key; settling on it would be a guess
            throw new FedaPayOutcomeUnknownException(Step.RETRIEVE, transaction, "HTTP " + reply.status(), null);
        }
        Map<String, Object> t = wrapped(reply.body(), "v1/transaction").orElseThrow(() ->
                new FedaPayOutcomeUnknownException(Step.RETRIEVE, transaction, "the answer is not a transaction", null));
        Object metadata = t.get("custom_metadata");
        Object ours = metadata instanceof Map<?, ?> m ? m.get(METADATA_PAYMENT) : null;
        if (!payment.id().equals(ours) || !Long.valueOf(FeeCalculator.payerTotal(payment.amount(), payment.fees())).equals(t.get("amount"))) {
            throw new FedaPayOutcomeUnknownException(Step.RETRIEVE, transaction,
                    "the transaction is not this payment's (payment id or amount differ)", null);
        }
        boolean pushed = t.get("mode") instanceof String mode && !mode.isBlank();
        String status = t.get("status") instanceof String s ? s : null;
        String lastError = t.get("last_error_code") instanceof String code ? code : null;
        ProviderAnswer answer = FedaPayStatuses.answer(status, lastError, String.valueOf(transaction)).orElseThrow(() ->
                new FedaPayOutcomeUnknownException(Step.RETRIEVE, transaction, "unknown status " + status, null));
        return new Snapshot(answer, pushed);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** A step FedaPay refused (4xx) before any push was accepted: a final, known answer. */
    private static final class Refusal extends Exception {
        final ProviderAnswer answer;

        Refusal(ProviderAnswer answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }

    private static FailureCode createRefusal(FedaPayApi.Reply reply) {
        return switch (reply.status()) {
            case 401, 403 -> FailureCode.INTERNAL_ERROR; // our key: the payer can do nothing about it
            case 429 -> FailureCode.TOO_MANY_REQUEST;
            default -> errorsName(reply, "currency") ? FailureCode.UNSUPPORTED_CURRENCY
                    : errorsName(reply, "phone_number") || errorsName(reply, "customer.phone_number")
                    ? FailureCode.INVALID_MSISDN : FailureCode.BAD_PARAMETERS;
        };
    }

    private static FailureCode pushRefusal(FedaPayApi.Reply reply) {
        return switch (reply.status()) {
            case 401, 403 -> FailureCode.INTERNAL_ERROR;
            case 429 -> FailureCode.TOO_MANY_REQUEST;
            default -> errorsName(reply, "phone_number") ? FailureCode.INVALID_MSISDN : FailureCode.BAD_PARAMETERS;
        };
    }

    private static boolean errorsName(FedaPayApi.Reply reply, String field) {
        return reply.body().get("errors") instanceof Map<?, ?> errors && errors.containsKey(field);
    }

    private static String message(FedaPayApi.Reply reply) {
        return reply.body().get("message") instanceof String m && !m.isBlank()
                ? " (HTTP " + reply.status() + ": " + m + ")" : " (HTTP " + reply.status() + ")";
    }

    private static Optional<Map<String, Object>> wrapped(Map<String, Object> body, String key) {
        if (body.get(key) instanceof Map<?, ?> object) {
            @SuppressWarnings("unchecked") Map<String, Object> map = (Map<String, Object>) object;
            return Optional.of(map);
        }
        return Optional.empty();
    }

    static Long transactionId(String providerReference) {
        if (providerReference == null || !providerReference.matches("[0-9]{1,18}")) {
            return null;
        }
        return Long.parseLong(providerReference);
    }
}

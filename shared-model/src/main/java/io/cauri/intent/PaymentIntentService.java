package io.cauri.intent;

import io.cauri.id.Ids;
import io.cauri.merchant.Caller;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The operations on payment intents that every route family calls. Inputs arrive validated by the wire
 * layer; this class enforces ownership and persists through {@link IntentRepository}.
 */
@Singleton
public class PaymentIntentService {

    private final IntentRepository intents;
    private final Clock clock;

    public PaymentIntentService(IntentRepository intents, Clock clock) {
        this.intents = intents;
        this.clock = clock;
    }

    public record NewIntent(String purchaseReference, String customerReference, long amount, Currency currency,
                            String overrideBusinessName) {
    }

    public PaymentIntent create(Caller caller, NewIntent request) {
        PaymentIntent intent = PaymentIntent.open(Ids.next(Ids.INTENT), caller.merchantId(), caller.mode(), now(),
                request.purchaseReference(), request.customerReference(), request.amount(), request.currency(),
                request.overrideBusinessName());
        return intents.create(intent);
    }

    /**
     * The intent if this caller may see it. Unknown ids, other merchants' and other modes' intents, and
     * (for a token holder) any intent but its own all look the same: not found.
     */
    public PaymentIntent retrieve(Caller caller, String intentId) {
        if (!Ids.looksLike(Ids.INTENT, intentId) || (caller.isClient() && !caller.intentId().equals(intentId))) {
            throw new IntentNotFoundException(intentId);
        }
        return intents.find(intentId)
                .filter(i -> i.isOwnedBy(caller.merchantId(), caller.mode()))
                .orElseThrow(() -> new IntentNotFoundException(intentId));
    }

    public IntentRepository.Page list(IntentRepository.Query query) {
        return intents.list(query);
    }

    /** Timestamps carry milliseconds, no more: what is stored is exactly what is shown. */
    public Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
    }
}

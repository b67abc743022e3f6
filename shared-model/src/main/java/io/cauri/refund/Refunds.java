package io.cauri.refund;

import io.cauri.id.Ids;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentLocator;
import io.cauri.intent.PaymentStatus;
import io.cauri.ledger.ConcurrentPostingException;
import io.cauri.ledger.Kind;
import io.cauri.ledger.LedgerTransaction;
import io.cauri.ledger.MoneyOutPostings;
import io.cauri.merchant.Mode;
import io.cauri.provider.PayoutAnswer;
import io.cauri.provider.PayoutCheck;
import io.cauri.provider.PayoutCheckScheduler;
import io.cauri.provider.PayoutConnector;
import io.cauri.provider.PayoutConnectors;
import io.cauri.provider.RefundGateway;
import io.cauri.provider.RefundOrder;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Refunds of successful payments, full or partial, several per payment up to its amount, one in flight at a time
 * (docs/CONTRACT.md, refunds).
 * <p>
 * Creating one finds the merchant's payment, checks it succeeded, what remains of it, and that its provider can
 * refund it; schedules the refund's reconciliation check; stores it pending with the reservation of its amount and
 * the payment's refund in flight in one storage transaction (the conditions there, not a read before, decide races:
 * of two refunds of one payment only one is stored); then asks the provider. A final answer is stored with its
 * posting and ends the payment's refund in flight; no answer, or an open one, leaves it pending for the checks,
 * which never fail it on a guess.
 */
@Singleton
public class Refunds {
    /** The reasons a merchant may give (Stripe's). */
    public static final Set<String> REASONS = Set.of("duplicate", "fraudulent", "requested_by_customer");
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    private static final Logger LOG = LoggerFactory.getLogger(Refunds.class);
    private static final int WRITE_TRIES = 8;

    private final RefundRepository refunds;
    private final IntentRepository intents;
    private final PaymentLocator payments;
    private final PayoutConnectors gateways;
    private final PayoutCheckScheduler checks;
    private final Clock clock;
    private final Duration firstCheck;
    private final Duration expiry;

    /**
     * @param firstCheck how long after the provider is asked the first reconciliation check comes
     * @param expiry     how long a refund the provider has not decided is checked; after it, it stays pending and an
     *                   error is logged for someone to settle it with the provider (never failed on a guess)
     */
    @Inject
    public Refunds(RefundRepository refunds, IntentRepository intents, PaymentLocator payments,
                   PayoutConnectors gateways, PayoutCheckScheduler checks, Clock clock,
                   @Value("${cauri.payouts.first-check:1m}") Duration firstCheck,
                   @Value("${cauri.payouts.expiry:24h}") Duration expiry) {
        this.refunds = refunds;
        this.intents = intents;
        this.payments = payments;
        this.gateways = gateways;
        this.checks = checks;
        this.clock = clock;
        this.firstCheck = firstCheck;
        this.expiry = expiry;
        checks.deliverTo(PayoutCheck.Subject.REFUND, this::check);
    }

    /**
     * Creates a refund and asks the provider for it: the refund as it stands after the provider's first answer.
     *
     * @throws RefundRefusedException                     no such payment (404), not successful (409), more than
     *                                                    remains (400), another refund in flight (409), the provider
     *                                                    cannot refund it (400)
     * @throws io.cauri.ledger.InsufficientFundsException the available balance does not cover the amount
     * @throws ConcurrentPostingException                the merchant's books stayed busy; nothing stored
     */
    public Refund create(String merchantId, Mode mode, NewRefund request) {
        PaymentIntent intent;
        Payment payment;
        if (request.paymentId() != null) {
            String param = "payment";
            intent = payments.intentOf(request.paymentId()).flatMap(intents::find)
                    .filter(i -> owned(i, merchantId, mode))
                    .orElseThrow(() -> RefundRefusedException.paymentNotFound(param, request.paymentId()));
            payment = intent.payment(request.paymentId())
                    .orElseThrow(() -> RefundRefusedException.paymentNotFound(param, request.paymentId()));
            if (request.paymentIntentId() != null && !request.paymentIntentId().equals(intent.id())) {
                throw RefundRefusedException.paymentNotFound("payment_intent", request.paymentIntentId());
            }
            if (payment.status() != PaymentStatus.SUCCESSFUL) {
                throw RefundRefusedException.notRefundable(param);
            }
        } else {
            String param = "payment_intent";
            String id = Objects.requireNonNull(request.paymentIntentId(), "a refund names a payment or an intent");
            intent = intents.find(id).filter(i -> owned(i, merchantId, mode))
                    .orElseThrow(() -> RefundRefusedException.paymentNotFound(param, id));
            payment = intent.payments().stream().filter(p -> p.status() == PaymentStatus.SUCCESSFUL).findFirst()
                    .orElseThrow(() -> RefundRefusedException.notRefundable(param));
        }
        RefundRepository.PaymentRefunds before = refunds.ofPayment(merchantId, mode, payment.id());
        if (before.refunding() != null) {
            throw RefundRefusedException.inProgress();
        }
        long remaining = payment.amount() - before.refunded();
        long amount = request.amount() == null ? remaining : request.amount();
        if (amount <= 0 || amount > remaining) {
            throw RefundRefusedException.exceedsRemaining(Math.max(0, remaining), payment.currency());
        }
        Instant now = now();
        String id = Ids.next(Ids.REFUND);
        RefundGateway gateway = gatewayOf(payment, mode);
        if (!gateway.refunds(new RefundOrder(id, payment, amount, payment.currency(), request.reason(), null))) {
            throw RefundRefusedException.unsupported(amount < payment.amount());
        }
        Refund refund = new Refund(id, merchantId, mode, intent.id(), payment.id(), amount, payment.currency(),
                request.reason(), RefundStatus.PENDING, null, null, payment.gatewayId(), null, request.metadata(), now,
                now, null);
        // durable first: a check of a refund never stored finds nothing; one stored is read again whatever happens
        checks.schedule(new PayoutCheck(PayoutCheck.Subject.REFUND, merchantId, mode, id, 0), firstCheck);
        Refund stored = store(refund, payment.amount());
        PayoutAnswer answer;
        try {
            answer = gateway.refund(order(stored, payment));
        } catch (RuntimeException unknown) {
            LOG.warn("refund {} asked, outcome unknown, checked later: {}", stored.id(), describe(unknown));
            return stored;
        }
        try {
            return apply(stored, answer);
        } catch (RuntimeException unrecorded) {
            // The refund is stored, reserved and its provider has answered: from here nothing may tell the caller that
            // nothing was stored (a retry would send it again). Its answer not recorded now, the queued check reads
            // it from the provider and records it.
            LOG.warn("refund {} answered by its provider, answer not recorded now, checked later: {}", stored.id(),
                    describe(unrecorded));
            return stored;
        }
    }

    public Refund find(String merchantId, Mode mode, String id) {
        return lookup(merchantId, mode, id, "id");
    }

    public RefundRepository.Page list(RefundRepository.Query query) {
        return refunds.list(query);
    }

    /** v1 list, newest first, of one intent's payments when {@code intentId} is set; see {@link RefundRepository#page}. */
    public RefundRepository.CursorPage page(String merchantId, Mode mode, int limit, String startingAfter,
                                            String endingBefore, String intentId) {
        Refund after = startingAfter == null ? null : lookup(merchantId, mode, startingAfter, "starting_after");
        Refund before = endingBefore == null ? null : lookup(merchantId, mode, endingBefore, "ending_before");
        return refunds.page(merchantId, mode, limit, after, before, intentId);
    }

    /**
     * A provider's answer about {@code current}: a final answer is stored with its posting and ends the payment's
     * refund in flight (once, however often it is applied); an open one changes nothing but the provider's
     * reference; {@code null} (nothing known) changes nothing.
     */
    public Refund apply(Refund current, PayoutAnswer answer) {
        Refund refund = current;
        for (int attempt = 1; ; attempt++) {
            if (refund.status().isFinal() || answer == null) {
                if (refund.status() == RefundStatus.FAILED && answer instanceof PayoutAnswer.Succeeded) {
                    LOG.error("refund {} is failed here but its provider reports it paid: settle it by hand",
                            refund.id());
                }
                return refund;
            }
            Instant now = now();
            Refund next;
            LedgerTransaction posting;
            if (answer instanceof PayoutAnswer.Succeeded ok) {
                next = with(refund, RefundStatus.SUCCEEDED, null, null, reference(refund, ok.providerReference()), now);
                posting = MoneyOutPostings.settlement(Kind.REFUND_SETTLEMENT, refund.merchantId(), refund.mode(),
                        refund.currency(), refund.id(), refund.amount(), now);
            } else if (answer instanceof PayoutAnswer.Failed failed) {
                next = with(refund, RefundStatus.FAILED, failed.code(), failed.message(),
                        reference(refund, failed.providerReference()), now);
                posting = MoneyOutPostings.release(Kind.REFUND_FAILURE, refund.merchantId(), refund.mode(),
                        refund.currency(), refund.id(), refund.amount(), now);
            } else {
                String reference = reference(refund, ((PayoutAnswer.Pending) answer).providerReference());
                if (Objects.equals(reference, refund.providerReference())) {
                    return refund;
                }
                next = with(refund, RefundStatus.PENDING, null, null, reference, refund.updatedAt());
                posting = null;
            }
            RefundRepository.Change change;
            try {
                change = refunds.update(next, posting);
            } catch (ConcurrentPostingException busy) {
                change = RefundRepository.Change.STALE;
            }
            if (change == RefundRepository.Change.STORED) {
                return withVersion(next, next.version() + 1);
            }
            if (attempt >= WRITE_TRIES) {
                throw new ConcurrentPostingException(refund.id());
            }
            pause(attempt);
            refund = refunds.find(refund.merchantId(), refund.mode(), refund.id()).orElseThrow();
        }
    }

    /** A reconciliation check, as {@code Transfers#check} does for transfers. */
    public Optional<Refund> check(PayoutCheck check) {
        return reconcile(check, true);
    }

    /** What one sweep did: pending movements found past the window, and how many it settled. */
    public record Sweep(int found, int settled) {
    }

    /**
     * The sweep (expire-intents runs it on its schedule): every refund still pending {@code window} after it was
     * created is read at its provider as its check would be, without scheduling another. It reconciles those whose
     * checks were lost (a message gone to the dead-letter queue) or ended at the expiry. Stops reading providers once
     * {@code deadline} (a {@link System#nanoTime()} value; null: none) has passed: the next run goes on.
     */
    public Sweep settleOverdue(Duration window, int limit, Long deadline) {
        java.util.List<PayoutCheck> overdue = refunds.pending(now().minus(expiry), now().minus(window), limit);
        int settled = 0;
        for (PayoutCheck c : overdue) {
            if (deadline != null && System.nanoTime() - deadline > 0) {
                break;
            }
            try {
                if (reconcile(c, false).map(t -> t.status().isFinal()).orElse(false)) {
                    settled++;
                }
            } catch (ConcurrentPostingException busy) {
                // its books stay busy right now: the next run looks again
            } catch (RuntimeException broken) {
                // one movement that cannot be settled now (storage, an unreadable item) never stops the sweep for the
                // others: logged, and the next run looks again
                LOG.error("sweep: refund {} not settled: {}", c.id(), describe(broken));
            }
        }
        return new Sweep(overdue.size(), settled);
    }

    private Optional<Refund> reconcile(PayoutCheck check, boolean again) {
        Optional<Refund> stored = refunds.find(check.merchantId(), check.mode(), check.id());
        if (stored.isEmpty() || stored.get().status().isFinal()) {
            return stored;
        }
        Refund refund = stored.get();
        PayoutAnswer answer;
        try {
            Payment payment = intents.find(refund.intentId()).flatMap(i -> i.payment(refund.paymentId()))
                    .orElseThrow(() -> new IllegalStateException("payment " + refund.paymentId() + " not found"));
            answer = gateways.refunds(refund.gatewayId()).status(order(refund, payment));
        } catch (RuntimeException unknown) {
            LOG.warn("status of refund {} unknown, asked again later: {}", refund.id(), describe(unknown));
            answer = null;
        }
        Refund after = apply(refund, answer);
        if (again && !after.status().isFinal()) {
            if (now().isBefore(refund.createdAt().plus(expiry))) {
                checks.schedule(check.next(), waitBefore(check.round() + 1));
            } else {
                LOG.error("refund {} still undecided by its provider {} after {}: settle it with the provider by hand",
                        refund.id(), refund.gatewayId() == null ? "sandbox" : refund.gatewayId(), expiry);
            }
        }
        return Optional.of(after);
    }

    Duration waitBefore(int round) {
        Duration wait = firstCheck.multipliedBy(1L << Math.min(round, 20));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    public static RefundOrder order(Refund refund, Payment payment) {
        return new RefundOrder(refund.id(), payment, refund.amount(), refund.currency(), refund.reason(),
                refund.providerReference());
    }

    /**
     * The payment's own provider: the sandbox for a sandbox payment, else its live connector's refund side. A live
     * payment that names no connector is refused: the sandbox must never answer for live money.
     */
    private RefundGateway gatewayOf(Payment payment, Mode mode) {
        if (payment.gatewayId() == null) {
            if (mode == Mode.LIVE) {
                throw RefundRefusedException.unsupported(false);
            }
            return gateways.sandboxRefunds();
        }
        return gateways.live(payment.gatewayId()).map(PayoutConnector::refunds)
                .orElseThrow(() -> RefundRefusedException.unsupported(false));
    }

    private Refund store(Refund refund, long paid) {
        LedgerTransaction reservation = MoneyOutPostings.reservation(Kind.REFUND, refund.merchantId(), refund.mode(),
                refund.currency(), refund.id(), refund.amount(), refund.createdAt());
        for (int attempt = 1; ; attempt++) {
            try {
                return refunds.create(refund, reservation, paid);
            } catch (ConcurrentPostingException busy) {
                if (attempt >= WRITE_TRIES) {
                    throw busy;
                }
                pause(attempt);
            }
        }
    }

    private Refund lookup(String merchantId, Mode mode, String id, String param) {
        if (!Ids.looksLike(Ids.REFUND, id)) {
            throw RefundRefusedException.notFound(param, id);
        }
        return refunds.find(merchantId, mode, id).orElseThrow(() -> RefundRefusedException.notFound(param, id));
    }

    private static boolean owned(PaymentIntent intent, String merchantId, Mode mode) {
        return intent.merchantId().equals(merchantId) && intent.mode() == mode;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConcurrentPostingException("interrupted");
        }
    }

    private static String reference(Refund r, String answered) {
        return answered != null ? answered : r.providerReference();
    }

    private static Refund with(Refund r, RefundStatus status, String failureCode, String failureMessage,
                               String providerReference, Instant at) {
        return new Refund(r.id(), r.merchantId(), r.mode(), r.intentId(), r.paymentId(), r.amount(), r.currency(),
                r.reason(), status, failureCode, failureMessage, r.gatewayId(), providerReference, r.metadata(),
                r.createdAt(), at, r.version());
    }

    private static Refund withVersion(Refund r, long version) {
        return new Refund(r.id(), r.merchantId(), r.mode(), r.intentId(), r.paymentId(), r.amount(), r.currency(),
                r.reason(), r.status(), r.failureCode(), r.failureMessage(), r.gatewayId(), r.providerReference(),
                r.metadata(), r.createdAt(), r.updatedAt(), version);
    }

    /** Stored times have milliseconds: what is returned is what a read gives back. */
    private Instant now() {
        return Instant.now(clock).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /**
     * A provider or storage failure for a log line: its class and its cause's, never a message (a connector's or the
     * SDK's message may carry the recipient's number or a provider's raw answer).
     */
    private static String describe(RuntimeException e) {
        Throwable cause = e.getCause();
        return cause == null || cause == e ? e.getClass().getName()
                : e.getClass().getName() + " caused by " + cause.getClass().getName();
    }
}

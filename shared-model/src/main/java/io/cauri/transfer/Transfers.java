package io.cauri.transfer;

import io.cauri.id.Ids;
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
import io.cauri.provider.PayoutOrder;
import io.cauri.provider.ProviderCoverage;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Transfers (pay-outs) from a merchant's available balance to a mobile money wallet (docs/CONTRACT.md, transfers).
 * <p>
 * Creating one checks what the domain owns (a pay-out route to the destination, its currency and limits, a live
 * connector in live mode, the number's blacklist), schedules its reconciliation check, stores it pending with the
 * reservation of its amount in one storage transaction (refused with nothing stored when the available balance does
 * not cover it), then asks the provider. A final answer is stored with its posting (settled, or the amount
 * returned); no answer, or an open one, leaves it pending: the check reads it again later, waiting twice as long each
 * time, and never fails it on a guess.
 */
@Singleton
public class Transfers {
    /** The blacklist: this many failed transfers to one number ... */
    public static final int BLOCK_AFTER = 5;
    /** ... within this long block it ... */
    public static final Duration FAILURE_WINDOW = Duration.ofMinutes(60);
    /** ... for this long. */
    public static final Duration BLOCK_FOR = Duration.ofDays(7);
    /** SQS's longest message delay: checks of one transfer never wait longer apart. */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    private static final Logger LOG = LoggerFactory.getLogger(Transfers.class);
    /** Tries of one write that storage refused to interleave with another write of the same books. */
    private static final int WRITE_TRIES = 8;

    private final TransferRepository transfers;
    private final PayoutConnectors gateways;
    private final PayoutCheckScheduler checks;
    private final ProviderCoverage coverage;
    private final RecipientBlocklist blocklist;
    private final Clock clock;
    private final Duration firstCheck;
    private final Duration expiry;

    /**
     * @param firstCheck how long after the provider is asked the first reconciliation check comes
     * @param expiry     how long a transfer the provider has not decided is checked; after it, it stays pending and
     *                   an error is logged for someone to settle it with the provider (never failed on a guess)
     */
    @Inject
    public Transfers(TransferRepository transfers, PayoutConnectors gateways, PayoutCheckScheduler checks,
                     ProviderCoverage coverage, RecipientBlocklist blocklist, Clock clock,
                     @Value("${cauri.payouts.first-check:1m}") Duration firstCheck,
                     @Value("${cauri.payouts.expiry:24h}") Duration expiry) {
        this.transfers = transfers;
        this.gateways = gateways;
        this.checks = checks;
        this.coverage = coverage;
        this.blocklist = blocklist;
        this.clock = clock;
        this.firstCheck = firstCheck;
        this.expiry = expiry;
        // tests and local-api: due checks come straight back here; a queue-backed scheduler ignores this
        checks.deliverTo(PayoutCheck.Subject.TRANSFER, this::check);
    }

    /**
     * Creates a transfer and asks the provider to pay it: the transfer as it stands after the provider's first
     * answer (pending, successful or failed).
     *
     * @throws TransferRefusedException                  no route, wrong currency, amount outside the route's limits,
     *                                                   no live connector, a blacklisted number
     * @throws io.cauri.ledger.InsufficientFundsException the available balance does not cover the amount
     * @throws ConcurrentPostingException                the merchant's books stayed busy; nothing stored
     */
    public Transfer create(String merchantId, Mode mode, NewTransfer request) {
        Destination d = request.destination();
        ProviderCoverage.PayoutLimits limits = coverage.payoutLimits(d.country(), d.provider())
                .orElseThrow(() -> TransferRefusedException.noRoute(d.country(), d.provider(), false));
        if (coverage.currencyOf(d.country()).filter(c -> c == request.currency()).isEmpty()) {
            throw TransferRefusedException.currency(request.currency().name(), d.country());
        }
        if (!limits.accepts(request.amount())) {
            throw TransferRefusedException.amount(limits.minAmount(), limits.maxAmount(), limits.multiple());
        }
        String gatewayId = null;
        if (mode == Mode.LIVE) {
            gatewayId = gateways.livePayouts(d.country(), d.provider()).map(PayoutConnector::name)
                    .orElseThrow(() -> TransferRefusedException.noRoute(d.country(), d.provider(), true));
        }
        Instant now = now();
        if (blocklist.blocked(merchantId, mode, d.msisdn(), now)) {
            throw TransferRefusedException.blacklisted();
        }
        Transfer transfer = new Transfer(Ids.next(Ids.TRANSFER), merchantId, mode, request.reference(),
                request.amount(), request.currency(), request.description(), d, TransferStatus.PENDING, null, null,
                gatewayId, null, now, now, null);
        // durable before anything else: a check of a transfer that was never stored finds nothing and does nothing,
        // and one that was stored is read again even if this function dies before or after the provider's call
        checks.schedule(new PayoutCheck(PayoutCheck.Subject.TRANSFER, merchantId, mode, transfer.id(), 0),
                firstCheck);
        Transfer stored = store(transfer);
        PayoutAnswer answer;
        try {
            answer = gateways.payouts(gatewayId).send(order(stored));
        } catch (RuntimeException unknown) {
            LOG.warn("transfer {} sent, outcome unknown, checked later: {}", stored.id(), describe(unknown));
            return stored;
        }
        try {
            return apply(stored, answer);
        } catch (RuntimeException unrecorded) {
            // The transfer is stored, reserved and its provider has answered: from here nothing may tell the caller that
            // nothing was stored (a retry would send it again). Its answer not recorded now, the queued check reads
            // it from the provider and records it.
            LOG.warn("transfer {} answered by its provider, answer not recorded now, checked later: {}", stored.id(),
                    describe(unrecorded));
            return stored;
        }
    }

    /** The transfer {@code id} of this merchant in this mode; another's, or the other mode's, is not found. */
    public Transfer find(String merchantId, Mode mode, String id) {
        return lookup(merchantId, mode, id, "id");
    }

    /** HUB2 list: one page of the merchant's transfers, newest first, with the total number of matches. */
    public TransferRepository.Page list(TransferRepository.Query query) {
        return transfers.list(query);
    }

    /**
     * v1 list: {@code limit} transfers, newest first, older than {@code startingAfter} (or newer than
     * {@code endingBefore}, or the newest). A cursor that is not one of the merchant's transfers is not found.
     */
    public TransferRepository.CursorPage page(String merchantId, Mode mode, int limit, String startingAfter,
                                              String endingBefore) {
        Transfer after = startingAfter == null ? null : lookup(merchantId, mode, startingAfter, "starting_after");
        Transfer before = endingBefore == null ? null : lookup(merchantId, mode, endingBefore, "ending_before");
        return transfers.page(merchantId, mode, limit, after, before);
    }

    /**
     * A provider's answer about {@code current} (its first answer, a check's reading, a callback): a final answer is
     * stored with its posting (once, however often it is applied); an open one changes nothing but the provider's
     * reference. A transfer that has ended keeps its outcome.
     */
    public Transfer apply(Transfer current, PayoutAnswer answer) {
        Transfer transfer = current;
        for (int attempt = 1; ; attempt++) {
            if (transfer.status().isFinal() || answer == null) {
                if (transfer.status() == TransferStatus.FAILED && answer instanceof PayoutAnswer.Succeeded) {
                    // the provider paid a transfer whose money came back: never silent
                    LOG.error("transfer {} is failed here but its provider reports it paid: settle it by hand",
                            transfer.id());
                }
                return transfer;
            }
            Instant now = now();
            Transfer next;
            LedgerTransaction posting;
            if (answer instanceof PayoutAnswer.Succeeded ok) {
                next = with(transfer, TransferStatus.SUCCESSFUL, null, null, reference(transfer, ok.providerReference()), now);
                posting = MoneyOutPostings.settlement(Kind.TRANSFER_SETTLEMENT, transfer.merchantId(), transfer.mode(),
                        transfer.currency(), transfer.id(), transfer.amount(), now);
            } else if (answer instanceof PayoutAnswer.Failed failed) {
                next = with(transfer, TransferStatus.FAILED, failed.code(), failed.message(),
                        reference(transfer, failed.providerReference()), now);
                posting = MoneyOutPostings.release(Kind.TRANSFER_FAILURE, transfer.merchantId(), transfer.mode(),
                        transfer.currency(), transfer.id(), transfer.amount(), now);
            } else {
                String reference = reference(transfer, ((PayoutAnswer.Pending) answer).providerReference());
                if (java.util.Objects.equals(reference, transfer.providerReference())) {
                    return transfer;
                }
                next = with(transfer, TransferStatus.PENDING, null, null, reference, transfer.updatedAt());
                posting = null;
            }
            TransferRepository.Change change;
            try {
                change = transfers.update(next, posting);
            } catch (ConcurrentPostingException busy) {
                change = TransferRepository.Change.STALE;
            }
            if (change == TransferRepository.Change.STORED) {
                if (next.status() == TransferStatus.FAILED) {
                    countFailure(next, now);
                }
                return withVersion(next, next.version() + 1);
            }
            if (attempt >= WRITE_TRIES) {
                throw new ConcurrentPostingException(transfer.id());
            }
            pause(attempt);
            transfer = transfers.find(transfer.merchantId(), transfer.mode(), transfer.id()).orElseThrow();
        }
    }

    /**
     * A reconciliation check: a pending transfer is read at its provider; a final answer is applied; an open or
     * unknown one schedules the next check, twice as late (at most {@link #LONGEST_WAIT}), until the expiry, after
     * which the transfer stays pending and an error says someone must settle it with the provider.
     */
    public Optional<Transfer> check(PayoutCheck check) {
        return reconcile(check, true);
    }

    /** What one sweep did: pending movements found past the window, and how many it settled. */
    public record Sweep(int found, int settled) {
    }

    /**
     * The sweep (expire-intents runs it on its schedule): every transfer still pending {@code window} after it was
     * created is read at its provider as its check would be, without scheduling another. It reconciles those whose
     * checks were lost (a message gone to the dead-letter queue) or ended at the expiry. Stops reading providers once
     * {@code deadline} (a {@link System#nanoTime()} value; null: none) has passed: the next run goes on.
     */
    public Sweep settleOverdue(Duration window, int limit, Long deadline) {
        java.util.List<PayoutCheck> overdue = transfers.pending(now().minus(expiry), now().minus(window), limit);
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
                LOG.error("sweep: transfer {} not settled: {}", c.id(), describe(broken));
            }
        }
        return new Sweep(overdue.size(), settled);
    }

    private Optional<Transfer> reconcile(PayoutCheck check, boolean again) {
        Optional<Transfer> stored = transfers.find(check.merchantId(), check.mode(), check.id());
        if (stored.isEmpty() || stored.get().status().isFinal()) {
            return stored;
        }
        Transfer transfer = stored.get();
        PayoutAnswer answer;
        try {
            answer = gateways.payouts(transfer.gatewayId()).status(order(transfer));
        } catch (RuntimeException unknown) {
            LOG.warn("status of transfer {} unknown, asked again later: {}", transfer.id(), describe(unknown));
            answer = null;
        }
        Transfer after = apply(transfer, answer);
        if (again && !after.status().isFinal()) {
            Instant now = now();
            if (now.isBefore(transfer.createdAt().plus(expiry))) {
                checks.schedule(check.next(), waitBefore(check.round() + 1));
            } else {
                LOG.error("transfer {} still undecided by its provider {} after {}: settle it with the provider by hand",
                        transfer.id(), transfer.gatewayId() == null ? "sandbox" : transfer.gatewayId(), expiry);
            }
        }
        return Optional.of(after);
    }

    /** How long after the previous check the {@code round}-th one comes: the first check's delay, doubling. */
    Duration waitBefore(int round) {
        Duration wait = firstCheck.multipliedBy(1L << Math.min(round, 20));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    /** What the provider is asked to pay (or asked about). */
    public static PayoutOrder order(Transfer t) {
        Destination d = t.destination();
        return new PayoutOrder(t.id(), t.mode(), d.country(), d.provider(), d.msisdn(), d.recipientName(),
                t.amount(), t.currency(), t.description(), t.providerReference());
    }

    private Transfer store(Transfer transfer) {
        LedgerTransaction reservation = MoneyOutPostings.reservation(Kind.TRANSFER, transfer.merchantId(),
                transfer.mode(), transfer.currency(), transfer.id(), transfer.amount(), transfer.createdAt());
        for (int attempt = 1; ; attempt++) {
            try {
                return transfers.create(transfer, reservation);
            } catch (ConcurrentPostingException busy) {
                if (attempt >= WRITE_TRIES) {
                    throw busy;
                }
                pause(attempt);
            }
        }
    }

    /**
     * The failures a transfer's number itself causes (unknown, inactive, blocked, refused by its operator): only
     * these count towards its blacklist. An outage, Cauri's own float running short, a timeout or a reversal says
     * nothing about the number, and must not block a recipient for a week.
     */
    static final java.util.Set<String> RECIPIENT_FAILURES = java.util.Set.of(
            io.cauri.provider.PayoutFailureCode.INVALID_DESTINATION.wire(),
            io.cauri.provider.PayoutFailureCode.DESTINATION_NOT_ALLOWED.wire(),
            io.cauri.provider.PayoutFailureCode.FORBIDDEN_BY_PROVIDER.wire(),
            io.cauri.intent.FailureCode.INVALID_MSISDN.wire(),
            io.cauri.intent.FailureCode.CUSTOMER_ACCOUNT_LOCKED.wire());

    /** The failure counts towards the number's blacklist; the transfer's outcome is stored whatever happens here. */
    private void countFailure(Transfer failed, Instant at) {
        if (!RECIPIENT_FAILURES.contains(failed.failureCode())) {
            return;
        }
        try {
            blocklist.failed(failed.merchantId(), failed.mode(), failed.destination().msisdn(), failed.id(), at);
        } catch (RuntimeException e) {
            LOG.error("failed transfer {} not counted towards its number's blacklist: {}", failed.id(), describe(e));
        }
    }

    private Transfer lookup(String merchantId, Mode mode, String id, String param) {
        if (!Ids.looksLike(Ids.TRANSFER, id)) {
            throw TransferRefusedException.notFound(param, id);
        }
        return transfers.find(merchantId, mode, id).orElseThrow(() -> TransferRefusedException.notFound(param, id));
    }

    /** A short random pause before another try, so racing writers of one merchant's books spread out. */
    static void pause(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConcurrentPostingException("interrupted");
        }
    }

    private static String reference(Transfer t, String answered) {
        return answered != null ? answered : t.providerReference();
    }

    private static Transfer with(Transfer t, TransferStatus status, String failureCode, String failureMessage,
                                 String providerReference, Instant at) {
        return new Transfer(t.id(), t.merchantId(), t.mode(), t.reference(), t.amount(), t.currency(),
                t.description(), t.destination(), status, failureCode, failureMessage, t.gatewayId(),
                providerReference, t.createdAt(), at, t.version());
    }

    private static Transfer withVersion(Transfer t, long version) {
        return new Transfer(t.id(), t.merchantId(), t.mode(), t.reference(), t.amount(), t.currency(),
                t.description(), t.destination(), t.status(), t.failureCode(), t.failureMessage(), t.gatewayId(),
                t.providerReference(), t.createdAt(), t.updatedAt(), version);
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

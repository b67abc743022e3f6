package io.cauri.expireintents;

import io.cauri.correlation.Correlation;
import io.cauri.payment.IntentLifecycle;
import io.cauri.payment.PaymentOutcomes;
import io.cauri.refund.Refunds;
import io.cauri.transfer.Transfers;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.annotation.Value;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lambda handler run by an EventBridge schedule (template.yaml: every 5 minutes): cancels the intents left
 * unpaid {@link io.cauri.intent.PaymentIntent#UNPAID_LIFETIME} after creation, through the same write as a
 * merchant's cancel, so the stream emits {@code payment_intent.canceled} and the merchant's webhook fires
 * even if nobody reads the intent again. The schedule's event carries nothing the sweep needs; the sweep
 * works in batches until none is left or its time budget (well inside the function's timeout) is spent,
 * and the next run picks up the rest.
 *
 * <p>The same run reconciles the payments left {@code processing} past the provider window (their scheduled
 * check was lost: the function died before scheduling it, its message went to the dead-letter queue, or its
 * rounds ran out), as that check would have: it asks the provider and applies a final answer; one the provider
 * still reports pending stays processing, and the next run asks again. No payment is failed on a guess.
 *
 * <p>Then it does the same for transfers and refunds still pending {@code cauri.payouts.sweep-window} after their
 * creation (docs/CONTRACT.md §12): each is read at its provider, a final answer applied, an open one left pending.
 */
public class ExpireIntentsHandler extends MicronautRequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(ExpireIntentsHandler.class);
    private static final int BATCH = 100;

    @Inject
    IntentLifecycle intents;

    @Inject
    PaymentOutcomes outcomes;

    @Inject
    Transfers transfers;

    @Inject
    Refunds refunds;

    /**
     * How long after its creation a pending transfer or refund is read by this sweep: past the first few of its own
     * checks, so the sweep only picks up those whose checks were lost or ended.
     */
    @Value("${cauri.payouts.sweep-window:30m}")
    Duration payoutsWindow;

    /** The provider window: the same setting, with the same default, as the functions that attempt payments. */
    @Value("${cauri.payments.provider-window:2m}")
    Duration providerWindow;

    @Value("${cauri.expiry.time-budget:40s}")
    Duration timeBudget;

    /** What Lambda calls. */
    public ExpireIntentsHandler() {
        super();
    }

    /** Tests and local-api: the same handler on a context they configure. */
    public ExpireIntentsHandler(ApplicationContextBuilder context) {
        super(context);
    }

    @Override
    public Map<String, Object> execute(Map<String, Object> scheduledEvent) {
        // every change of this run carries the run's own id (docs/CONTRACT.md §5), named in its log lines
        String run = Correlation.newId(Correlation.SWEEP);
        try (Correlation.Scope cause = Correlation.open(run)) {
            Map<String, Object> report = sweep(run);
            report.put("correlationId", run);
            return report;
        }
    }

    private Map<String, Object> sweep(String run) {
        long deadline = System.nanoTime() + timeBudget.toNanos();
        int found = 0;
        int canceled = 0;
        int batches = 0;
        IntentLifecycle.ExpirySweep batch;
        do {
            batch = intents.expireOverdue(BATCH);
            found += batch.found();
            canceled += batch.canceled();
            batches++;
        } while (batch.found() == BATCH && System.nanoTime() < deadline);
        int stuck = 0;
        int settled = 0;
        PaymentOutcomes.SettlingSweep settling;
        do {
            settling = outcomes.settleOverdue(providerWindow, BATCH, deadline);
            stuck += settling.found();
            settled += settling.settled();
        } while (settling.found() == BATCH && settling.settled() > 0 && System.nanoTime() < deadline);
        LOG.info("settling sweep: {} payments processing past the provider window found, {} settled", stuck, settled);
        // each sweep on its own: transfers that cannot be read now never keep refunds from being settled, nor back
        Transfers.Sweep transferSweep = sweep("transfers",
                () -> transfers.settleOverdue(payoutsWindow, BATCH, deadline), new Transfers.Sweep(0, 0));
        Refunds.Sweep refundSweep = sweep("refunds",
                () -> refunds.settleOverdue(payoutsWindow, BATCH, deadline), new Refunds.Sweep(0, 0));
        LOG.info("money-out sweep: {} pending transfers found, {} settled; {} pending refunds found, {} settled",
                transferSweep.found(), transferSweep.settled(), refundSweep.found(), refundSweep.settled());
        boolean finished = batch.found() < BATCH && settling.found() < BATCH && transferSweep.found() < BATCH
                && refundSweep.found() < BATCH;
        LOG.info("expiry sweep {}: {} overdue intents found, {} canceled, {} batches, {}", run, found, canceled, batches,
                finished ? "none left" : "time budget spent, the next run continues");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("found", found);
        report.put("canceled", canceled);
        report.put("processingFound", stuck);
        report.put("settled", settled);
        report.put("pendingTransfersFound", transferSweep.found());
        report.put("transfersSettled", transferSweep.settled());
        report.put("pendingRefundsFound", refundSweep.found());
        report.put("refundsSettled", refundSweep.settled());
        report.put("finished", finished);
        return report;
    }

    private static <T> T sweep(String what, java.util.function.Supplier<T> run, T none) {
        try {
            return run.get();
        } catch (RuntimeException failed) {
            LOG.error("money-out sweep of {} failed this run, the next one tries again: {}", what,
                    failed.getClass().getName());
            return none;
        }
    }
}

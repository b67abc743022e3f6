package io.cauri.testing;

import io.cauri.intent.Currency;
import io.cauri.intent.IntentStatus;
import io.cauri.intent.PaymentIntent;
import io.cauri.ledger.Account;
import io.cauri.ledger.Entry;
import io.cauri.ledger.Kind;
import io.cauri.ledger.Ledger;
import io.cauri.ledger.LedgerTransaction;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.payment.IntentLifecycle;
import io.cauri.payment.PaymentAttempts;
import io.cauri.provider.PaymentMethod;

import java.time.Instant;
import java.util.List;

/** Money a merchant can send out, for the transfer and refund routes' tests: real postings, real payments. */
public final class MoneyOutFixtures {
    private MoneyOutFixtures() {
    }

    /**
     * Credits {@code amount} XOF to the merchant's available balance in {@code mode}, as a payment's success would
     * (EXTERNAL → AVAILABLE), under a fresh cause so each call adds.
     */
    public static void fund(LocalFunction function, TestMerchants.Credentials merchant, Mode mode, long amount) {
        String cause = io.cauri.id.Ids.next(io.cauri.id.Ids.INTENT);
        function.context().getBean(Ledger.class).post(LedgerTransaction.of(merchant.merchantId(), mode, Currency.XOF,
                Kind.PAYMENT, cause, amount, 0, List.of(new Entry(Account.EXTERNAL, -amount),
                        new Entry(Account.AVAILABLE, amount)), Instant.now()));
    }

    /** The merchant's available XOF in {@code mode}. */
    public static long available(LocalFunction function, TestMerchants.Credentials merchant, Mode mode) {
        return function.context().getBean(Ledger.class).balance(merchant.merchantId(), mode, Currency.XOF)
                .accounts().getOrDefault(Account.AVAILABLE, 0L);
    }

    /**
     * An intent of {@code amount} XOF paid in the sandbox (orange in CI with the code in the attempt: successful at
     * once), its payment posted to the merchant's books.
     */
    public static PaymentIntent paid(LocalFunction function, TestMerchants.Credentials merchant, Mode mode, long amount) {
        Caller caller = Caller.server(merchant.merchantId(), mode);
        PaymentIntent intent = function.context().getBean(IntentLifecycle.class).create(caller,
                new IntentLifecycle.NewIntent("order-1", "cust-1", amount, Currency.XOF, null));
        PaymentIntent after = function.context().getBean(PaymentAttempts.class).attempt(caller, intent.id(),
                new PaymentAttempts.NewPayment(PaymentMethod.MOBILE_MONEY, "CI", "orange", "00000001", "1234", null,
                        null), false);
        if (after.status() != IntentStatus.SUCCESSFUL) {
            throw new AssertionError("the sandbox did not pay " + intent.id() + ": " + after.status());
        }
        return after;
    }
}

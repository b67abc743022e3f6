package io.cauri.testing;

import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle;
import io.cauri.payment.PaymentAttempts;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.provider.PaymentMethod;
import io.cauri.token.IntentTokens;

/**
 * Objects made through a function's own services (the code its routes run), for tests that need real ids:
 * intents, their tokens, attempts.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static PaymentIntent intent(LocalFunction function, TestMerchants.Credentials merchant, Mode mode) {
        return function.context().getBean(IntentLifecycle.class).create(Caller.server(merchant.merchantId(), mode),
                new IntentLifecycle.NewIntent("order-1", "cust-1", 1000, Currency.XOF, null));
    }

    public static String token(LocalFunction function, PaymentIntent intent) {
        return function.context().getBean(IntentTokens.class).issue(intent);
    }

    /** A mobile money attempt in CI (the provider decides the flow: orange OTP, mtn USSD, wave redirection). */
    public static PaymentIntent attempt(LocalFunction function, TestMerchants.Credentials merchant, Mode mode,
                                        PaymentIntent intent, String country, String provider, String msisdn) {
        return function.context().getBean(PaymentAttempts.class).attempt(Caller.server(merchant.merchantId(), mode),
                intent.id(), new PaymentAttempts.NewPayment(PaymentMethod.MOBILE_MONEY, country, provider, msisdn, null,
                        null, null), false);
    }
}

package io.cauri.intent;

import io.cauri.merchant.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaymentIntentTest {

    private static final Instant T = Instant.parse("2026-11-21T10:15:30.000Z");

    private static Payment payment(String id, PaymentStatus status) {
        return new Payment(id, "pi_1", T, T, status, 100, Currency.XOF, "mobile_money", "CI", "mtn", "00000001", null,
                null, null, null, null, null, null);
    }

    @Test
    void openStartsWaitingForPaymentWithNothingElse() {
        PaymentIntent intent = PaymentIntent.open("pi_1", "m_1", Mode.LIVE, T, "order", "cust", 100, Currency.GNF, null);

        assertEquals(new PaymentIntent("pi_1", "m_1", Mode.LIVE, T, T, "order", "cust", IntentStatus.PAYMENT_REQUIRED,
                100, Currency.GNF, List.of(), null, null, null, null, null), intent);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void openRefusesANonPositiveAmount(long amount) {
        assertThrows(IllegalArgumentException.class,
                () -> PaymentIntent.open("pi_1", "m_1", Mode.LIVE, T, "o", "c", amount, Currency.XOF, null));
    }

    @Test
    void ownershipNeedsTheMerchantAndTheMode() {
        PaymentIntent intent = PaymentIntent.open("pi_1", "m_1", Mode.SANDBOX, T, "o", "c", 1, Currency.XOF, null);

        assertTrue(intent.isOwnedBy("m_1", Mode.SANDBOX));
        assertFalse(intent.isOwnedBy("m_1", Mode.LIVE));
        assertFalse(intent.isOwnedBy("m_2", Mode.SANDBOX));
    }

    @Test
    void theCurrentPaymentIsTheLastOneIfItIsStillGoing() {
        PaymentIntent base = PaymentIntent.open("pi_1", "m_1", Mode.SANDBOX, T, "o", "c", 1, Currency.XOF, null);

        assertEquals(Optional.empty(), base.currentPayment());
        for (PaymentStatus status : PaymentStatus.values()) {
            Payment last = payment("pay_2", status);
            PaymentIntent intent = base.with(IntentStatus.PROCESSING, T,
                    List.of(payment("pay_1", PaymentStatus.FAILED), last), null, null);
            assertEquals(status.isFinal() ? Optional.empty() : Optional.of(last), intent.currentPayment(), status.name());
            assertEquals(Optional.of(last), intent.payment("pay_2"));
        }
        assertEquals(Optional.empty(), base.payment("pay_1"));
    }

    @Test
    void valuesAreImmutableCopies() {
        List<Payment> payments = new ArrayList<>(List.of(payment("pay_1", PaymentStatus.PROCESSING)));
        PaymentIntent intent = new PaymentIntent("pi_1", "m_1", Mode.LIVE, T, T, "o", "c", IntentStatus.PROCESSING, 1,
                Currency.XOF, payments, null, null, null, 1L, null);
        payments.clear();

        assertEquals(1, intent.payments().size());
        assertThrows(UnsupportedOperationException.class, () -> intent.payments().clear());
        assertEquals(List.of(), new Failure(FailureCode.TIMEOUT, "m", null).params());
        assertEquals(List.of(), new Fee("f", java.math.BigDecimal.ONE, Fee.RateType.FLAT, 1, Currency.XOF, "l", null)
                .taxes());
        assertEquals(Map.of(), new NextAction.Data("u", "GET", null, null).headers());
        // HUB2 documents "get" / "post": an action stored in capitals reads back lowercase
        assertEquals("get", new NextAction.Data("u", "GET", null, null).method());
        assertEquals("post", new NextAction.Data("u", "Post", null, null).method());
    }

    @Test
    void wireNamesAreTheContractsLowercaseNames() {
        assertEquals(List.of("payment_required", "processing", "action_required", "successful", "canceled"),
                java.util.Arrays.stream(IntentStatus.values()).map(IntentStatus::wire).toList());
        assertEquals(List.of("processing", "action_required", "successful", "failed"),
                java.util.Arrays.stream(PaymentStatus.values()).map(PaymentStatus::wire).toList());
        assertEquals("customer_insufficient_funds", FailureCode.CUSTOMER_INSUFFICIENT_FUNDS.wire());
        assertEquals(20, FailureCode.values().length, "docs/CONTRACT.md §2 lists 20 failure codes");
        assertEquals("redirection", NextAction.Type.REDIRECTION.wire());
        assertEquals("percent", Fee.RateType.PERCENT.wire());
    }
}

package io.cauri.sandbox;

import io.cauri.intent.Currency;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Mode;
import io.cauri.provider.PayoutAnswer;
import io.cauri.provider.PayoutOrder;
import io.cauri.provider.RefundOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The sandbox's money out, number by number (docs/CONTRACT.md §4). */
class SandboxPayoutGatewayTest {
    private final SandboxPayoutGateway sandbox = new SandboxPayoutGateway();

    private static PayoutOrder transfer(String msisdn) {
        return new PayoutOrder("tr_1", Mode.SANDBOX, "CI", "orange", msisdn, "Awa", 1_000, Currency.XOF, "d", null);
    }

    private static RefundOrder refund(String payerNumber) {
        Instant t = Instant.parse("2026-12-06T08:00:00Z");
        Payment p = new Payment("pay_1", "pi_1", t, t, PaymentStatus.SUCCESSFUL, 5_000, Currency.XOF,
                payerNumber == null ? "credit_card" : "mobile_money", "CI", payerNumber == null ? null : "orange",
                payerNumber, null, List.of(), null, null, null, null, null);
        return new RefundOrder("re_1", p, 1_000, Currency.XOF, null, null);
    }

    @ParameterizedTest
    @CsvSource({
            "0700000001, succeeded, ",
            "+22500000002, failed, destination_not_allowed",
            "00000003, failed, forbidden_by_provider",
            "0700000005, failed, service_unavailable",
            "0700000015, failed, service_unavailable",
            "0700000006, pending, ",
            "0700000009, failed, invalid_destination",
            "123, failed, invalid_destination"})
    void theLastEightCharactersOfTheDestinationDecide(String msisdn, String outcome, String code) {
        PayoutAnswer first = sandbox.send(transfer(msisdn));
        PayoutAnswer later = sandbox.status(transfer(msisdn));
        for (PayoutAnswer a : List.of(first, later)) {
            switch (outcome) {
                case "succeeded" -> assertInstanceOf(PayoutAnswer.Succeeded.class, a);
                case "pending" -> assertInstanceOf(PayoutAnswer.Pending.class, a);
                default -> assertEquals(code, assertInstanceOf(PayoutAnswer.Failed.class, a).code());
            }
        }
    }

    @Test
    void aLostAnswerIsUnknownThenPaidWhenAskedAgain() {
        for (String number : List.of("0700000004", "0700000014")) {
            assertThrows(SandboxPayoutGateway.AnswerLostException.class, () -> sandbox.send(transfer(number)));
            assertEquals(new PayoutAnswer.Succeeded("sbx_tr_1"), sandbox.status(transfer(number)));
        }
    }

    @Test
    void refundsFollowTheRefundedPaymentsNumber() {
        assertEquals(new PayoutAnswer.Succeeded("sbx_re_1"), sandbox.refund(refund("0700000001")));
        assertEquals(new PayoutAnswer.Succeeded("sbx_re_1"), sandbox.refund(refund(null)), "a card refunds");
        assertThrows(SandboxPayoutGateway.AnswerLostException.class, () -> sandbox.refund(refund("0700000014")));
        assertEquals(new PayoutAnswer.Succeeded("sbx_re_1"), sandbox.status(refund("0700000014")));
        assertEquals("service_unavailable",
                assertInstanceOf(PayoutAnswer.Failed.class, sandbox.refund(refund("0700000015"))).code());
    }

    @Test
    void theRefundNumbersPayLikeTheSucceedingOne() {
        assertEquals(Optional.of(SandboxOutcome.SUCCEEDS), SandboxOutcome.of("0700000014"));
        assertEquals(Optional.of(SandboxOutcome.SUCCEEDS), SandboxOutcome.of("+22500000015"));
    }
}

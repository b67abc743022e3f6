package io.cauri.testing;

import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.ledger.Account;
import io.cauri.ledger.Entry;
import io.cauri.ledger.Kind;
import io.cauri.ledger.LedgerTransaction;
import io.cauri.merchant.Mode;
import io.cauri.refund.Refund;
import io.cauri.refund.RefundStatus;
import io.cauri.store.LedgerWrites;
import io.cauri.store.MoneyOutItems;
import io.cauri.store.TableNames;
import io.cauri.transfer.Destination;
import io.cauri.transfer.Transfer;
import io.cauri.transfer.TransferStatus;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Refunds and transfers written to DynamoDB Local's ledger table as the money-out operations write them: each change
 * of the item ({@link MoneyOutItems}) in one transaction with its postings ({@link LedgerWrites}: the journal item
 * and the balance item) — creation with the reservation, a final status with the settlement or the return — and
 * under a condition on the item's version. What the ledger table's stream then carries is what it carries in
 * production: the item's change beside journal and balance changes.
 */
public final class MoneyOutBooks {
    private MoneyOutBooks() {
    }

    private static String table() {
        return TableNames.defaults().ledger();
    }

    /** Credits {@code amount} to the merchant's available balance, as a payment's success does (journal + balance). */
    public static void fund(String merchantId, Mode mode, long amount, Instant at) {
        LedgerTransaction payment = LedgerTransaction.of(merchantId, mode, Currency.XOF, Kind.PAYMENT,
                Ids.next(Ids.PAYMENT), amount, 0, List.of(new Entry(Account.EXTERNAL, -amount),
                        new Entry(Account.AVAILABLE, amount)), at);
        write(null, List.of(payment));
    }

    public static Transfer createTransfer(String merchantId, Mode mode, long amount, Instant at) {
        return createTransfer(Ids.next(Ids.TRANSFER), merchantId, mode, amount, at);
    }

    /** A pending transfer of the given id (a sample's fixed one), its amount reserved. */
    public static Transfer createTransfer(String id, String merchantId, Mode mode, long amount, Instant at) {
        Transfer t = new Transfer(id, merchantId, mode, "payout-" + UUID.randomUUID().toString().substring(0, 8),
                amount, Currency.XOF, "weekly payout",
                new Destination(Destination.MOBILE_MONEY, "CI", "Awa Kone", "+2250700000001", "orange"),
                TransferStatus.PENDING, null, null, null, null, at, at, 1L);
        write(put(MoneyOutItems.item(t), null), List.of(move(t.merchantId(), mode, Kind.TRANSFER, t.id(), amount,
                Account.AVAILABLE, Account.RESERVED, at)));
        return t;
    }

    /** A write that changes no status (the provider's reference noted): no posting. */
    public static Transfer noteReference(Transfer t, String providerReference, Instant at) {
        Transfer next = new Transfer(t.id(), t.merchantId(), t.mode(), t.reference(), t.amount(), t.currency(),
                t.description(), t.destination(), t.status(), t.failureCode(), t.failureMessage(), t.gatewayId(),
                providerReference, t.createdAt(), at, t.version() + 1);
        write(put(MoneyOutItems.item(next), t.version()), List.of());
        return next;
    }

    public static Transfer settle(Transfer t, TransferStatus status, Instant at) {
        boolean failed = status == TransferStatus.FAILED;
        Transfer next = new Transfer(t.id(), t.merchantId(), t.mode(), t.reference(), t.amount(), t.currency(),
                t.description(), t.destination(), status, failed ? "recipient_unreachable" : null,
                failed ? "The recipient's wallet did not answer." : null, t.gatewayId(), t.providerReference(),
                t.createdAt(), at, t.version() + 1);
        LedgerTransaction posting = failed
                ? move(t.merchantId(), t.mode(), Kind.TRANSFER_FAILURE, t.id(), t.amount(), Account.RESERVED, Account.AVAILABLE, at)
                : move(t.merchantId(), t.mode(), Kind.TRANSFER_SETTLEMENT, t.id(), t.amount(), Account.RESERVED, Account.EXTERNAL, at);
        write(put(MoneyOutItems.item(next), t.version()), List.of(posting));
        return next;
    }

    public static Refund createRefund(String merchantId, Mode mode, long amount, Instant at) {
        return createRefund(Ids.next(Ids.REFUND), merchantId, mode, Ids.next(Ids.INTENT), Ids.next(Ids.PAYMENT), amount, at);
    }

    /** A pending refund of the given id of the given payment (a sample's fixed ones), its amount reserved. */
    public static Refund createRefund(String id, String merchantId, Mode mode, String intentId, String paymentId,
                                      long amount, Instant at) {
        Refund r = new Refund(id, merchantId, mode, intentId, paymentId, amount,
                Currency.XOF, "requested_by_customer", RefundStatus.PENDING, null, null, null, null,
                Map.of("order", "order-42"), at, at, 1L);
        write(put(MoneyOutItems.item(r), null), List.of(move(merchantId, mode, Kind.REFUND, r.id(), amount,
                Account.AVAILABLE, Account.RESERVED, at)));
        return r;
    }

    public static Refund settle(Refund r, RefundStatus status, Instant at) {
        boolean failed = status == RefundStatus.FAILED;
        Refund next = new Refund(r.id(), r.merchantId(), r.mode(), r.intentId(), r.paymentId(), r.amount(), r.currency(),
                r.reason(), status, failed ? "provider_refused" : null, failed ? "The provider refused the refund." : null,
                r.gatewayId(), r.providerReference(), r.metadata(), r.createdAt(), at, r.version() + 1);
        LedgerTransaction posting = failed
                ? move(r.merchantId(), r.mode(), Kind.REFUND_FAILURE, r.id(), r.amount(), Account.RESERVED, Account.AVAILABLE, at)
                : move(r.merchantId(), r.mode(), Kind.REFUND_SETTLEMENT, r.id(), r.amount(), Account.RESERVED, Account.EXTERNAL, at);
        write(put(MoneyOutItems.item(next), r.version()), List.of(posting));
        return next;
    }

    private static LedgerTransaction move(String merchantId, Mode mode, Kind kind, String sourceId, long amount,
                                          Account from, Account to, Instant at) {
        return LedgerTransaction.of(merchantId, mode, Currency.XOF, kind, sourceId, amount, 0,
                List.of(new Entry(from, -amount), new Entry(to, amount)), at);
    }

    /** The item's put: new (no such item yet) or replacing the version read. */
    private static TransactWriteItem put(Map<String, AttributeValue> item, Long expectedVersion) {
        Put.Builder put = Put.builder().tableName(table()).item(item);
        if (expectedVersion == null) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            put.conditionExpression("version = :v").expressionAttributeValues(Map.of(":v",
                    AttributeValue.fromN(Long.toString(expectedVersion))));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private static void write(TransactWriteItem item, List<LedgerTransaction> postings) {
        List<TransactWriteItem> items = new ArrayList<>();
        if (item != null) {
            items.add(item);
        }
        items.addAll(LedgerWrites.of(table(), postings).items());
        DynamoDbLocal.shared().client().transactWriteItems(r -> r.transactItems(items)
                .clientRequestToken(UUID.randomUUID().toString()));
    }
}

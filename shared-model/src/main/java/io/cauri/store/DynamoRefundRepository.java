package io.cauri.store;

import io.cauri.id.Ids;
import io.cauri.ledger.ConcurrentPostingException;
import io.cauri.ledger.LedgerTransaction;
import io.cauri.merchant.Mode;
import io.cauri.refund.Refund;
import io.cauri.refund.RefundRefusedException;
import io.cauri.refund.RefundRepository;
import io.cauri.refund.RefundStatus;
import io.cauri.time.Timestamps;
import jakarta.inject.Singleton;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link RefundRepository} on the ledger table: the refund's item ({@link MoneyOutItems}), its posting
 * ({@link LedgerWrites}) and its payment's item ({@code sk} = {@code payment#<paymentId>}: {@code refunded}, the sum of
 * its succeeded refunds, and {@code refunding}, the id of the refund in flight) in one {@code TransactWriteItems}. The
 * payment item's conditions make one refund in flight per payment and never more than was paid, whatever races.
 */
@Singleton
public class DynamoRefundRepository implements RefundRepository {
    static final String PAYMENT = "payment#";
    static final String REFUNDED = "refunded";
    static final String REFUNDING = "refunding";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRefundRepository(DynamoDbClient dynamo, TableNames names) {
        this.dynamo = dynamo;
        this.table = names.ledger();
    }

    @Override
    public Refund create(Refund refund, LedgerTransaction reservation, long paid) {
        Refund first = versioned(refund, 1);
        LedgerWrites ledger = LedgerWrites.of(table, List.of(reservation));
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(MoneyOutItems.item(first))
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", LedgerTableSchema.PK))).build());
        items.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(paymentKey(refund.merchantId(), refund.mode(), refund.paymentId()))
                .updateExpression("SET #refunding = :id, #paid = :paid, #intent = :intent")
                .conditionExpression("attribute_not_exists(#refunding) AND "
                        + "(attribute_not_exists(#refunded) OR #refunded <= :most)")
                .expressionAttributeNames(Map.of("#refunding", REFUNDING, "#refunded", REFUNDED, "#paid", "paid",
                        "#intent", "intentId"))
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(refund.id()),
                        ":paid", n(paid), ":most", n(paid - refund.amount()),
                        ":intent", AttributeValue.fromS(refund.intentId() == null ? "" : refund.intentId()))))
                .build());
        items.addAll(ledger.items());
        String token = Ids.next("");
        try {
            dynamo.transactWriteItems(t -> t.transactItems(items).clientRequestToken(token));
            return first;
        } catch (TransactionCanceledException e) {
            if (DynamoTransferRepository.conditionFailed(e.cancellationReasons(), 0)) {
                // the refund's id is new, so its item exists only if this very creation landed before (a try whose
                // answer was lost, resent under a token DynamoDB no longer knows): what is stored is the answer
                return find(refund.merchantId(), refund.mode(), refund.id()).orElseThrow(() -> e);
            }
            throw refusedCreate(e, ledger, refund, reservation, paid);
        } catch (SdkException lost) {
            // the answer is lost, not necessarily the write: what is stored says which
            Optional<Refund> stored = find(refund.merchantId(), refund.mode(), refund.id());
            if (stored.isPresent()) {
                return stored.get();
            }
            // not there yet, or never: the same transaction under the same token settles which (run at most once)
            try {
                dynamo.transactWriteItems(t -> t.transactItems(items).clientRequestToken(token));
                return first;
            } catch (TransactionCanceledException e) {
                if (DynamoTransferRepository.conditionFailed(e.cancellationReasons(), 0)) {
                    return find(refund.merchantId(), refund.mode(), refund.id()).orElseThrow(() -> lost);
                }
                throw refusedCreate(e, ledger, refund, reservation, paid);
            } catch (SdkException again) {
                throw lost;
            }
        }
    }

    private RuntimeException refusedCreate(TransactionCanceledException e, LedgerWrites ledger, Refund refund,
                                           LedgerTransaction reservation, long paid) {
        List<CancellationReason> reasons = e.cancellationReasons();
        if (DynamoTransferRepository.conditionFailed(reasons, 1)) {
            PaymentRefunds now = ofPayment(refund.merchantId(), refund.mode(), refund.paymentId());
            if (now.refunding() != null) {
                return RefundRefusedException.inProgress();
            }
            return RefundRefusedException.exceedsRemaining(Math.max(0, paid - now.refunded()), refund.currency());
        }
        LedgerWrites.Refused refused = ledger.refused(reasons, 2);
        if (refused instanceof LedgerWrites.Refused.Insufficient insufficient) {
            return insufficient.exception("amount");
        }
        if (DynamoTransferRepository.conflict(reasons)) {
            return new ConcurrentPostingException(reservation.id());
        }
        return e;
    }

    @Override
    public Change update(Refund changed, LedgerTransaction posting) {
        long version = changed.version();
        Refund next = versioned(changed, version + 1);
        LedgerWrites ledger = LedgerWrites.of(table, posting == null ? List.of() : List.of(posting));
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(MoneyOutItems.item(next))
                .conditionExpression("#v = :v")
                .expressionAttributeNames(Map.of("#v", MoneyOutItems.VERSION))
                .expressionAttributeValues(Map.of(":v", n(version)))).build());
        if (changed.status().isFinal()) {
            boolean succeeded = changed.status() == RefundStatus.SUCCEEDED;
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":id", AttributeValue.fromS(changed.id()));
            if (succeeded) {
                values.put(":amount", n(changed.amount()));
            }
            items.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                    .key(paymentKey(changed.merchantId(), changed.mode(), changed.paymentId()))
                    .updateExpression((succeeded ? "ADD #refunded :amount " : "") + "REMOVE #refunding")
                    .conditionExpression("#refunding = :id")
                    .expressionAttributeNames(succeeded ? Map.of("#refunding", REFUNDING, "#refunded", REFUNDED)
                            : Map.of("#refunding", REFUNDING))
                    .expressionAttributeValues(values)).build());
        }
        int ledgerAt = items.size();
        items.addAll(ledger.items());
        try {
            dynamo.transactWriteItems(t -> t.transactItems(items).clientRequestToken(Ids.next("")));
            return Change.STORED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            LedgerWrites.Refused refused = ledger.refused(reasons, ledgerAt);
            if (DynamoTransferRepository.conditionFailed(reasons, 0)
                    || (ledgerAt == 2 && DynamoTransferRepository.conditionFailed(reasons, 1))
                    || refused instanceof LedgerWrites.Refused.AlreadyPosted) {
                return Change.STALE;
            }
            if (refused instanceof LedgerWrites.Refused.Insufficient) {
                throw new IllegalStateException("reserved funds of refund " + changed.id() + " are missing");
            }
            if (DynamoTransferRepository.conflict(reasons)) {
                throw new ConcurrentPostingException(changed.id());
            }
            throw e;
        } catch (SdkException lost) {
            Optional<Refund> stored = find(changed.merchantId(), changed.mode(), changed.id());
            if (stored.isPresent() && stored.get().version() == version + 1
                    && stored.get().status() == changed.status()
                    && stored.get().updatedAt().equals(changed.updatedAt())) {
                return Change.STORED;
            }
            if (stored.isPresent() && stored.get().version() != version) {
                return Change.STALE;
            }
            throw lost;
        }
    }

    @Override
    public Optional<Refund> find(String merchantId, Mode mode, String id) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MoneyOutItems.key(merchantId, mode, MoneyOutItems.REFUND, id))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(MoneyOutItems.refund(item));
    }

    @Override
    public PaymentRefunds ofPayment(String merchantId, Mode mode, String paymentId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(paymentKey(merchantId, mode, paymentId))).item();
        if (item == null || item.isEmpty()) {
            return new PaymentRefunds(0, null);
        }
        AttributeValue refunded = item.get(REFUNDED);
        AttributeValue refunding = item.get(REFUNDING);
        return new PaymentRefunds(refunded == null ? 0 : Long.parseLong(refunded.n()),
                refunding == null ? null : refunding.s());
    }

    @Override
    public List<io.cauri.provider.PayoutCheck> pending(java.time.Instant createdFrom, java.time.Instant createdBefore,
                                                       int limit) {
        return MoneyOutQueries.pending(dynamo, table, MoneyOutItems.REFUND, io.cauri.provider.PayoutCheck.Subject.REFUND,
                createdFrom, createdBefore, limit);
    }

    @Override
    public Page list(Query query) {
        Map<String, String> filters = new HashMap<>();
        filters.put("intentId", query.intentId());
        filters.put("status", query.status() == null ? null : query.status().wire());
        MoneyOutQueries.Counted<Refund> page = MoneyOutQueries.list(dynamo, table, query.merchantId(), query.mode(),
                MoneyOutItems.REFUND, query.from(), query.to(), filters, query.page(), query.perPage(),
                MoneyOutItems::refund);
        return new Page(page.items(), page.total());
    }

    @Override
    public CursorPage page(String merchantId, Mode mode, int limit, Refund after, Refund before, String intentId) {
        Map<String, String> filters = new HashMap<>();
        filters.put("intentId", intentId);
        MoneyOutQueries.Slice<Refund> page = MoneyOutQueries.page(dynamo, table, merchantId, mode,
                MoneyOutItems.REFUND, limit, after == null ? null : kindAt(after),
                before == null ? null : kindAt(before), filters, MoneyOutItems::refund);
        return new CursorPage(page.items(), page.hasMore());
    }

    private static String kindAt(Refund r) {
        return MoneyOutItems.REFUND + Timestamps.format(r.createdAt()) + "#" + r.id();
    }

    private static Map<String, AttributeValue> paymentKey(String merchantId, Mode mode, String paymentId) {
        return Map.of(LedgerTableSchema.PK, AttributeValue.fromS(LedgerTableSchema.books(merchantId, mode)),
                LedgerTableSchema.SK, AttributeValue.fromS(PAYMENT + paymentId));
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static Refund versioned(Refund r, long version) {
        return new Refund(r.id(), r.merchantId(), r.mode(), r.intentId(), r.paymentId(), r.amount(), r.currency(),
                r.reason(), r.status(), r.failureCode(), r.failureMessage(), r.gatewayId(), r.providerReference(),
                r.metadata(), r.createdAt(), r.updatedAt(), version);
    }
}

package io.cauri.store;

import io.cauri.id.Ids;
import io.cauri.ledger.ConcurrentPostingException;
import io.cauri.ledger.LedgerTransaction;
import io.cauri.merchant.Mode;
import io.cauri.time.Timestamps;
import io.cauri.transfer.Transfer;
import io.cauri.transfer.TransferRepository;
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
 * {@link TransferRepository} on the ledger table ({@link MoneyOutItems}): a transfer's item and its posting
 * ({@link LedgerWrites}) in one {@code TransactWriteItems}, so the reservation, the settlement or the return is
 * stored with the change that causes it or not at all. Each transaction carries a client token: the SDK's retry of
 * one that landed (its answer lost) is a no-op; an answer lost for good is resolved by reading the item back.
 */
@Singleton
public class DynamoTransferRepository implements TransferRepository {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoTransferRepository(DynamoDbClient dynamo, TableNames names) {
        this.dynamo = dynamo;
        this.table = names.ledger();
    }

    @Override
    public Transfer create(Transfer transfer, LedgerTransaction reservation) {
        Transfer first = versioned(transfer, 1);
        LedgerWrites ledger = LedgerWrites.of(table, List.of(reservation));
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(MoneyOutItems.item(first))
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", LedgerTableSchema.PK))).build());
        items.addAll(ledger.items());
        String token = Ids.next("");
        try {
            dynamo.transactWriteItems(t -> t.transactItems(items).clientRequestToken(token));
            return first;
        } catch (TransactionCanceledException e) {
            if (conditionFailed(e.cancellationReasons(), 0)) {
                // the transfer's id is new, so its item exists only if this very creation landed before (a try whose
                // answer was lost, resent under a token DynamoDB no longer knows): what is stored is the answer
                return find(transfer.merchantId(), transfer.mode(), transfer.id()).orElseThrow(() -> e);
            }
            throw refusedCreate(e, ledger, reservation);
        } catch (SdkException lost) {
            // the answer is lost, not necessarily the write: what is stored says which
            Optional<Transfer> stored = find(transfer.merchantId(), transfer.mode(), transfer.id());
            if (stored.isPresent()) {
                return stored.get();
            }
            // Not there yet, or never: the same transaction again under the same token settles which (DynamoDB
            // runs it at most once per token). Answering "unknown" instead would let the merchant retry with a new
            // transfer while this one may still land, and its check then send it: two payouts.
            try {
                dynamo.transactWriteItems(t -> t.transactItems(items).clientRequestToken(token));
                return first;
            } catch (TransactionCanceledException e) {
                if (conditionFailed(e.cancellationReasons(), 0)) {
                    return find(transfer.merchantId(), transfer.mode(), transfer.id()).orElseThrow(() -> lost);
                }
                throw refusedCreate(e, ledger, reservation);
            } catch (SdkException again) {
                throw lost;
            }
        }
    }

    private static RuntimeException refusedCreate(TransactionCanceledException e, LedgerWrites ledger,
                                                  LedgerTransaction reservation) {
        LedgerWrites.Refused refused = ledger.refused(e.cancellationReasons(), 1);
        if (refused instanceof LedgerWrites.Refused.Insufficient insufficient) {
            return insufficient.exception("amount");
        }
        if (conflict(e.cancellationReasons())) {
            return new ConcurrentPostingException(reservation.id());
        }
        return e;
    }

    @Override
    public Change update(Transfer changed, LedgerTransaction posting) {
        long version = changed.version();
        Transfer next = versioned(changed, version + 1);
        LedgerWrites ledger = LedgerWrites.of(table, posting == null ? List.of() : List.of(posting));
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(MoneyOutItems.item(next))
                .conditionExpression("#v = :v")
                .expressionAttributeNames(Map.of("#v", MoneyOutItems.VERSION))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(version))))).build());
        items.addAll(ledger.items());
        try {
            dynamo.transactWriteItems(t -> t.transactItems(items).clientRequestToken(Ids.next("")));
            return Change.STORED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (conditionFailed(reasons, 0) || ledger.refused(reasons, 1) instanceof LedgerWrites.Refused.AlreadyPosted) {
                return Change.STALE;
            }
            if (ledger.refused(reasons, 1) instanceof LedgerWrites.Refused.Insufficient) {
                // a settlement or a return takes from reserved, which the creation filled: the books disagree
                throw new IllegalStateException("reserved funds of transfer " + changed.id() + " are missing");
            }
            if (conflict(reasons)) {
                throw new ConcurrentPostingException(changed.id());
            }
            throw e;
        } catch (SdkException lost) {
            Optional<Transfer> stored = find(changed.merchantId(), changed.mode(), changed.id());
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
    public Optional<Transfer> find(String merchantId, Mode mode, String id) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).consistentRead(true)
                .key(MoneyOutItems.key(merchantId, mode, MoneyOutItems.TRANSFER, id))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(MoneyOutItems.transfer(item));
    }

    @Override
    public List<io.cauri.provider.PayoutCheck> pending(java.time.Instant createdFrom, java.time.Instant createdBefore,
                                                       int limit) {
        return MoneyOutQueries.pending(dynamo, table, MoneyOutItems.TRANSFER, io.cauri.provider.PayoutCheck.Subject.TRANSFER,
                createdFrom, createdBefore, limit);
    }

    @Override
    public Page list(Query query) {
        Map<String, String> filters = new HashMap<>();
        filters.put("reference", query.reference());
        filters.put("status", query.status() == null ? null : query.status().wire());
        MoneyOutQueries.Counted<Transfer> page = MoneyOutQueries.list(dynamo, table, query.merchantId(), query.mode(),
                MoneyOutItems.TRANSFER, query.from(), query.to(), filters, query.page(), query.perPage(),
                MoneyOutItems::transfer);
        return new Page(page.items(), page.total());
    }

    @Override
    public CursorPage page(String merchantId, Mode mode, int limit, Transfer after, Transfer before) {
        MoneyOutQueries.Slice<Transfer> page = MoneyOutQueries.page(dynamo, table, merchantId, mode,
                MoneyOutItems.TRANSFER, limit, after == null ? null : kindAt(after),
                before == null ? null : kindAt(before), Map.of(), MoneyOutItems::transfer);
        return new CursorPage(page.items(), page.hasMore());
    }

    static String kindAt(Transfer t) {
        return MoneyOutItems.TRANSFER + Timestamps.format(t.createdAt()) + "#" + t.id();
    }

    static boolean conditionFailed(List<CancellationReason> reasons, int at) {
        return at < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(at).code());
    }

    static boolean conflict(List<CancellationReason> reasons) {
        return reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
    }

    private static Transfer versioned(Transfer t, long version) {
        return new Transfer(t.id(), t.merchantId(), t.mode(), t.reference(), t.amount(), t.currency(),
                t.description(), t.destination(), t.status(), t.failureCode(), t.failureMessage(), t.gatewayId(),
                t.providerReference(), t.createdAt(), t.updatedAt(), version);
    }
}

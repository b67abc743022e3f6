package io.cauri.store;

import io.cauri.intent.Currency;
import io.cauri.ledger.Account;
import io.cauri.ledger.InsufficientFundsException;
import io.cauri.ledger.LedgerTransaction;
import io.cauri.merchant.Mode;
import io.cauri.time.Timestamps;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The storage writes of ledger postings, to be put in the same DynamoDB transaction as the state change that
 * causes them (an intent's payment succeeding, a refund or transfer created or settled). Per posting: its journal
 * item, written only if absent (the posting's id comes from its cause, so a cause applied twice is refused by
 * storage itself); per book touched: one update of its balance item adding each account's movement, on condition
 * that no merchant account it takes from falls below zero. The condition is DynamoDB's, evaluated in the
 * transaction: two movements racing for the same francs cannot both pass.
 */
public final class LedgerWrites {
    private final String table;
    private final List<LedgerTransaction> postings;
    private final List<TransactWriteItem> items = new ArrayList<>();
    /** Which item is what: a journal put of posting i, or the balance update of a currency. */
    private final List<Object> roles = new ArrayList<>();

    private LedgerWrites(String table, List<LedgerTransaction> postings) {
        this.table = table;
        this.postings = List.copyOf(postings);
        Map<Currency, Map<Account, Long>> perBook = new LinkedHashMap<>();
        String merchantId = null;
        Mode mode = null;
        for (LedgerTransaction t : this.postings) {
            if (merchantId != null && (!merchantId.equals(t.merchantId()) || mode != t.mode())) {
                throw new IllegalArgumentException("postings of one write belong to one merchant's books");
            }
            merchantId = t.merchantId();
            mode = t.mode();
            items.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                    .item(LedgerTableSchema.journalItem(t))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", LedgerTableSchema.PK))).build());
            roles.add(t);
            Map<Account, Long> book = perBook.computeIfAbsent(t.currency(), c -> new EnumMap<>(Account.class));
            t.effects().forEach((a, v) -> book.merge(a, v, Math::addExact));
        }
        for (Map.Entry<Currency, Map<Account, Long>> book : perBook.entrySet()) {
            LedgerTransaction last = null;
            int count = 0;
            for (LedgerTransaction t : this.postings) {
                if (t.currency() == book.getKey()) {
                    last = t;
                    count++;
                }
            }
            items.add(balanceUpdate(merchantId, mode, book.getKey(), book.getValue(), count, last));
            roles.add(book.getKey());
        }
    }

    /** The writes of {@code postings} into the ledger table {@code table} (none when there is nothing to post). */
    public static LedgerWrites of(String table, List<LedgerTransaction> postings) {
        return new LedgerWrites(table, postings);
    }

    public List<TransactWriteItem> items() {
        return items;
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    private TransactWriteItem balanceUpdate(String merchantId, Mode mode, Currency currency, Map<Account, Long> moves,
                                            int count, LedgerTransaction last) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> adds = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        for (Map.Entry<Account, Long> move : moves.entrySet()) {
            Account a = move.getKey();
            long v = move.getValue();
            if (v == 0) {
                continue;
            }
            names.put("#" + a.wire(), a.wire());
            values.put(":" + a.wire(), LedgerTableSchema.n(v));
            adds.add("#" + a.wire() + " :" + a.wire());
            if (a.merchants() && v < 0) {
                // a missing attribute fails the comparison: nothing posted yet, nothing to take
                values.put(":need_" + a.wire(), LedgerTableSchema.n(-v));
                conditions.add("#" + a.wire() + " >= :need_" + a.wire());
            }
        }
        names.put("#n", LedgerTableSchema.TRANSACTIONS);
        values.put(":n", LedgerTableSchema.n(count));
        adds.add("#n :n");
        names.put("#cur", "currency");
        values.put(":cur", LedgerTableSchema.s(currency.name()));
        names.put("#u", LedgerTableSchema.UPDATED_AT);
        values.put(":u", LedgerTableSchema.s(Timestamps.format(last.createdAt())));
        Map<String, AttributeValue> key = Map.of(
                LedgerTableSchema.PK, LedgerTableSchema.s(LedgerTableSchema.books(merchantId, mode)),
                LedgerTableSchema.SK, LedgerTableSchema.s(LedgerTableSchema.balanceKey(currency)));
        return TransactWriteItem.builder().update(u -> {
            u.tableName(table).key(key)
                    .updateExpression("ADD " + String.join(", ", adds) + " SET #cur = :cur, #u = :u")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values);
            if (!conditions.isEmpty()) {
                u.conditionExpression(String.join(" AND ", conditions));
            }
        }).build();
    }

    /** What stopped a transaction holding these writes at {@code offset} (the index of their first item). */
    public Refused refused(List<CancellationReason> reasons, int offset) {
        for (int i = 0; i < items.size(); i++) {
            int at = offset + i;
            if (at >= reasons.size() || !"ConditionalCheckFailed".equals(reasons.get(at).code())) {
                continue;
            }
            Object role = roles.get(i);
            return role instanceof LedgerTransaction t ? new Refused.AlreadyPosted(t) : new Refused.Insufficient((Currency) role);
        }
        return null;
    }

    /** Why the ledger's part of a transaction failed its condition. */
    public sealed interface Refused {
        /** The posting exists: its cause was applied before. */
        record AlreadyPosted(LedgerTransaction transaction) implements Refused {
        }

        /** A merchant account would go below zero. */
        record Insufficient(Currency currency) implements Refused {
            public InsufficientFundsException exception(String param) {
                return new InsufficientFundsException(currency, param);
            }
        }
    }

    String table() {
        return table;
    }
}

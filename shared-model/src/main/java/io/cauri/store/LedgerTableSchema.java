package io.cauri.store;

import io.cauri.intent.Currency;
import io.cauri.ledger.Account;
import io.cauri.ledger.Entry;
import io.cauri.ledger.Kind;
import io.cauri.ledger.LedgerTransaction;
import io.cauri.merchant.Mode;
import io.cauri.time.Timestamps;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger table ({@code cauri-ledger}): one partition per merchant and mode ({@code pk} = merchant id + "#" +
 * mode), holding the books' balance items ({@code sk} = {@code balance#XOF}: one attribute per account, the sum of
 * its entries) and the journal ({@code sk} = {@code txn#<id>}: one item per ledger transaction with its entries).
 * Journal items carry {@code at} (created-at + id) for the local index {@link #BY_TIME} the statements read.
 */
public final class LedgerTableSchema {
    public static final String PK = "pk";
    public static final String SK = "sk";
    /** Local secondary index of the journal in time order (balance items have no {@code at}: not in it). */
    public static final String BY_TIME = "byTime";
    public static final String AT = "at";
    static final String BALANCE = "balance#";
    static final String TXN = "txn#";
    static final String TRANSACTIONS = "transactions";
    static final String UPDATED_AT = "updatedAt";

    private LedgerTableSchema() {
    }

    public static String books(String merchantId, Mode mode) {
        return merchantId + "#" + mode.wire();
    }

    static String balanceKey(Currency currency) {
        return BALANCE + currency.name();
    }

    static String transactionKey(String transactionId) {
        return TXN + transactionId;
    }

    /** Sorts the journal by creation time, ties by id. */
    static String at(LedgerTransaction t) {
        return Timestamps.format(t.createdAt()) + "#" + t.id();
    }

    static Map<String, AttributeValue> journalItem(LedgerTransaction t) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(books(t.merchantId(), t.mode())));
        item.put(SK, s(transactionKey(t.id())));
        item.put(AT, s(at(t)));
        item.put("id", s(t.id()));
        item.put("merchantId", s(t.merchantId()));
        item.put("mode", s(t.mode().wire()));
        item.put("currency", s(t.currency().name()));
        item.put("kind", s(t.kind().wire()));
        item.put("sourceId", s(t.sourceId()));
        item.put("amount", n(t.amount()));
        item.put("fee", n(t.fee()));
        item.put("net", n(t.net()));
        item.put("createdAt", s(Timestamps.format(t.createdAt())));
        if (t.availableOn() != null) {
            item.put("availableOn", s(Timestamps.format(t.availableOn())));
        }
        List<AttributeValue> entries = new ArrayList<>(t.entries().size());
        for (Entry e : t.entries()) {
            entries.add(AttributeValue.fromM(Map.of("account", s(e.account().wire()), "amount", n(e.amount()))));
        }
        item.put("entries", AttributeValue.fromL(entries));
        return item;
    }

    static LedgerTransaction transaction(Map<String, AttributeValue> item) {
        List<Entry> entries = new ArrayList<>();
        for (AttributeValue e : item.get("entries").l()) {
            entries.add(new Entry(account(e.m().get("account").s()), Long.parseLong(e.m().get("amount").n())));
        }
        AttributeValue availableOn = item.get("availableOn");
        return new LedgerTransaction(item.get("id").s(), item.get("merchantId").s(),
                Mode.fromWire(item.get("mode").s()).orElseThrow(), Currency.valueOf(item.get("currency").s()),
                Kind.fromWire(item.get("kind").s()).orElseThrow(), item.get("sourceId").s(),
                Long.parseLong(item.get("amount").n()), Long.parseLong(item.get("fee").n()),
                Long.parseLong(item.get("net").n()), entries, Timestamps.parse(item.get("createdAt").s()),
                availableOn == null ? null : Timestamps.parse(availableOn.s()));
    }

    /** A balance item's accounts (absent attributes: nothing posted to them yet). */
    static Map<Account, Long> accounts(Map<String, AttributeValue> item) {
        Map<Account, Long> accounts = new EnumMap<>(Account.class);
        for (Account a : Account.values()) {
            AttributeValue v = item.get(a.wire());
            accounts.put(a, v == null ? 0L : Long.parseLong(v.n()));
        }
        return accounts;
    }

    private static Account account(String wire) {
        for (Account a : Account.values()) {
            if (a.wire().equals(wire)) {
                return a;
            }
        }
        throw new IllegalStateException("unknown account in the ledger: " + wire);
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}

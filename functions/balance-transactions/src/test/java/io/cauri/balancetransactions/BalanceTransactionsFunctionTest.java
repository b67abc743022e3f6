package io.cauri.balancetransactions;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.ledger.Account;
import io.cauri.ledger.Entry;
import io.cauri.ledger.Kind;
import io.cauri.ledger.Ledger;
import io.cauri.ledger.LedgerTransaction;
import io.cauri.merchant.Mode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.TestMerchants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The statements through the real handler, over 13 transactions in DynamoDB Local one minute apart: 12 payments
 * of 1 000 XOF (fee 20) then a 5 000 XOF transfer reservation. Cursor pages in both directions, one transaction,
 * another merchant's and the other mode's transaction (404), the CSV export of a period with its running balance.
 */
class BalanceTransactionsFunctionTest {
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(3600);
    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static final List<LedgerTransaction> NEWEST_FIRST = new ArrayList<>();

    @BeforeAll
    static void start() {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
        Ledger ledger = function.context().getBean(Ledger.class);
        List<LedgerTransaction> posted = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            posted.add(LedgerTransaction.of(merchant.merchantId(), Mode.SANDBOX, Currency.XOF, Kind.PAYMENT,
                    Ids.next(Ids.PAYMENT), 1_020, 20, List.of(new Entry(Account.EXTERNAL, -1_020),
                            new Entry(Account.AVAILABLE, 1_000), new Entry(Account.FEES, 20)), T0.plusSeconds(60L * i)));
        }
        posted.add(LedgerTransaction.of(merchant.merchantId(), Mode.SANDBOX, Currency.XOF, Kind.TRANSFER,
                Ids.next(Ids.TRANSFER), 5_000, 0,
                List.of(new Entry(Account.AVAILABLE, -5_000), new Entry(Account.RESERVED, 5_000)), T0.plusSeconds(720)));
        posted.forEach(ledger::post);
        NEWEST_FIRST.addAll(posted);
        Collections.reverse(NEWEST_FIRST);
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static Response get(String path, String key, String... query) {
        ApiGatewayEvents request = ApiGatewayEvents.get(path).header("Authorization", "Bearer " + key);
        for (int i = 0; i < query.length; i += 2) {
            request.query(query[i], query[i + 1]);
        }
        return function.handle(request);
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    static List<String> expected(int from, int to) {
        return NEWEST_FIRST.subList(from, to).stream().map(LedgerTransaction::id).toList();
    }

    @Test
    void pagesRunNewestFirstByCursorInBothDirections() {
        JsonNode first = get("/api/v1/balance_transactions", merchant.sandboxKey(), "limit", "5").json();
        assertEquals("list", first.get("object").asText());
        assertEquals("/api/v1/balance_transactions", first.get("url").asText());
        assertEquals(expected(0, 5), ids(first));
        assertTrue(first.get("has_more").asBoolean());

        JsonNode transfer = first.get("data").get(0);
        assertEquals("balance_transaction", transfer.get("object").asText());
        assertEquals("transfer", transfer.get("type").asText());
        assertEquals(-5_000, transfer.get("amount").asLong());
        assertEquals(0, transfer.get("fee").asLong());
        assertEquals(-5_000, transfer.get("net").asLong());
        assertEquals("XOF", transfer.get("currency").asText());
        assertEquals(NEWEST_FIRST.get(0).sourceId(), transfer.get("source").asText());
        assertEquals(T0.plusSeconds(720).getEpochSecond(), transfer.get("created").asLong());
        assertEquals("available", transfer.get("status").asText());
        JsonNode payment = first.get("data").get(1);
        assertEquals(1_020, payment.get("amount").asLong());
        assertEquals(20, payment.get("fee").asLong());
        assertEquals(1_000, payment.get("net").asLong());

        JsonNode rest = get("/api/v1/balance_transactions", merchant.sandboxKey(), "limit", "10",
                "starting_after", expected(4, 5).get(0)).json();
        assertEquals(expected(5, 13), ids(rest));
        assertFalse(rest.get("has_more").asBoolean());

        JsonNode back = get("/api/v1/balance_transactions", merchant.sandboxKey(), "limit", "3",
                "ending_before", expected(5, 6).get(0)).json();
        assertEquals(expected(2, 5), ids(back));
        assertTrue(back.get("has_more").asBoolean());
    }

    @Test
    void oneTransactionByIdAndOnlyTheOwnersInItsMode() {
        String id = NEWEST_FIRST.get(3).id();
        Response own = get("/api/v1/balance_transactions/" + id, merchant.sandboxKey());
        assertEquals(200, own.status(), own.body());
        assertEquals(id, own.json().get("id").asText());
        assertEquals("payment", own.json().get("type").asText());

        Response otherMode = get("/api/v1/balance_transactions/" + id, merchant.liveKey());
        assertEquals(404, otherMode.status(), otherMode.body());
        TestMerchants.Credentials other = TestMerchants.fresh();
        Response otherMerchant = get("/api/v1/balance_transactions/" + id, other.sandboxKey());
        assertEquals(404, otherMerchant.status(), otherMerchant.body());
        for (String field : List.of("code", "message", "param")) {
            assertEquals(otherMode.json().get(field), otherMerchant.json().get(field), field);
        }
        assertEquals("not_found", otherMerchant.json().get("code").asText());
        assertEquals(404, get("/api/v1/balance_transactions/nonsense", merchant.sandboxKey()).status());
        assertEquals(0, get("/api/v1/balance_transactions", other.sandboxKey()).json().get("data").size());

        Response foreignCursor = get("/api/v1/balance_transactions", other.sandboxKey(), "starting_after", id);
        assertEquals(400, foreignCursor.status(), foreignCursor.body());
    }

    @Test
    void theExportOfAPeriodListsEveryTransactionOldestFirstWithItsRunningBalance() {
        // [T0 + 5 min, T0 + 13 min): payments 5..11 and the transfer; the balance before it holds payments 0..4
        Response response = get("/api/v1/balance_transactions/export", merchant.sandboxKey(),
                "from", T0.plusSeconds(300).toString(), "to", T0.plusSeconds(780).toString());
        assertEquals(200, response.status(), response.body());
        assertTrue(response.header("Content-Type").startsWith("text/csv"), response.header("Content-Type"));
        List<String> lines = response.body().lines().toList();
        assertEquals("id,created,type,source,currency,amount,fee,net,available_on,balance", lines.get(0));
        assertEquals(9, lines.size(), response.body());
        assertTrue(response.body().contains("\r\n"), "RFC 4180 line breaks");
        String[] firstRow = lines.get(1).split(",");
        assertEquals(NEWEST_FIRST.get(7).id(), firstRow[0]);
        assertEquals("payment", firstRow[2]);
        assertEquals("1020", firstRow[5]);
        assertEquals("20", firstRow[6]);
        assertEquals("1000", firstRow[7]);
        assertEquals("6000", firstRow[9], "5 000 before the period, then this payment");
        String[] last = lines.get(8).split(",");
        assertEquals("transfer", last[2]);
        assertEquals("-5000", last[7]);
        assertEquals("7000", last[9], "12 000 collected, 5 000 reserved for the transfer");

        Response missing = get("/api/v1/balance_transactions/export", merchant.sandboxKey());
        assertEquals(400, missing.status());
        assertEquals("from", missing.json().get("param").asText(), missing.body());
        Response tooLong = get("/api/v1/balance_transactions/export", merchant.sandboxKey(),
                "from", "2026-01-01T00:00:00Z", "to", "2026-06-01T00:00:00Z");
        assertEquals(400, tooLong.status());
        assertEquals("to", tooLong.json().get("param").asText(), tooLong.body());
        Response reversed = get("/api/v1/balance_transactions/export", merchant.sandboxKey(),
                "from", T0.toString(), "to", T0.minusSeconds(1).toString());
        assertEquals(400, reversed.status());
        Response badDate = get("/api/v1/balance_transactions/export", merchant.sandboxKey(), "from", "last week");
        assertEquals(400, badDate.status());
        assertEquals("from", badDate.json().get("param").asText(), badDate.body());
    }

    @Test
    void csvFieldsAreQuotedAsRfc4180Says() {
        assertEquals("txn_abc", V1BalanceTransactionsController.field("txn_abc"));
        assertEquals("\"a,b\"", V1BalanceTransactionsController.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", V1BalanceTransactionsController.field("say \"hi\""));
        assertEquals("\"two\r\nlines\"", V1BalanceTransactionsController.field("two\r\nlines"));
    }
}

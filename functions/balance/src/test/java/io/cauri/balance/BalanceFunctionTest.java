package io.cauri.balance;

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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * GET /balance (HUB2) and GET /api/v1/balance (v1) through the real handler, over books posted in DynamoDB Local:
 * 10 000 XOF collected (fees 150) two hours ago, a 4 000 XOF transfer reserved an hour ago, 2 000 XAF collected
 * now; in live mode only 700 XOF.
 */
class BalanceFunctionTest {
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    static LocalFunction function;
    static TestMerchants.Credentials merchant;

    @BeforeAll
    static void start() {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
        Ledger ledger = function.context().getBean(Ledger.class);
        ledger.post(payment(merchant.merchantId(), Mode.SANDBOX, Currency.XOF, 10_000, 150, NOW.minusSeconds(7200)));
        ledger.post(LedgerTransaction.of(merchant.merchantId(), Mode.SANDBOX, Currency.XOF, Kind.TRANSFER,
                Ids.next(Ids.TRANSFER), 4_000, 0,
                List.of(new Entry(Account.AVAILABLE, -4_000), new Entry(Account.RESERVED, 4_000)), NOW.minusSeconds(3600)));
        ledger.post(payment(merchant.merchantId(), Mode.SANDBOX, Currency.XAF, 2_000, 0, NOW));
        ledger.post(payment(merchant.merchantId(), Mode.LIVE, Currency.XOF, 700, 10, NOW));
    }

    static LedgerTransaction payment(String merchantId, Mode mode, Currency currency, long amount, long fee, Instant at) {
        List<Entry> entries = fee == 0
                ? List.of(new Entry(Account.EXTERNAL, -amount), new Entry(Account.AVAILABLE, amount))
                : List.of(new Entry(Account.EXTERNAL, -(amount + fee)), new Entry(Account.AVAILABLE, amount),
                        new Entry(Account.FEES, fee));
        return LedgerTransaction.of(merchantId, mode, currency, Kind.PAYMENT, Ids.next(Ids.PAYMENT), amount + fee, fee,
                entries, at);
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static Response hub2(String key, String environment, String... query) {
        ApiGatewayEvents request = ApiGatewayEvents.get("/balance").auth(merchant.merchantId(), key, environment);
        for (int i = 0; i < query.length; i += 2) {
            request.query(query[i], query[i + 1]);
        }
        return function.handle(request);
    }

    @Test
    void hub2BalanceShowsTheCollectionAndTransferAccountsPerCurrencyNow() {
        Response response = hub2(merchant.sandboxKey(), "sandbox");
        assertEquals(200, response.status(), response.body());
        JsonNode body = response.json();
        JsonNode xofCollection = find(body.get("collectionAccount"), "XOF");
        assertEquals(6_000, xofCollection.get("amount").asLong());
        assertEquals(6_000, xofCollection.get("availableBalance").asLong());
        JsonNode xofTransfer = find(body.get("transferAccount"), "XOF");
        assertEquals(6_000, xofTransfer.get("availableBalance").asLong());
        assertEquals(4_000, xofTransfer.get("reservedBalance").asLong());
        assertEquals(10_000, xofTransfer.get("amount").asLong());
        assertEquals(2_000, find(body.get("collectionAccount"), "XAF").get("availableBalance").asLong());
        assertEquals(2, body.get("collectionAccount").size());
        Instant date = Instant.parse(xofCollection.get("date").asText());
        assertEquals(true, !date.isBefore(NOW) && !date.isAfter(Instant.now()), "the figure is dated now: " + date);
    }

    @Test
    void aDateGivesTheFigureAtThatDateAndCurrencyFilters() {
        // 90 minutes ago: the payment was in, the transfer not yet; XAF had no books then
        String ninetyMinutesAgo = NOW.minusSeconds(5400).toString();
        JsonNode body = hub2(merchant.sandboxKey(), "sandbox", "date", ninetyMinutesAgo).json();
        assertEquals(1, body.get("collectionAccount").size(), body.toString());
        JsonNode transfer = find(body.get("transferAccount"), "XOF");
        assertEquals(10_000, transfer.get("availableBalance").asLong());
        assertEquals(0, transfer.get("reservedBalance").asLong());
        assertEquals(NOW.minusSeconds(5400), Instant.parse(transfer.get("date").asText()));

        // three hours ago: nothing yet; with a currency filter the accounts are there, at zero
        JsonNode before = hub2(merchant.sandboxKey(), "sandbox", "date", NOW.minusSeconds(10_800).toString(),
                "currency", "XOF").json();
        assertEquals(0, find(before.get("collectionAccount"), "XOF").get("amount").asLong());

        JsonNode xafOnly = hub2(merchant.sandboxKey(), "sandbox", "currency", "XAF").json();
        assertEquals(1, xafOnly.get("transferAccount").size());
        assertEquals(2_000, find(xafOnly.get("transferAccount"), "XAF").get("availableBalance").asLong());
    }

    @Test
    void badQueriesAre400WithTheirParam() {
        Response badDate = hub2(merchant.sandboxKey(), "sandbox", "date", "yesterday");
        assertEquals(400, badDate.status(), badDate.body());
        assertEquals("date", badDate.json().get("param").asText(), badDate.body());
        Response badCurrency = hub2(merchant.sandboxKey(), "sandbox", "currency", "EUR");
        assertEquals(400, badCurrency.status(), badCurrency.body());
        assertEquals("currency", badCurrency.json().get("param").asText(), badCurrency.body());
        assertEquals(401, function.handle(ApiGatewayEvents.get("/balance")).status());
    }

    @Test
    void eachModeAndMerchantSeesOnlyItsOwnBooks() {
        JsonNode live = hub2(merchant.liveKey(), "live").json();
        assertEquals(700, find(live.get("collectionAccount"), "XOF").get("availableBalance").asLong());
        assertEquals(1, live.get("collectionAccount").size());

        TestMerchants.Credentials other = TestMerchants.fresh();
        Response response = function.handle(ApiGatewayEvents.get("/balance")
                .auth(other.merchantId(), other.sandboxKey(), "sandbox"));
        assertEquals(200, response.status(), response.body());
        assertEquals(0, response.json().get("collectionAccount").size());
        assertEquals(0, response.json().get("transferAccount").size());
    }

    @Test
    void v1BalanceIsStripesBalanceObject() {
        Response response = function.handle(ApiGatewayEvents.get("/api/v1/balance")
                .header("Authorization", "Bearer " + merchant.sandboxKey()));
        assertEquals(200, response.status(), response.body());
        JsonNode body = response.json();
        assertEquals("balance", body.get("object").asText());
        assertEquals(false, body.get("livemode").asBoolean());
        assertEquals(6_000, find(body.get("available"), "XOF").get("amount").asLong());
        assertEquals(0, find(body.get("pending"), "XOF").get("amount").asLong());
        assertEquals(4_000, find(body.get("reserved"), "XOF").get("amount").asLong());
        assertEquals(2_000, find(body.get("available"), "XAF").get("amount").asLong());

        JsonNode live = function.handle(ApiGatewayEvents.get("/api/v1/balance")
                .header("Authorization", "Bearer " + merchant.liveKey())).json();
        assertEquals(true, live.get("livemode").asBoolean());
        assertEquals(700, find(live.get("available"), "XOF").get("amount").asLong());
    }

    static JsonNode find(JsonNode accounts, String currency) {
        for (JsonNode a : accounts) {
            if (currency.equals(a.get("currency").asText())) {
                return a;
            }
        }
        throw new AssertionError("no " + currency + " in " + accounts);
    }
}

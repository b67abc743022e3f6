package io.cauri.retrievetransfer;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.intent.Currency;
import io.cauri.merchant.Mode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.MoneyOutFixtures;
import io.cauri.testing.TestMerchants;
import io.cauri.time.Timestamps;
import io.cauri.transfer.Destination;
import io.cauri.transfer.NewTransfer;
import io.cauri.transfer.Transfer;
import io.cauri.transfer.Transfers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** GET /transfers/{id} and GET /api/v1/payouts/{id} through the real Lambda handler, against DynamoDB Local. */
class RetrieveTransferFunctionTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static TestMerchants.Credentials other;
    static Transfer transfer;

    @BeforeAll
    static void start() {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
        other = TestMerchants.fresh();
        MoneyOutFixtures.fund(function, merchant, Mode.SANDBOX, 10_000);
        transfer = function.context().getBean(Transfers.class).create(merchant.merchantId(), Mode.SANDBOX,
                new NewTransfer("ref-1", 2500, Currency.XOF, "Commission",
                        new Destination(Destination.MOBILE_MONEY, "CI", "Awa Konan", "00000001", "orange")));
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static Response hub2(String path, TestMerchants.Credentials who, Mode mode) {
        return function.handle(ApiGatewayEvents.get(path).auth(who.merchantId(), who.key(mode), mode.wire()));
    }

    static Response v1(String path, TestMerchants.Credentials who, Mode mode) {
        return function.handle(ApiGatewayEvents.get(path).header("Authorization", "Bearer " + who.key(mode)));
    }

    @Test
    void ownerReadsItsTransferInBothFamilies() {
        Response hub2 = hub2("/transfers/" + transfer.id(), merchant, Mode.SANDBOX);
        assertEquals(200, hub2.status(), hub2.body());
        JsonNode t = hub2.json();
        assertEquals(transfer.id(), t.get("id").asText());
        assertEquals("ref-1", t.get("reference").asText());
        assertEquals(2500, t.get("amount").asLong());
        assertEquals(transfer.status().wire(), t.get("status").asText());
        assertEquals(Timestamps.format(transfer.createdAt()), t.get("createdAt").asText());
        assertEquals("Awa Konan", t.get("destination").get("recipientName").asText());

        Response v1 = v1("/api/v1/payouts/" + transfer.id(), merchant, Mode.SANDBOX);
        assertEquals(200, v1.status(), v1.body());
        assertEquals("payout", v1.json().get("object").asText());
        assertEquals(transfer.createdAt().getEpochSecond(), v1.json().get("created").asLong());
        assertEquals("orange_money", v1.json().get("destination").get("mobile_money").get("operator").asText());
    }

    @Test
    void anotherMerchantsOrModesOrUnknownTransferIs404() {
        for (Response r : new Response[]{
                hub2("/transfers/" + transfer.id(), other, Mode.SANDBOX),
                hub2("/transfers/" + transfer.id(), merchant, Mode.LIVE),
                v1("/api/v1/payouts/" + transfer.id(), other, Mode.SANDBOX),
                v1("/api/v1/payouts/" + transfer.id(), merchant, Mode.LIVE),
                hub2("/transfers/tr_doesnotexist0000000000", merchant, Mode.SANDBOX),
                hub2("/transfers/..%2F..%2Fbalance%23XOF", merchant, Mode.SANDBOX)}) {
            assertEquals(404, r.status(), r.body());
            assertEquals("not_found", r.json().get("code").asText());
        }
    }

    @Test
    void withoutCredentialsIs401() {
        Response r = function.handle(ApiGatewayEvents.get("/transfers/" + transfer.id()));
        assertEquals(401, r.status(), r.body());
    }
}

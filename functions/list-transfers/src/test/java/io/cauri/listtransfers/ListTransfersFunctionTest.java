package io.cauri.listtransfers;

import com.fasterxml.jackson.databind.JsonNode;
import io.cauri.intent.Currency;
import io.cauri.merchant.Mode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.LocalFunction.Response;
import io.cauri.testing.MoneyOutFixtures;
import io.cauri.testing.TestMerchants;
import io.cauri.transfer.Destination;
import io.cauri.transfer.NewTransfer;
import io.cauri.transfer.Transfer;
import io.cauri.transfer.Transfers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /transfers (HUB2 paging and filters) and GET /api/v1/payouts (cursor) through the real handler. */
class ListTransfersFunctionTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static TestMerchants.Credentials other;
    static final List<Transfer> made = new ArrayList<>(); // oldest first

    @BeforeAll
    static void start() {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
        other = TestMerchants.fresh();
        MoneyOutFixtures.fund(function, merchant, Mode.SANDBOX, 100_000);
        MoneyOutFixtures.fund(function, other, Mode.SANDBOX, 100_000);
        Transfers transfers = function.context().getBean(Transfers.class);
        for (int i = 0; i < 3; i++) {
            made.add(transfers.create(merchant.merchantId(), Mode.SANDBOX, new NewTransfer("ref-" + i, 1000 + 5 * i,
                    Currency.XOF, null, new Destination(Destination.MOBILE_MONEY, "CI", "Awa", "00000001", "orange"))));
        }
        transfers.create(other.merchantId(), Mode.SANDBOX, new NewTransfer("ref-0", 1000, Currency.XOF, null,
                new Destination(Destination.MOBILE_MONEY, "CI", "Awa", "00000001", "orange")));
    }

    @AfterAll
    static void stop() {
        function.close();
    }

    static Response hub2(ApiGatewayEvents event) {
        return function.handle(event.auth(merchant.merchantId(), merchant.key(Mode.SANDBOX), "sandbox"));
    }

    static Response v1(ApiGatewayEvents event) {
        return function.handle(event.header("Authorization", "Bearer " + merchant.key(Mode.SANDBOX)));
    }

    @Test
    void hub2ListsTheMerchantsTransfersNewestFirstWithPagingHeaders() {
        Response r = hub2(ApiGatewayEvents.get("/transfers").query("perPage", "2"));
        assertEquals(200, r.status(), r.body());
        JsonNode page = r.json();
        assertEquals(2, page.size());
        assertEquals(made.get(2).id(), page.get(0).get("id").asText());
        assertEquals(made.get(1).id(), page.get(1).get("id").asText());
        assertEquals("3", r.header("X-Total-Count"));
        assertEquals("1", r.header("X-Page"));
        assertEquals("2", r.header("X-Per-Page"));
        assertTrue(r.header("Link").contains("rel=\"next\""), r.header("Link"));

        Response second = hub2(ApiGatewayEvents.get("/transfers").query("perPage", "2").query("page", "2"));
        assertEquals(1, second.json().size());
        assertEquals(made.get(0).id(), second.json().get(0).get("id").asText());
    }

    @Test
    void hub2FiltersByReferenceAndStatus() {
        Response byRef = hub2(ApiGatewayEvents.get("/transfers").query("reference", "ref-1"));
        assertEquals(200, byRef.status(), byRef.body());
        assertEquals(1, byRef.json().size());
        assertEquals(made.get(1).id(), byRef.json().get(0).get("id").asText());
        assertTrue(byRef.header("Link").contains("reference=ref-1"), byRef.header("Link"));

        String status = made.get(0).status().wire();
        Response byStatus = hub2(ApiGatewayEvents.get("/transfers").query("status", status));
        assertEquals(200, byStatus.status(), byStatus.body());
        byStatus.json().forEach(t -> assertEquals(status, t.get("status").asText()));
        assertFalse(byStatus.json().isEmpty());
    }

    @Test
    void hub2BadFiltersAre400NamingThem() {
        for (String[] q : new String[][]{{"status", "paid", "status"}, {"reference", "a/b", "reference"},
                {"perPage", "101", "perPage"}, {"from", "yesterday", "from"}}) {
            Response r = hub2(ApiGatewayEvents.get("/transfers").query(q[0], q[1]));
            assertEquals(400, r.status(), r.body());
            assertEquals(q[2], r.json().get("param").asText());
        }
    }

    @Test
    void v1PagesWithCursors() {
        Response first = v1(ApiGatewayEvents.get("/api/v1/payouts").query("limit", "2"));
        assertEquals(200, first.status(), first.body());
        JsonNode body = first.json();
        assertEquals("list", body.get("object").asText());
        assertEquals("/api/v1/payouts", body.get("url").asText());
        assertTrue(body.get("has_more").asBoolean());
        assertEquals(made.get(2).id(), body.get("data").get(0).get("id").asText());
        String last = body.get("data").get(1).get("id").asText();
        Response next = v1(ApiGatewayEvents.get("/api/v1/payouts").query("starting_after", last));
        assertEquals(1, next.json().get("data").size());
        assertEquals(made.get(0).id(), next.json().get("data").get(0).get("id").asText());
        assertFalse(next.json().get("has_more").asBoolean());
        Response back = v1(ApiGatewayEvents.get("/api/v1/payouts").query("ending_before", made.get(0).id()));
        assertEquals(2, back.json().get("data").size());
        assertEquals(made.get(2).id(), back.json().get("data").get(0).get("id").asText());
    }

    @Test
    void aCursorOfAnotherMerchantIs404AndTheirTransfersAreNeverListed() {
        Response theirs = function.handle(ApiGatewayEvents.get("/api/v1/payouts")
                .header("Authorization", "Bearer " + other.key(Mode.SANDBOX)));
        String theirId = theirs.json().get("data").get(0).get("id").asText();
        Response cursor = v1(ApiGatewayEvents.get("/api/v1/payouts").query("starting_after", theirId));
        assertEquals(404, cursor.status(), cursor.body());
        Response mine = hub2(ApiGatewayEvents.get("/transfers"));
        assertFalse(mine.body().contains(theirId));
        Response live = function.handle(ApiGatewayEvents.get("/transfers")
                .auth(merchant.merchantId(), merchant.key(Mode.LIVE), "live"));
        assertEquals(200, live.status(), live.body());
        assertEquals(0, live.json().size());
    }
}

package io.cauri.retrievetransfer;

import io.cauri.intent.Currency;
import io.cauri.transfer.Destination;
import io.cauri.transfer.NewTransfer;
import io.cauri.transfer.Transfers;
import io.cauri.merchant.Mode;
import io.cauri.testing.HostileRequests;
import io.cauri.testing.HostileRequests.Request;
import io.cauri.testing.HostileRequests.Route;
import io.cauri.testing.HostileRequests.Target;
import io.cauri.testing.HostileRun;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.MoneyOutFixtures;
import io.cauri.testing.TestMerchants;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.List;
import java.util.Map;

/** Hostile requests per route through the real handler: no 5xx, and a refused request writes nothing. */
class RetrieveTransferHostileRequestsTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static List<Target> targets;
    final HostileRun run = new HostileRun();

    @BeforeContainer
    static void start() {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
        MoneyOutFixtures.fund(function, merchant, Mode.SANDBOX, 1_000_000);
        String id = function.context().getBean(Transfers.class).create(merchant.merchantId(), Mode.SANDBOX,
                new NewTransfer("ref-1", 1000, Currency.XOF, null,
                        new Destination(Destination.MOBILE_MONEY, "CI", "Awa", "00000001", "orange"))).id();
        targets = List.of(Target.of(id, HostileRequests.serverCredentials(merchant), List.of(), List.of()));
    }

    @AfterContainer
    static void stop() {
        function.close();
    }

    @AfterProperty
    void report() {
        run.report();
    }

    @Provide
    Arbitrary<Request> hub2() {
        return HostileRequests.requests(new Route("GET", "/transfers/{id}", List.of(), targets));
    }

    @Provide
    Arbitrary<Request> v1() {
        return HostileRequests.requests(new Route("GET", "/api/v1/payouts/{id}", List.of(), targets));
    }

    @Property
    void hub2(@ForAll("hub2") Request request) {
        run.check(function, "GET /transfers/{id}", request);
    }

    @Property
    void v1(@ForAll("v1") Request request) {
        run.check(function, "GET /api/v1/payouts/{id}", request);
    }
}

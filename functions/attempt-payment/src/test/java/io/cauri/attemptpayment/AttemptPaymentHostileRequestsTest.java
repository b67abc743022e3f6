package io.cauri.attemptpayment;

import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Mode;
import io.cauri.testing.Fixtures;
import io.cauri.testing.HostileRequests;
import io.cauri.testing.HostileRequests.Request;
import io.cauri.testing.HostileRequests.Route;
import io.cauri.testing.HostileRequests.Target;
import io.cauri.testing.HostileRun;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.TestMerchants;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hostile requests per route through the real handler: no 5xx, and a refused request writes nothing. */
class AttemptPaymentHostileRequestsTest {
    static LocalFunction function;
    static TestMerchants.Credentials merchant;
    static List<Target> none = new ArrayList<>();
    static List<Target> targets = new ArrayList<>();
    final HostileRun run = new HostileRun();

    @BeforeContainer
    static void start() throws InterruptedException {
        // The classes run before this one in the same JVM share its DynamoDB Local, and a sandbox payment they
        // started can still settle a few seconds later (a payment posting of the demo merchant landed in the middle
        // of a property): this class's "a refused request changes nothing" counts must start once that is over.
        awaitQuietLedger();
        // every wait longer than a slow run: the fixtures' debit claims (5 min by default) expiring mid-run would
        // change the item counts that show a refused request wrote nothing
        function = new LocalFunction(Map.of("cauri.payments.sync-wait", "1s", "cauri.sandbox.payer-delay", "2h", "cauri.payments.provider-window", "2h", "cauri.payments.duplicate-debit-window", "1h", "cauri.sandbox.otp-window", "10m"));
        merchant = TestMerchants.fresh();
        // attempts with a number the sandbox refuses at once: a valid attempt is stored and fails right away, and
        // the intent takes the next one (no event scheduled, nothing left running)
        for (int i = 0; i < 20; i++) {
            PaymentIntent intent = Fixtures.intent(function, merchant, Mode.SANDBOX);
            String token = Fixtures.token(function, intent);
            targets.add(Target.of(intent.id(), HostileRequests.serverCredentials(merchant), List.of(
                    "{\"token\":\"" + token + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"CI\",\"provider\":\"mtn\","
                            + "\"mobileMoney\":{\"msisdn\":\"0700000000\"}}",
                    "{\"token\":\"" + token + "\",\"paymentMethod\":\"mobile_money\",\"country\":\"SN\",\"provider\":\"wave\","
                            + "\"mobileMoney\":{\"msisdn\":\"0700000000\",\"onSuccessRedirectionUrl\":\"https://shop.example/ok\"}}",
                    "{\"payment_method\":{\"type\":\"mobile_money\",\"mobile_money\":{\"country\":\"CI\",\"operator\":\"mtn\","
                            + "\"msisdn\":\"0700000000\"}},\"return_url\":\"https://shop.example/back\"}"),
                    List.of()));
        }
    }

    /** Until the ledger table's item count has not moved for 5 s (at most 30 s). */
    static void awaitQuietLedger() throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        int last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int count = io.cauri.testing.DynamoDbLocal.shared().client().scan(r -> r.tableName(
                    io.cauri.store.TableNames.defaults().ledger()).select("COUNT")).count();
            if (count != last) {
                last = count;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= java.util.concurrent.TimeUnit.SECONDS.toNanos(5)) {
                return;
            }
            Thread.sleep(250);
        }
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
    Arbitrary<Request> attempt() {
        return HostileRequests.requests(new Route("POST", "/payment-intents/{id}/payments", List.of(), targets));
    }

    @Provide
    Arbitrary<Request> attemptSync() {
        return HostileRequests.requests(new Route("POST", "/payment-intents/{id}/payments/sync", List.of(), targets));
    }

    @Provide
    Arbitrary<Request> v1Confirm() {
        return HostileRequests.requests(new Route("POST", "/api/v1/payment-intents/{id}/confirm", List.of(), targets));
    }

    @Property
    void attempt(@ForAll("attempt") Request request) {
        run.check(function, "POST /payment-intents/{id}/payments", request);
    }

    @Property
    void attemptSync(@ForAll("attemptSync") Request request) {
        run.check(function, "POST /payment-intents/{id}/payments/sync", request);
    }

    @Property
    void v1Confirm(@ForAll("v1Confirm") Request request) {
        run.check(function, "POST /api/v1/payment-intents/{id}/confirm", request);
    }
}

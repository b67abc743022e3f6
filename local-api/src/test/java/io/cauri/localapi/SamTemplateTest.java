package io.cauri.localapi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The routes local-api serves come from the repository's template.yaml, read as SAM reads them. */
class SamTemplateTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String MICRONAUT_V2_HANDLER = "io.cauri.lambda.ApiGatewayHandler";

    @Test
    void findsEveryFunctionOfTheRepositoryTemplateWithItsJarHandlerAndRoutes() {
        SamTemplate template = SamTemplate.load(REPO.resolve("template.yaml"));
        Map<String, SamTemplate.Function> byName = new java.util.HashMap<>();
        template.functions().forEach(f -> byName.put(f.name(), f));

        assertEquals(jar("create-intent"), byName.get("CreateIntentFunction").jar());
        assertEquals(jar("retrieve-intent"), byName.get("RetrieveIntentFunction").jar());
        assertEquals(jar("list-intents"), byName.get("ListIntentsFunction").jar());
        assertEquals(jar("attempt-payment"), byName.get("AttemptPaymentFunction").jar());
        assertEquals(jar("authenticate-payment"), byName.get("AuthenticatePaymentFunction").jar());
        assertEquals(jar("fees"), byName.get("FeesFunction").jar());
        assertEquals(jar("payments"), byName.get("PaymentsFunction").jar());
        assertEquals(jar("provider-events"), byName.get("ProviderRoutesFunction").jar());
        template.functions().forEach(f -> assertEquals(MICRONAUT_V2_HANDLER, f.handler(), f.name()));
        // The SQS-fed provider-events handler has no HTTP route: local-api does not serve it.
        assertTrue(!byName.containsKey("ProviderEventsFunction"));

        assertEquals(List.of("POST /api/v1/payment-intents", "POST /payment-intents"),
                routeKeys(byName.get("CreateIntentFunction")));
        // OPTIONS: the CORS preflights of the routes a payer's browser calls, answered by the function itself
        assertEquals(List.of("GET /api/v1/payment-intents/{id}", "GET /payment-intents/url/{token}", "GET /payment-intents/{id}",
                        "GET /payment-intents/{id}/status", "OPTIONS /payment-intents/url/{token}", "OPTIONS /payment-intents/{id}",
                        "OPTIONS /payment-intents/{id}/status"), sorted(routeKeys(byName.get("RetrieveIntentFunction"))));
        assertEquals(List.of("GET /api/v1/payment-intents", "GET /payment-intents"), routeKeys(byName.get("ListIntentsFunction")));
        assertEquals(List.of("OPTIONS /payment-intents/{id}/payments", "OPTIONS /payment-intents/{id}/payments/sync",
                "POST /api/v1/payment-intents/{id}/confirm", "POST /payment-intents/{id}/payments",
                "POST /payment-intents/{id}/payments/sync"), sorted(routeKeys(byName.get("AttemptPaymentFunction"))));
        assertEquals(List.of("PATCH /api/v1/payment-intents/{id}"), routeKeys(byName.get("UpdateIntentFunction")));
        assertEquals(List.of("POST /api/v1/payment-intents/{id}/cancel"), routeKeys(byName.get("CancelIntentFunction")));
        assertEquals(List.of("OPTIONS /payment-intents/{id}/authentication", "POST /payment-intents/{id}/authentication"),
                sorted(routeKeys(byName.get("AuthenticatePaymentFunction"))));
        assertEquals(List.of("GET /payment-intents/{id}/payment-fees", "OPTIONS /payment-intents/{id}/payment-fees"),
                sorted(routeKeys(byName.get("FeesFunction"))));
        assertEquals(List.of("GET /payments", "GET /payments/{id}/status"), routeKeys(byName.get("PaymentsFunction")));
        // money out: one function per endpoint, each serving its HUB2 route and its v1 twin
        assertEquals(jar("create-transfer"), byName.get("CreateTransferFunction").jar());
        assertEquals(List.of("POST /api/v1/payouts", "POST /transfers"), routeKeys(byName.get("CreateTransferFunction")));
        assertEquals(List.of("GET /api/v1/payouts/{id}", "GET /transfers/{id}"), routeKeys(byName.get("RetrieveTransferFunction")));
        assertEquals(List.of("GET /api/v1/payouts", "GET /transfers"), routeKeys(byName.get("ListTransfersFunction")));
        assertEquals(jar("create-refund"), byName.get("CreateRefundFunction").jar());
        assertEquals(List.of("POST /api/v1/refunds", "POST /refunds"), routeKeys(byName.get("CreateRefundFunction")));
        assertEquals(List.of("GET /api/v1/refunds/{id}", "GET /refunds/{id}"), routeKeys(byName.get("RetrieveRefundFunction")));
        assertEquals(List.of("GET /api/v1/refunds", "GET /refunds"), routeKeys(byName.get("ListRefundsFunction")));
        assertEquals(List.of("GET /sandbox/payments/{paymentId}", "POST /sandbox/payments/{paymentId}/approve",
                "POST /sandbox/payments/{paymentId}/decline", "GET /checkout", "GET /pages/{asset}",
                "PUT /providers/mtn-momo/events/{paymentId}", "POST /providers/mtn-momo/events/{paymentId}",
                "POST /providers/wave/events", "POST /providers/fedapay/events",
                "POST /providers/{provider}/callbacks"),
                routeKeys(byName.get("ProviderRoutesFunction")));
    }

    @Test
    void theStreamPublisherReadsTheIntentsAndTheLedgerStreamsWhichLocalApiPollsAsTheTemplateMapsThem() {
        SamTemplate template = SamTemplate.load(REPO.resolve("template.yaml"));
        // intents and payments; refunds and transfers (EventPipeline reads each stream named here)
        assertEquals(List.of("IntentsTable", "LedgerTable"), template.streamsOf("StreamPublisherFunction"));
        assertEquals(List.of(), template.streamsOf("WebhookDispatcherFunction"));
    }

    @Test
    void routesEachRequestOfTheRepositoryTemplateToItsFunction() {
        Router router = new Router(SamTemplate.load(REPO.resolve("template.yaml")).routes());

        assertEquals("CreateIntentFunction", function(router, "POST", "/payment-intents"));
        assertEquals("ListIntentsFunction", function(router, "GET", "/payment-intents"));
        assertEquals("RetrieveIntentFunction", function(router, "GET", "/payment-intents/pi_1"));
        assertEquals("RetrieveIntentFunction", function(router, "GET", "/payment-intents/pi_1/status"));
        assertEquals(Map.of("id", "pi_1"), router.find("GET", "/payment-intents/pi_1/status").orElseThrow().pathParameters());
        assertEquals("RetrieveIntentFunction", function(router, "GET", "/payment-intents/url/eyJ.x.y"));
        assertEquals(Map.of("token", "eyJ.x.y"), router.find("GET", "/payment-intents/url/eyJ.x.y").orElseThrow().pathParameters());
        assertEquals("AttemptPaymentFunction", function(router, "POST", "/payment-intents/pi_1/payments/sync"));
        assertEquals("UpdateIntentFunction", function(router, "PATCH", "/api/v1/payment-intents/pi_1"));
        assertEquals("RetrieveIntentFunction", function(router, "GET", "/api/v1/payment-intents/pi_1"));
        assertEquals("CancelIntentFunction", function(router, "POST", "/api/v1/payment-intents/pi_1/cancel"));
        assertEquals("CreateTransferFunction", function(router, "POST", "/transfers"));
        assertEquals("RetrieveTransferFunction", function(router, "GET", "/transfers/tr_1"));
        assertEquals("ListTransfersFunction", function(router, "GET", "/api/v1/payouts"));
        assertEquals("RetrieveRefundFunction", function(router, "GET", "/api/v1/refunds/re_1"));
        assertEquals("CreateRefundFunction", function(router, "POST", "/refunds"));
        assertEquals("ProviderRoutesFunction", function(router, "GET", "/checkout"));
        assertEquals("ProviderRoutesFunction", function(router, "GET", "/pages/checkout.js"));
        assertEquals("BalanceFunction", function(router, "GET", "/balance"));
        assertEquals("BalanceFunction", function(router, "GET", "/api/v1/balance"));
        assertEquals("BalanceTransactionsFunction", function(router, "GET", "/api/v1/balance_transactions"));
        assertEquals(Map.of("id", "txn_1"),
                router.find("GET", "/api/v1/balance_transactions/txn_1").orElseThrow().pathParameters());
        // the export's literal segment wins over {id}
        assertEquals(Map.of(), router.find("GET", "/api/v1/balance_transactions/export").orElseThrow().pathParameters());

        assertTrue(router.find("DELETE", "/payment-intents/pi_1").isEmpty(), "method must match");
        assertTrue(router.find("GET", "/payment-intents/").isEmpty(), "{id} never matches an empty segment");
        assertTrue(router.find("GET", "/payment-intents/pi_1/status/x").isEmpty(), "no partial match");
        assertTrue(router.find("GET", "/").isEmpty());
    }

    @Test
    void prefersLiteralSegmentsThenParametersThenGreedyThenDefault() {
        Router router = new Router(List.of(
                new Route("ANY", Route.DEFAULT, "fallback"),
                new Route("ANY", "/{proxy+}", "greedy"),
                new Route("GET", "/payment-intents/{id}", "byId"),
                new Route("ANY", "/payment-intents/search", "searchAny"),
                new Route("GET", "/payment-intents/search", "search"),
                new Route("GET", "/{collection}/{id}", "generic")));

        assertEquals("search", function(router, "GET", "/payment-intents/search"));
        assertEquals("searchAny", function(router, "POST", "/payment-intents/search"));
        assertEquals("byId", function(router, "GET", "/payment-intents/pi_1"));
        assertEquals("generic", function(router, "GET", "/fees/f_1"));
        assertEquals("greedy", function(router, "GET", "/a/b/c"));
        assertEquals(Map.of("proxy", "a/b/c"), router.find("GET", "/a/b/c").orElseThrow().pathParameters());
        assertEquals("fallback", function(router, "GET", "/"));
        assertEquals("$default", router.find("GET", "/").orElseThrow().route().routeKey());
    }

    @Test
    void decodesPathParameters() {
        Router router = new Router(List.of(new Route("GET", "/files/{name}", "files")));
        assertEquals(Map.of("name", "a b+c"), router.find("GET", "/files/a%20b+c").orElseThrow().pathParameters());
    }

    @Test
    void toleratesCloudFormationShortTagsAndUsesGlobals(@TempDir Path dir) throws IOException {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, """
                Conditions:
                  IsProd: !Equals [!Ref Stage, prod]
                Globals:
                  Function:
                    Handler: example.Handler::handleRequest
                    CodeUri: build/app.jar
                    Environment:
                      Variables:
                        TABLE: !Ref Table
                        ARN: !GetAtt Table.Arn
                        URL: !Sub 'https://${Api}.execute-api.${AWS::Region}.amazonaws.com'
                        LIST: !Sub ['${A}-${B}', {A: !Ref X, B: !Select [0, !GetAZs '']}]
                        FLAG: !If [IsProd, 'yes', !Ref AWS::NoValue]
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Echo:
                          Type: HttpApi
                          Properties: {ApiId: !Ref Api, Method: get, Path: '/echo/{word}'}
                        Everything:
                          Type: HttpApi
                        Queue:
                          Type: SQS
                          Properties: {Queue: !GetAtt Q.Arn}
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: {Bucket: artifacts, Key: worker.zip}
                """);

        SamTemplate parsed = SamTemplate.load(template);

        SamTemplate.Function fn = parsed.functions().get(0);
        assertEquals("Fn", fn.name());
        assertEquals(dir.resolve("build/app.jar"), fn.jar(), "CodeUri is relative to the template");
        assertEquals("example.Handler", fn.handler());
        assertEquals(List.of("GET /echo/{word}", "$default"), routeKeys(fn));
        assertEquals(List.of("Fn"), parsed.functions().stream().map(SamTemplate.Function::name).toList(),
                "a function without HttpApi events is not served");
    }

    private static Path jar(String module) {
        return REPO.resolve("functions/" + module + "/target/" + module + ".jar");
    }

    private static List<String> sorted(List<String> keys) {
        return keys.stream().sorted().toList();
    }

    private static List<String> routeKeys(SamTemplate.Function function) {
        return function.routes().stream().map(Route::routeKey).toList();
    }

    private static String function(Router router, String method, String path) {
        Optional<Router.Match> match = router.find(method, path);
        return match.map(m -> m.route().function()).orElse("none");
    }
}

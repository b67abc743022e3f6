package io.cauri.createrefund;

import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.FakeSecretsManager;
import io.cauri.testing.FaultInjector;
import io.cauri.testing.LocalFunction;
import io.cauri.store.TableNames;
import io.micronaut.context.BeanRegistration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the function's context creates at init (lambda-support's {@code ApiGatewayHandler.contextBuilder()}, the
 * configuration Lambda's cold start gets): what every request needs — the controllers and what they inject,
 * the server filters, the cold-start work — and not the beans of other functions' routes that the jar also
 * carries (webhooks, delivery log, transfers). And nothing slow or remote at init: configured as in AWS, with the
 * live connectors enabled and their secrets in Secrets Manager, init makes no AWS call but the DynamoDB client's
 * warm-up read of a merchant that does not exist (DynamoDbFactory's first call, on its own thread: it opens the
 * connection, it blocks nothing) — no read of the books, no queue message, no secret read — so no provider can be
 * connected to either: a connector knows its address and credentials only from its secret.
 */
class ContextAtInitTest {
    static final List<String> CONNECTORS = List.of("mtn-momo", "wave", "fedapay");

    @Test
    void initCreatesWhatARequestNeedsAndNothingElse() {
        try (LocalFunction function = new LocalFunction()) {
            Set<String> created = function.context().getActiveBeanRegistrations(Object.class).stream()
                    .map(BeanRegistration::getBeanDefinition).map(d -> d.getBeanType().getName())
                    .collect(Collectors.toSet());
            for (String needed : Set.of(Hub2CreateRefundController.class.getName(), V1CreateRefundController.class.getName(),
                    "io.cauri.refund.Refunds", "io.cauri.merchant.MerchantAuthenticator",
                    "io.cauri.web.guard.RateLimitFilter", "io.cauri.web.guard.RequestLimitsFilter", "io.cauri.web.guard.SecurityHeadersFilter",
                    "io.cauri.web.log.RequestLog", "io.cauri.store.DynamoDbFactory$ClientBuild",
                    "io.cauri.lambda.SnapStartPriming")) {
                assertTrue(created.contains(needed), needed + " is created at init: " + created);
            }
            for (String unneeded : Set.of("io.cauri.http.HttpWebhookSender", "io.cauri.webhook.WebhookDeliveries",
                    "io.cauri.store.DynamoWebhookRepository", "io.cauri.store.DynamoDeliveryLog", "io.cauri.transfer.Transfers")) {
                assertFalse(created.contains(unneeded), unneeded + " is not created at init");
            }
        }
    }

    /** DynamoDbFactory's first call: a GetItem of the merchant {@code m_cold_start_first_call}, which never exists. */
    static boolean isWarmUpRead(software.amazon.awssdk.core.SdkRequest request) {
        return request instanceof GetItemRequest get
                && TableNames.defaults().merchants().equals(get.tableName())
                && "m_cold_start_first_call".equals(get.key().get("id").s());
    }

    @Test
    void initMakesNoRemoteCallNorReadsASecret() throws Exception {
        DynamoDbLocal.shared(); // the test's own DynamoDB Local (its tables created) before anything is watched
        try (FakeSecretsManager secrets = FakeSecretsManager.start()) {
            Map<String, Object> aws = new java.util.HashMap<>(Map.of(
                    "cauri.connectors.enabled", String.join(",", CONNECTORS),
                    "cauri.connector-secrets-endpoint", secrets.endpoint(),
                    "cauri.provider-events.queue-url", "http://127.0.0.1:9/000000000000/cauri-provider-events",
                    "cauri.provider-events.endpoint", "http://127.0.0.1:9"));
            CONNECTORS.forEach(c -> aws.put("cauri.connector-secrets." + c, "cauri/live/" + c));
            // any AWS SDK call of the function's clients (DynamoDB, SQS, Secrets Manager) while the context starts,
            // but the client's warm-up read
            java.util.concurrent.atomic.AtomicReference<String> call = new java.util.concurrent.atomic.AtomicReference<>();
            FaultInjector.beforeRequest(request -> !isWarmUpRead(request), request -> call.set(
                    request.getClass().getSimpleName() + " " + request + " from " + Thread.currentThread().getName()));
            try (LocalFunction function = new LocalFunction(aws)) {
                assertFalse(FaultInjector.fired(), "an AWS call was made at init: " + call.get());
                assertTrue(function.context().getBeansOfType(io.cauri.provider.PayoutConnector.class).size() >= 2,
                        "the live money-out connectors exist from init");
                for (String c : CONNECTORS) {
                    assertEquals(0, secrets.reads("cauri/live/" + c), c + "'s secret read at init");
                }
                assertEquals(List.of(), secrets.refused());
            } finally {
                FaultInjector.disarm();
            }
            System.out.println("init with " + CONNECTORS + " enabled: no AWS call but the warm-up read, 0 secret reads");
        }
    }
}

package io.cauri.createintent;

import io.cauri.testing.LocalFunction;
import io.micronaut.context.BeanRegistration;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the function's context creates at init (lambda-support's {@code ApiGatewayHandler.contextBuilder()}, the
 * configuration Lambda's cold start gets): what every request needs — the controllers and what they inject,
 * the server filters, the cold-start work — and not the beans of other functions' routes that the jar also
 * carries (webhooks, delivery log, provider events), nor configuration beans that no request reads.
 */
class ContextAtInitTest {

    @Test
    void initCreatesWhatARequestNeedsAndNothingElse() {
        try (LocalFunction function = new LocalFunction()) {
            Set<String> created = function.context().getActiveBeanRegistrations(Object.class).stream()
                    .map(BeanRegistration::getBeanDefinition).map(d -> d.getBeanType().getName())
                    .collect(Collectors.toSet());
            for (String needed : Set.of(Hub2CreateIntentController.class.getName(), V1CreateIntentController.class.getName(),
                    "io.cauri.payment.IntentLifecycle", "io.cauri.merchant.MerchantAuthenticator",
                    "io.cauri.web.guard.RateLimitFilter", "io.cauri.web.guard.RequestLimitsFilter", "io.cauri.web.guard.SecurityHeadersFilter",
                    "io.cauri.web.log.RequestLog", "io.cauri.store.DynamoDbFactory$ClientBuild",
                    "io.cauri.token.SigningKeyFactory$KeyFetch", "io.cauri.lambda.SnapStartPriming")) {
                assertTrue(created.contains(needed), needed + " is created at init: " + created);
            }
            // nor configuration beans nothing reads: SSL (a Lambda proxy serves no TLS), multipart (refused)
            for (String unneeded : Set.of("io.cauri.http.HttpWebhookSender", "io.cauri.webhook.WebhookDeliveries",
                    "io.cauri.store.DynamoWebhookRepository", "io.cauri.store.DynamoDeliveryLog",
                    "io.micronaut.http.ssl.ServerSslConfiguration", "io.micronaut.http.ssl.ClientSslConfiguration",
                    "io.micronaut.http.server.HttpServerConfiguration$MultipartConfiguration")) {
                assertFalse(created.contains(unneeded), unneeded + " is not created at init");
            }
        }
    }
}

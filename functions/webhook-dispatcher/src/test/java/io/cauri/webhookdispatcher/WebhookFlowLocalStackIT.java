package io.cauri.webhookdispatcher;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.webhook.Delivery;
import io.cauri.webhook.DeliveryLog;
import io.cauri.event.EventType;
import io.cauri.webhook.WebhookEndpoints;
import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.payment.IntentLifecycle;
import io.cauri.localaws.Fauxqs;
import io.cauri.localaws.SqsPoller;
import io.cauri.localaws.StreamPoller;
import io.cauri.merchant.ApiKey;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Merchant;
import io.cauri.merchant.MerchantRepository;
import io.cauri.merchant.Mode;
import io.cauri.store.TableDefinitions;
import io.cauri.store.TableNames;
import io.cauri.streampublisher.StreamPublisherHandler;
import io.cauri.testing.LocalEvents;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.WebhookReceiver;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link WebhookFlowTest}'s path on LocalStack (DynamoDB with streams, SNS, SQS) instead of DynamoDB Local and the
 * emulator: an intent created through the domain service → the intents table's stream → the real stream-publisher
 * handler → the events topic → the webhook queue (raw delivery) → the real dispatcher handler → a signed POST to
 * a local receiver, recorded in the deliveries table. Needs Docker: skipped without it.
 */
@Testcontainers(disabledWithoutDocker = true)
class WebhookFlowLocalStackIT {

    /** A pinned community image. DynamoDB's streams run on LocalStack's Kinesis: both named, so strict loading keeps them. */
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8.1"))
            .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.EnabledService.named("dynamodbstreams"),
                    LocalStackContainer.Service.KINESIS, LocalStackContainer.Service.SNS, LocalStackContainer.Service.SQS);

    /** The credentials the functions' clients use with an endpoint: one LocalStack account for all. */
    static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    static StreamPublisherHandler publisher;
    static WebhookDispatcherHandler dispatcher;
    static StreamPoller stream;
    static SqsPoller queue;
    static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        URI endpoint = LOCALSTACK.getEndpoint();
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        SnsClient sns = SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        SqsClient sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();

        // template.yaml's event resources: topic, webhook queue subscribed with raw delivery, its dead-letter queue
        TableDefinitions.createAll(dynamo, TableNames.defaults());
        String topicArn = sns.createTopic(r -> r.name("payment-events")).topicArn();
        Fauxqs.Queue webhooks = queue(sqs, "webhooks");
        Fauxqs.Queue deadLetters = queue(sqs, "webhooks-dlq");
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(webhooks.arn())
                .attributes(Map.of("RawMessageDelivery", "true")));

        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("cauri.dynamodb.endpoint", endpoint.toString());
        properties.put("cauri.events.endpoint", endpoint.toString());
        properties.put("cauri.events.topic-arn", topicArn);
        properties.put("cauri.webhooks.queue-url", webhooks.url());
        properties.put("cauri.webhooks.dead-letter-queue-url", deadLetters.url());
        properties.put("cauri.webhooks.encryption-key", LocalEvents.ENCRYPTION_KEY);
        properties.put("cauri.webhooks.retry.first-delay", "1s");
        properties.put("cauri.webhooks.retry.multiplier", "1");
        properties.put("cauri.webhooks.retry.max-attempts", "3");
        properties.put("cauri.webhooks.timeout", "2s");
        properties.put("cauri.token.signing-key", LocalFunction.SIGNING_KEY);

        publisher = new StreamPublisherHandler(ApplicationContext.builder().properties(properties));
        dispatcher = new WebhookDispatcherHandler(ApplicationContext.builder().properties(properties));
        String streamArn = dynamo.describeTable(r -> r.tableName(TableNames.defaults().intents())).table().latestStreamArn();
        stream = new StreamPoller(streams, streamArn, batch -> publisher.handleRequest(batch, new MockLambdaContext()), 100)
                .start(200);
        queue = new SqsPoller(sqs, webhooks, (SQSEvent batch) -> dispatcher.handleRequest(batch, new MockLambdaContext()))
                .start();
        receiver = new WebhookReceiver();
    }

    static Fauxqs.Queue queue(SqsClient sqs, String name) {
        String url = sqs.createQueue(r -> r.queueName(name).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5")))
                .queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        return new Fauxqs.Queue(url, arn);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[]{stream, queue, receiver}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // closing what the test started; the container goes with the class
            }
        }
        if (publisher != null) {
            publisher.close();
        }
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    @Test
    void aNewIntentArrivesSignedAtTheMerchantsEndpointAndIsLoggedDelivered() throws Exception {
        ApplicationContext context = dispatcher.getApplicationContext();
        String merchantId = Ids.next("m_");
        context.getBean(MerchantRepository.class).save(new Merchant(merchantId, "LocalStack merchant",
                List.of(ApiKey.issue(Mode.SANDBOX, Instant.now()).key()), null));
        Caller server = Caller.server(merchantId, Mode.SANDBOX);
        WebhookEndpoints.WithSecret endpoint = context.getBean(WebhookEndpoints.class).create(server,
                new WebhookEndpoints.NewEndpoint(receiver.url(), List.of(EventType.values()), null, Map.of()));

        PaymentIntent intent = context.getBean(IntentLifecycle.class).create(server,
                new IntentLifecycle.NewIntent("order-localstack-1", "cust-1", 1500, Currency.XOF, null));

        List<WebhookReceiver.Request> requests = receiver.await(r -> r.stream()
                .anyMatch(q -> q.body().contains("\"payment_intent.created\"")), Duration.ofSeconds(60));
        WebhookReceiver.Request created = requests.stream()
                .filter(q -> q.body().contains("\"payment_intent.created\"")).findFirst().orElseThrow();
        assertTrue(DispatcherFixture.verified(created, endpoint.secret()), "both signatures: " + created.headers());
        JsonNode event = new ObjectMapper().readTree(created.body());
        assertEquals(created.header("webhook-id"), event.get("id").asText());
        assertEquals(merchantId, event.get("merchantId").asText());
        assertEquals(intent.id(), event.get("data").get("id").asText());
        assertEquals(1500, event.get("data").get("amount").asLong());

        // the dispatcher records the outcome after the receiver has answered
        List<DeliveryLog.LoggedEvent> logged = List.of();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            logged = context.getBean(DeliveryLog.class).eventsOfIntent(intent.id());
            if (logged.size() == 1 && !logged.get(0).deliveries().isEmpty()
                    && logged.get(0).deliveries().get(0).status() == Delivery.Status.SUCCEEDED) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals(1, logged.size(), "one event for a new intent: " + logged);
        assertEquals(Delivery.Status.SUCCEEDED, logged.get(0).deliveries().get(0).status());
        assertEquals(endpoint.endpoint().id(), logged.get(0).deliveries().get(0).endpointId());
    }
}

package io.cauri.streampublisher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.PaymentIntent;
import io.cauri.localaws.StreamPoller;
import io.cauri.merchant.Mode;
import io.cauri.store.TableDefinitions;
import io.cauri.store.TableNames;
import io.cauri.testing.LocalEvents;
import io.cauri.testing.LocalFunction;
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
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stream publisher on LocalStack instead of DynamoDB Local and the SNS/SQS emulator: the intents table
 * (TableDefinitions) and its stream, the events topic and a queue subscribed with raw delivery, as template.yaml
 * wires them. The real handler is fed the table's stream by {@link StreamPoller} (the event source mapping) and
 * publishes with its own SNS client. Needs Docker: skipped without it.
 */
@Testcontainers(disabledWithoutDocker = true)
class StreamPublisherLocalStackIT {

    /** A pinned community image. DynamoDB's streams run on LocalStack's Kinesis: both named, so strict loading keeps them. */
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8.1"))
            .withServices(LocalStackContainer.Service.DYNAMODB, LocalStackContainer.EnabledService.named("dynamodbstreams"),
                    LocalStackContainer.Service.KINESIS, LocalStackContainer.Service.SNS, LocalStackContainer.Service.SQS);

    static final ObjectMapper JSON = new ObjectMapper();
    /** The credentials the functions' clients use with an endpoint: one LocalStack account for all. */
    static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    static DynamoDbClient dynamo;
    static DynamoDbStreamsClient streams;
    static SnsClient sns;
    static SqsClient sqs;
    static String queueUrl;
    static StreamPublisherHandler handler;

    @BeforeAll
    static void start() {
        URI endpoint = LOCALSTACK.getEndpoint();
        dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
        streams = DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
        sns = SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();
        sqs = SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create()).build();

        TableDefinitions.createAll(dynamo, TableNames.defaults());
        String topicArn = sns.createTopic(r -> r.name("payment-events")).topicArn();
        queueUrl = sqs.createQueue(r -> r.queueName("webhooks")).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "true")));

        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.port", -1);
        properties.put("cauri.dynamodb.endpoint", endpoint.toString());
        properties.put("cauri.events.endpoint", endpoint.toString());
        properties.put("cauri.events.topic-arn", topicArn);
        properties.put("cauri.token.signing-key", LocalFunction.SIGNING_KEY);
        properties.put("cauri.webhooks.encryption-key", LocalEvents.ENCRYPTION_KEY);
        handler = new StreamPublisherHandler(ApplicationContext.builder().properties(properties));
    }

    @AfterAll
    static void stop() {
        if (handler != null) {
            handler.close();
        }
    }

    @Test
    void intentsWrittenToTheTableArriveAsEventsOnTheSubscribedQueue() throws Exception {
        String streamArn = dynamo.describeTable(r -> r.tableName(TableNames.defaults().intents())).table().latestStreamArn();
        List<String> ids = new ArrayList<>();
        try (StreamPoller poller = new StreamPoller(streams, streamArn,
                batch -> handler.handleRequest(batch, new MockLambdaContext()), 100)) {
            IntentRepository intents = handler.getApplicationContext().getBean(IntentRepository.class);
            String merchant = Ids.next("m_");
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            for (int i = 0; i < 3; i++) {
                ids.add(intents.create(PaymentIntent.open(Ids.next(Ids.INTENT), merchant, Mode.SANDBOX, now,
                        "order-" + i, "cust-1", 1000 + i, Currency.XOF, null)).id());
            }

            int accepted = 0;
            long deadline = System.nanoTime() + 60_000_000_000L; // LocalStack's stream lags its table a little
            while (accepted < 3 && System.nanoTime() < deadline) {
                accepted += poller.pollOnce();
                Thread.sleep(200);
            }
            assertEquals(3, accepted, "the three INSERT records of the stream");
        }

        List<Message> messages = receive(3);
        assertEquals(3, messages.size());
        for (Message m : messages) {
            JsonNode event = JSON.readTree(m.body()); // raw delivery: the body is the event itself
            assertEquals("payment_intent.created", event.get("type").asText());
            assertTrue(Ids.looksLike(Ids.EVENT, event.get("id").asText()), m.body());
            assertEquals("sandbox", event.get("mode").asText());
            assertNull(event.get("data").get("token"), "no client token in events");
            assertEquals("payment_intent.created", m.messageAttributes().get("type").stringValue());
            assertEquals(event.get("merchantId").asText(), m.messageAttributes().get("merchantId").stringValue());
            assertEquals("sandbox", m.messageAttributes().get("mode").stringValue());
        }
        // a standard topic and queue do not keep order: each intent once is what holds
        assertEquals(ids.stream().sorted().toList(),
                messages.stream().map(m -> data(m).get("id").asText()).sorted().toList(), "each intent once");
    }

    static JsonNode data(Message m) {
        try {
            return JSON.readTree(m.body()).get("data");
        } catch (Exception e) {
            throw new AssertionError(m.body(), e);
        }
    }

    static List<Message> receive(int expected) {
        List<Message> all = new ArrayList<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (all.size() < expected && System.nanoTime() < deadline) {
            List<Message> page = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages();
            for (Message m : page) {
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
            all.addAll(page);
        }
        return all;
    }
}

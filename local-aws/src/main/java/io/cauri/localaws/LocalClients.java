package io.cauri.localaws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;

/**
 * SDK clients of a local endpoint (DynamoDB Local, the SNS/SQS emulator): fixed credentials and region (the
 * emulators accept any; DynamoDB Local runs with {@code -sharedDb}, so one database whatever they are) and the
 * URL-connection HTTP client the functions use.
 */
public final class LocalClients {
    /** The region every local ARN and client uses. */
    public static final Region REGION = Region.US_EAST_1;

    private LocalClients() {
    }

    public static DynamoDbClient dynamoDb(String endpoint) {
        return local(DynamoDbClient.builder(), endpoint).build();
    }

    public static DynamoDbStreamsClient dynamoDbStreams(String endpoint) {
        return local(DynamoDbStreamsClient.builder(), endpoint).build();
    }

    public static SnsClient sns(String endpoint) {
        return local(SnsClient.builder(), endpoint).build();
    }

    public static SqsClient sqs(String endpoint) {
        return local(SqsClient.builder(), endpoint).build();
    }

    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B local(B builder, String endpoint) {
        return builder.endpointOverride(URI.create(endpoint))
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create());
    }
}

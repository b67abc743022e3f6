package io.cauri.metrics;

/**
 * Every metric and dimension name Cauri emits, in namespace {@value #NAMESPACE}: the alarms and the dashboard
 * of template.yaml refer to these exact names, so a rename is a change of those too.
 */
public final class MetricNames {
    public static final String NAMESPACE = "Cauri";

    // per route, on each request's log line (io.cauri.web.log.RequestLog); dimension sets [Function], [Function, Route]
    public static final String REQUESTS = "Requests";
    public static final String CLIENT_ERRORS = "ClientErrors";
    public static final String SERVER_ERRORS = "ServerErrors";
    public static final String LATENCY = "Latency";

    // business, from the stream publisher (every stored change of an intent passes there once)
    public static final String INTENTS_CREATED = "IntentsCreated";
    public static final String PAYMENT_ATTEMPTS = "PaymentAttempts";
    public static final String PAYMENTS_SUCCEEDED = "PaymentsSucceeded";
    public static final String PAYMENTS_FAILED = "PaymentsFailed";
    public static final String TIME_TO_FINAL_STATUS = "TimeToFinalStatus";
    public static final String STREAM_PUBLISHER_LAG = "StreamPublisherLag";

    // business, from the webhook dispatcher (every delivery attempt is settled there once)
    public static final String WEBHOOK_DELIVERIES = "WebhookDeliveries";
    public static final String WEBHOOK_DELIVERY_LATENCY = "WebhookDeliveryLatency";
    public static final String WEBHOOK_ENDPOINTS_DISABLED = "WebhookEndpointsDisabled";
    public static final String DISPATCHER_LAG = "DispatcherLag";

    public static final String FUNCTION = "Function";
    public static final String ROUTE = "Route";
    public static final String MODE = "Mode";
    public static final String COUNTRY = "Country";
    public static final String OPERATOR = "Operator";
    public static final String FAILURE_CODE = "FailureCode";
    public static final String OUTCOME = "Outcome";

    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    private MetricNames() {
    }
}

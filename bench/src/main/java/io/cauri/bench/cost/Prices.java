package io.cauri.bench.cost;

/**
 * Published on-demand prices, US East (N. Virginia), in USD; where each comes from (page and date) is in
 * bench/README.md, "Cost per payment". First-tier prices, no free tier.
 */
final class Prices {
    /** DynamoDB on-demand, standard table class: per write request unit and per read request unit. */
    static final double DYNAMODB_WRU = 0.625 / 1e6;
    static final double DYNAMODB_RRU = 0.125 / 1e6;
    /** DynamoDB Streams reads made by a Lambda event source mapping are free. */
    static final double STREAMS_READ_BY_LAMBDA = 0;
    /** SNS standard topic: per publish request (each started 64 KB); deliveries to SQS queues are free. */
    static final double SNS_PUBLISH = 0.50 / 1e6;
    /** SQS standard queue: per request (each started 64 KB), first 100 billion a month. */
    static final double SQS_REQUEST = 0.40 / 1e6;
    /** Lambda: per request, and per GB-second by architecture. */
    static final double LAMBDA_REQUEST = 0.20 / 1e6;
    static final double LAMBDA_GB_S_X86 = 0.0000166667;
    static final double LAMBDA_GB_S_ARM = 0.0000133334;
    /** API Gateway HTTP API: per request (each started 512 KB), first 300 million a month. */
    static final double HTTP_API_REQUEST = 1.00 / 1e6;

    private Prices() {
    }

    static double gbSecond(String architecture) {
        return "arm64".equals(architecture) ? LAMBDA_GB_S_ARM : LAMBDA_GB_S_X86;
    }
}

package io.cauri.connector.mtn;

import java.time.Duration;

/**
 * How long the connector waits, and when it renews its token or gives up on a request MTN does not know.
 *
 * @param connect       to open a connection (the request has provably not been sent when this passes)
 * @param request       for an answer once connected (past it, MTN may have taken the request: outcome unknown)
 * @param tokenMargin   a token is renewed this long before its {@code expires_in} (at most a fifth of its life)
 * @param notFoundGrace a request to pay MTN answers 404 for is taken as never received only once the payment is
 *                      older than this: MTN may still be recording a request whose answer was lost
 */
public record MtnMomoTimings(Duration connect, Duration request, Duration tokenMargin, Duration notFoundGrace) {

    public static MtnMomoTimings defaults() {
        return new MtnMomoTimings(Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofMinutes(2));
    }

    public MtnMomoTimings withRequest(Duration timeout) {
        return new MtnMomoTimings(connect, timeout, tokenMargin, notFoundGrace);
    }

    public MtnMomoTimings withNotFoundGrace(Duration grace) {
        return new MtnMomoTimings(connect, request, tokenMargin, grace);
    }
}

package io.cauri.attemptpayment;

import io.cauri.intent.Payment;
import io.cauri.provider.ProviderAnswer;
import io.cauri.provider.ProviderGateway;
import io.cauri.provider.ProviderRequest;
import io.cauri.sandbox.SandboxProviderGateway;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider whose API does not answer: every request ends in a read timeout, as an HTTP client to a hung
 * provider would. The fault to inject in front of the real payment service, only in a function started
 * with {@code test.provider=unanswering}. Asked later for the payment's status (the reconciliation), it says
 * what a provider says of a request it never completed: expired, {@code timeout}.
 */
@Singleton
@Replaces(SandboxProviderGateway.class)
@Requires(property = "test.provider", value = "unanswering")
class UnansweringProviderGateway implements ProviderGateway {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public ProviderAnswer initiate(ProviderRequest request) {
        calls.incrementAndGet();
        throw new UncheckedIOException(new SocketTimeoutException("Read timed out"));
    }

    @Override
    public ProviderAnswer authenticate(Payment payment, String confirmationCode) {
        calls.incrementAndGet();
        throw new UncheckedIOException(new SocketTimeoutException("Read timed out"));
    }

    @Override
    public ProviderAnswer status(Payment payment) {
        return new ProviderAnswer.Failed(io.cauri.intent.FailureCode.TIMEOUT, "The request expired unanswered.");
    }
}

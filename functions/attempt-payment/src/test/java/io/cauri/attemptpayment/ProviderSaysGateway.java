package io.cauri.attemptpayment;

import io.cauri.intent.Payment;
import io.cauri.provider.ProviderAnswer;
import io.cauri.provider.ProviderGateway;
import io.cauri.provider.ProviderRequest;
import io.cauri.sandbox.SandboxProviderGateway;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A provider that accepts every request ({@code Pending}: the outcome comes later) and, asked for a payment's
 * status, says what the test tells it to: pending until the test decides the payment. It stands for the provider,
 * in front of the real payment service and reconciliation, only in a function started with
 * {@code test.provider=pending}.
 */
@Singleton
@Replaces(SandboxProviderGateway.class)
@Requires(property = "test.provider", value = "pending")
class ProviderSaysGateway implements ProviderGateway {
    final AtomicReference<ProviderAnswer> status = new AtomicReference<>(new ProviderAnswer.Pending("prv_1"));
    final AtomicInteger statusQueries = new AtomicInteger();

    @Override
    public ProviderAnswer initiate(ProviderRequest request) {
        return new ProviderAnswer.Pending("prv_1");
    }

    @Override
    public ProviderAnswer authenticate(Payment payment, String confirmationCode) {
        return new ProviderAnswer.Pending("prv_1");
    }

    @Override
    public ProviderAnswer status(Payment payment) {
        statusQueries.incrementAndGet();
        return status.get();
    }
}

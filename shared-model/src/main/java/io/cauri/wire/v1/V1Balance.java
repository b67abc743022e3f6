package io.cauri.wire.v1;

import io.cauri.ledger.Balance;
import io.cauri.merchant.Mode;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * {@code GET /api/v1/balance} (docs/CONTRACT.md, balance): Stripe's balance object, one amount per currency in
 * each of {@code available} (what a refund or payout may take now), {@code pending} (collected, not yet available)
 * and {@code reserved} (held by refunds and payouts under way; Cauri's addition).
 */
@Serdeable
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
public record V1Balance(String object, List<Amount> available, List<Amount> pending, List<Amount> reserved,
                        boolean livemode) {

    @Serdeable
    public record Amount(long amount, String currency) {
    }

    public static V1Balance of(List<Balance> balances, Mode mode) {
        return new V1Balance("balance",
                balances.stream().map(b -> new Amount(b.available(), b.currency().name())).toList(),
                balances.stream().map(b -> new Amount(b.pending(), b.currency().name())).toList(),
                balances.stream().map(b -> new Amount(b.reserved(), b.currency().name())).toList(),
                mode == Mode.LIVE);
    }
}

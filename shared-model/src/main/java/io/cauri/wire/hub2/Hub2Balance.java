package io.cauri.wire.hub2;

import io.cauri.intent.Currency;
import io.cauri.ledger.Balance;
import io.cauri.web.error.ApiException;
import io.cauri.time.Timestamps;
import io.micronaut.http.HttpParameters;
import io.micronaut.serde.annotation.Serdeable;
import io.cauri.web.json.Fields;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /balance} (docs/CONTRACT.md, balance): HUB2's two accounts per currency, over Cauri's one pool per
 * merchant, mode and currency, where collected money funds transfers directly. The collection account shows what
 * collections hold for the merchant ({@code amount}: available and pending; {@code availableBalance}: what may be
 * refunded or transferred now); the transfer account what transfers may use ({@code availableBalance}, the same
 * money) and what transfers and refunds under way hold ({@code reservedBalance}); its {@code amount} is both.
 */
@Serdeable
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
public record Hub2Balance(List<CollectionAccount> collectionAccount, List<TransferAccount> transferAccount) {

    @Serdeable
    public record CollectionAccount(long amount, long availableBalance, String currency, String date) {
    }

    @Serdeable
    public record TransferAccount(long amount, long availableBalance, long reservedBalance, String currency,
                                  String date) {
    }

    public static Hub2Balance of(List<Balance> balances) {
        return new Hub2Balance(
                balances.stream().map(b -> new CollectionAccount(Math.addExact(b.available(), b.pending()),
                        b.available(), b.currency().name(), Timestamps.format(b.asOf()))).toList(),
                balances.stream().map(b -> new TransferAccount(Math.addExact(b.available(), b.reserved()),
                        b.available(), b.reserved(), b.currency().name(), Timestamps.format(b.asOf()))).toList());
    }

    /** The query: {@code currency} (optional filter) and {@code date} (ISO 8601, default now). */
    public record Query(Currency currency, Instant date) {
    }

    public static Query query(HttpParameters parameters) {
        String currency = parameters.get("currency");
        String date = parameters.get("date");
        return new Query(currency == null || currency.isEmpty() ? null : Fields.currency("currency", currency),
                date == null || date.isEmpty() ? null : Timestamps.parseLenient(date).orElseThrow(() ->
                        ApiException.invalid("date", "date must be an ISO 8601 date and time, e.g. 2026-10-01T00:00:00.000Z.")));
    }
}

package io.cauri.transfer;

import io.cauri.intent.Currency;

/**
 * A merchant's request for a transfer, as the edge validated its formats (reference characters, lengths, a
 * positive amount, a known currency, a mobile money destination with every field). What the domain owns — the
 * route, its limits, the balance, the blacklist — {@link Transfers#create} checks.
 */
public record NewTransfer(String reference, long amount, Currency currency, String description,
                          Destination destination) {
}

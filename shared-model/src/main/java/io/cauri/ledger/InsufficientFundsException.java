package io.cauri.ledger;

import io.cauri.intent.Currency;
import io.cauri.refusal.Refusal;
import io.cauri.refusal.RefusalException;

/**
 * A movement would take more than the merchant's available money: refused, nothing written. The condition is
 * checked by the storage write itself, so two movements racing for the last francs cannot both pass.
 */
public class InsufficientFundsException extends RefusalException {
    public InsufficientFundsException(Currency currency, String param) {
        super(Refusal.BALANCE_INSUFFICIENT, param,
                "The available " + currency.name() + " balance does not cover this amount.");
    }
}

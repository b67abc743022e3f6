package io.cauri.provider;

/**
 * Port: a provider that sends money to mobile money wallets (transfers, HUB2's pay-outs). The sandbox implements
 * it for sandbox transfers; live connectors that have a disbursement product (MTN MoMo Disbursement, Wave Payout)
 * plug in here.
 */
public interface PayoutGateway {

    /**
     * Asks the provider to pay the order. Called after the transfer and its reservation are stored, and its
     * reconciliation is scheduled; idempotent on {@link PayoutOrder#id()}. An exception means the outcome is
     * unknown (the order may have been sent): the transfer stays pending.
     */
    PayoutAnswer send(PayoutOrder order);

    /** What the provider knows now of an order sent before; an exception means nothing is known. */
    PayoutAnswer status(PayoutOrder order);
}

package io.cauri.provider;

/**
 * Port: a provider that gives a payer back (part of) a payment it collected. The sandbox implements it for sandbox
 * payments; live connectors with a refund call (MTN MoMo via Disbursement, Wave's checkout refund) plug in here.
 * A connector without one has no bean of this port: its payments' refunds are refused up front.
 */
public interface RefundGateway {

    /**
     * Whether this provider can refund {@code amount} of {@code order}'s payment: some refund only the whole
     * payment (Wave's checkout refund), none refunds more than was paid.
     */
    default boolean refunds(RefundOrder order) {
        return order.amount() > 0 && order.amount() <= order.payment().amount();
    }

    /**
     * Asks the provider to refund. Called after the refund and its reservation are stored, and its
     * reconciliation is scheduled; idempotent on {@link RefundOrder#id()}. An exception means the outcome is
     * unknown: the refund stays pending.
     */
    PayoutAnswer refund(RefundOrder order);

    /** What the provider knows now of a refund asked before; an exception means nothing is known. */
    PayoutAnswer status(RefundOrder order);
}

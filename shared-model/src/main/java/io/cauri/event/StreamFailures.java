package io.cauri.event;

/**
 * Port: where the stream publisher parks a record it can never publish ({@link io.cauri.stream.PoisonRecordException}), so
 * that the records behind it go on: in AWS the stream-failures queue (the one Lambda's on-failure destination
 * also fills), for an operator to look at and replay. Throws if the record may not have been parked (then
 * the record is retried, not lost).
 */
public interface StreamFailures {

    /**
     * What is kept of a parked record: where it is in the stream and why it failed. {@code intentId} names what the
     * record is about: the intent's id, or (a ledger-table record) the refund's or the transfer's.
     */
    record Parked(String recordId, String sequenceNumber, String streamArn, String intentId, String error) {
    }

    void park(Parked record);
}

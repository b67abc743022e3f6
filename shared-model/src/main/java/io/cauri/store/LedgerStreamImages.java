package io.cauri.store;

import io.cauri.refund.Refund;
import io.cauri.stream.PoisonRecordException;
import io.cauri.transfer.Transfer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * The ledger table's stream images read back as refunds and transfers ({@link MoneyOutItems}): the adapter side of
 * the stream publisher for that table, so that event derivation sees records and never the table's schema. Journal
 * ({@code txn#}) and balance ({@code balance#}) items announce nothing: {@link #kindOf} tells them from the record's
 * keys alone, before any image is converted.
 */
public final class LedgerStreamImages {

    /** What a ledger-table stream record is about. */
    public enum Kind {
        TRANSFER, REFUND, OTHER
    }

    private LedgerStreamImages() {
    }

    /** Whether a stream record's keys are the ledger table's ({@code pk}, {@code sk}; the intents table keys on {@code id}). */
    public static boolean isLedgerKey(Map<String, ?> keys) {
        return keys != null && keys.containsKey(LedgerTableSchema.PK) && keys.containsKey(LedgerTableSchema.SK);
    }

    /** The kind of item a record of the ledger table is about, from its sort key ({@code sk}). */
    public static Kind kindOf(String sortKey) {
        if (sortKey == null) {
            return Kind.OTHER;
        }
        if (sortKey.startsWith(MoneyOutItems.TRANSFER)) {
            return Kind.TRANSFER;
        }
        return sortKey.startsWith(MoneyOutItems.REFUND) ? Kind.REFUND : Kind.OTHER;
    }

    /** The object id in a refund's or transfer's sort key ({@code transfer#tr_…} → {@code tr_…}); null for other items. */
    public static String objectId(String sortKey) {
        return switch (kindOf(sortKey)) {
            case TRANSFER -> sortKey.substring(MoneyOutItems.TRANSFER.length());
            case REFUND -> sortKey.substring(MoneyOutItems.REFUND.length());
            case OTHER -> null;
        };
    }

    /**
     * The transfer an image holds; null when the record has no such image. An image that cannot be read would fail
     * every time the record is delivered again: a {@link PoisonRecordException}.
     */
    public static Transfer transfer(String recordId, Map<String, AttributeValue> image) {
        try {
            return image == null || image.isEmpty() ? null : MoneyOutItems.transfer(image);
        } catch (RuntimeException e) {
            throw new PoisonRecordException("stream record " + recordId + " cannot be read as a transfer", e);
        }
    }

    /** The refund an image holds; null when the record has no such image. Unreadable: {@link PoisonRecordException}. */
    public static Refund refund(String recordId, Map<String, AttributeValue> image) {
        try {
            return image == null || image.isEmpty() ? null : MoneyOutItems.refund(image);
        } catch (RuntimeException e) {
            throw new PoisonRecordException("stream record " + recordId + " cannot be read as a refund", e);
        }
    }

    /** The id of what caused the write whose new image this is ({@link MoneyOutItems#CORRELATION_ID}), or null. */
    public static String correlationId(Map<String, AttributeValue> image) {
        String id = MoneyOutItems.correlationId(image);
        return io.cauri.correlation.Correlation.valid(id) ? id : null; // else dropped, as for intents
    }
}

package io.cauri.store;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The warm-up builds the table schemas, maps a throwaway intent and merchant to items and back and builds (never
 * sends) a create's requests, off the request's path: the round trip must give back what it mapped, or the
 * rehearsal would warm a path the requests do not take.
 */
class SdkWarmUpTest {

    @Test
    void theRehearsalMapsAnIntentAndAMerchantToItemsAndBackUnchanged() {
        SdkWarmUp.Rehearsal rehearsal = SdkWarmUp.rehearseMapping();

        assertEquals(rehearsal.intent(), rehearsal.intentRead());
        assertEquals(rehearsal.merchant(), rehearsal.merchantRead());
        assertEquals(rehearsal.intent(), IntentTableSchema.INTENT.mapToItem(rehearsal.put().item()));
    }

    @Test
    void itsRequestsNameNoTableOfCauri() {
        SdkWarmUp.Rehearsal rehearsal = SdkWarmUp.rehearseMapping();
        TableNames names = TableNames.defaults();

        for (String table : java.util.List.of(rehearsal.put().tableName(), rehearsal.update().tableName())) {
            assertEquals(SdkWarmUp.REHEARSAL_TABLE, table);
            org.junit.jupiter.api.Assertions.assertFalse(java.util.List.of(names.intents(), names.merchants(),
                    names.rateLimits(), names.idempotency()).contains(table));
        }
    }
}

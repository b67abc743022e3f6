package io.cauri.store;

import io.cauri.id.Ids;
import io.cauri.intent.Currency;
import io.cauri.ledger.Account;
import io.cauri.ledger.Entry;
import io.cauri.ledger.Kind;
import io.cauri.ledger.LedgerQueryException;
import io.cauri.ledger.LedgerTransaction;
import io.cauri.ledger.Statements;
import io.cauri.merchant.Caller;
import io.cauri.merchant.Mode;
import io.cauri.refusal.Refusal;
import io.cauri.testing.DynamoDbLocal;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The reads of the books stay bounded (on DynamoDB Local, with bounds of 3 in place of the shipped 10 000): a past
 * figure undoes at most that many transactions, an export holds at most that many rows; beyond, a 400 on the
 * parameter to change, never a partial answer.
 */
class StatementsBoundsTest {
    private final DynamoLedger ledger = new DynamoLedger(DynamoDbLocal.shared().client(), TableNames.defaults(),
            Clock.systemUTC());
    private final Statements statements = new Statements(ledger, Clock.systemUTC(), 3, 10);
    private final Statements exports = new Statements(ledger, Clock.systemUTC(), 10, 3);

    private Caller booksWithFivePayments(Instant first) {
        String merchant = Ids.next("m_");
        for (int i = 0; i < 5; i++) {
            ledger.post(LedgerTransaction.of(merchant, Mode.SANDBOX, Currency.XOF, Kind.PAYMENT, Ids.next(Ids.PAYMENT),
                    100, 0, List.of(new Entry(Account.EXTERNAL, -100), new Entry(Account.AVAILABLE, 100)),
                    first.plusSeconds(60L * i)));
        }
        return Caller.server(merchant, Mode.SANDBOX);
    }

    @Test
    void aPastFigureUndoesAtMostTheBoundOfTransactions() {
        Instant first = Instant.now().minusSeconds(3600);
        Caller caller = booksWithFivePayments(first);
        // after the second payment: three undone, within the bound
        assertEquals(200, statements.balances(caller, Currency.XOF, first.plusSeconds(90)).get(0).available());
        LedgerQueryException tooFar = assertThrows(LedgerQueryException.class,
                () -> statements.balances(caller, Currency.XOF, first.plusSeconds(30)));
        assertEquals(Refusal.INVALID_PARAMETER, tooFar.refusal());
        assertEquals("date", tooFar.param());
    }

    @Test
    void anExportHoldsAtMostTheBoundOfRows() {
        Instant first = Instant.now().minusSeconds(3600);
        Caller caller = booksWithFivePayments(first);
        int rows = 0;
        for (Statements.Row row : exports.export(caller, first.plusSeconds(60), first.plusSeconds(240))) {
            rows++;
            assertEquals(100L * (rows + 1), row.balanceAfter(), "the running balance starts from the figure at from");
        }
        assertEquals(3, rows);
        LedgerQueryException tooMany = assertThrows(LedgerQueryException.class, () -> {
            for (Statements.Row ignored : exports.export(caller, first, first.plusSeconds(300))) {
                // reading the fourth row refuses
            }
        });
        assertEquals("to", tooMany.param());
        // the opening balance of a period starting too far back is refused on from
        LedgerQueryException tooFar = assertThrows(LedgerQueryException.class,
                () -> statements.export(caller, first, first.plusSeconds(60)));
        assertEquals("from", tooFar.param());
    }
}

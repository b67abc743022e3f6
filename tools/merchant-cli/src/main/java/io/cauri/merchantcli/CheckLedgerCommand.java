package io.cauri.merchantcli;

import io.cauri.ledger.Balance;
import io.cauri.ledger.Ledger;
import io.cauri.ledger.LedgerCheck;
import io.cauri.merchant.MerchantRepository;
import io.cauri.merchant.Mode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.List;

/**
 * The ledger's consistency check ({@link LedgerCheck}) on one merchant's books in one mode, as stored: every
 * transaction's entries sum to zero, every balance is the sum of its entries. Prints the figures and each problem;
 * exit code 1 when the books are inconsistent, so a script or a scheduled job can alert on it.
 */
@Command(name = "check-ledger", mixinStandardHelpOptions = true,
        description = "Check a merchant's books: entries of every transaction sum to zero, balances equal the sum "
                + "of their entries. Exit code 1 when they do not.")
final class CheckLedgerCommand extends MerchantCommand {
    /** Past every transaction: the journal's index sorts by the fixed-width creation time. */
    private static final Instant END_OF_BOOKS = Instant.parse("9999-12-31T23:59:59.999Z");

    @Option(names = "--merchant-id", required = true, paramLabel = "ID")
    String merchantId;

    @Option(names = "--mode", paramLabel = "sandbox|live", description = "The books' mode (default: sandbox).")
    String mode = "sandbox";

    @Override
    void run(MerchantRepository merchants, String tableName) {
        throw new IllegalStateException("check-ledger reads the ledger table: run(MerchantTable)");
    }

    @Override
    void run(MerchantTable table) {
        String id = merchantId(merchantId, "--merchant-id");
        Mode books = Mode.fromWire(mode).orElseThrow(() -> usage("--mode must be sandbox or live"));
        Ledger ledger = table.ledger();
        List<Balance> balances = ledger.balances(id, books);
        LedgerCheck.Report report = LedgerCheck.of(ledger.between(id, books, Instant.EPOCH, END_OF_BOOKS), balances);
        out().println("merchant_id=" + id);
        out().println("mode=" + books.wire());
        out().println("transactions=" + report.transactions());
        for (Balance b : report.balances()) {
            out().println("balance_" + b.currency().name() + "=available:" + b.available() + " pending:"
                    + b.pending() + " reserved:" + b.reserved());
        }
        out().println("consistent=" + report.consistent());
        report.problems().forEach(p -> out().println("problem=" + p));
        if (!report.consistent()) {
            out().flush();
            throw new CommandFailure(report.problems().size() + " problem(s) in the books of " + id + " "
                    + books.wire());
        }
    }
}

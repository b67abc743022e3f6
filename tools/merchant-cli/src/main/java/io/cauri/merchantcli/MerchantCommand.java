package io.cauri.merchantcli;

import io.cauri.merchant.ApiKey;
import io.cauri.merchant.Merchant;
import io.cauri.merchant.MerchantRepository;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** What every command shares: the table it works on, its output streams and the merchant id rules. */
@Command
abstract class MerchantCommand implements Callable<Integer> {

    /** Merchant ids the functions accept: no '#' (the key index items' separator), at most 64 characters. */
    private static final Pattern MERCHANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    @ParentCommand
    MerchantCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        try (MerchantTable table = cli.open(spec.commandLine())) {
            run(table);
        }
        out().flush();
        return 0;
    }

    /** A command on the merchants table; one that reads other tables overrides {@link #run(MerchantTable)}. */
    abstract void run(MerchantRepository merchants, String tableName);

    void run(MerchantTable table) {
        run(table.repository(), table.name());
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    String merchantId(String value, String option) {
        if (!MERCHANT_ID.matcher(value).matches()) {
            throw usage(option + " must be 1 to 64 letters, digits, '_' or '-'");
        }
        return value;
    }

    Merchant existing(MerchantRepository merchants, String merchantId, String tableName) {
        return merchants.find(merchantId(merchantId, "--merchant-id"))
                .orElseThrow(() -> new CommandFailure("no merchant " + merchantId + " in table " + tableName));
    }

    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** The one time a secret is shown: on stdout for the script, with a warning on stderr for the human. */
    void printIssued(Merchant merchant, ApiKey.Issued issued) {
        out().println("merchant_id=" + merchant.id());
        out().println("key_id=" + issued.key().id());
        out().println("mode=" + issued.key().mode().wire());
        out().println("api_key=" + issued.secret());
        out().flush();
        err().println("warning: the API key above is shown once; only its SHA-256 is stored. Keep it now.");
        err().flush();
    }
}

package io.cauri.merchantcli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * Provisions merchants in the merchants table of any DynamoDB (AWS, or DynamoDB Local): creates accounts,
 * issues and revokes API keys, sets the redirection URLs and the
 * duplicate-debit opt-out; checks a merchant's books ({@code check-ledger}). Keys are stored as SHA-256 hashes only (the same
 * repository the functions read), so a secret is printed once, when issued.
 * <p>
 * stdout carries {@code name=value} lines for scripts; warnings and errors go to stderr. Exit codes: 0 done,
 * 1 failed, 2 usage error.
 */
@Command(name = "merchant-cli", mixinStandardHelpOptions = true, version = "cauri merchant-cli 0.1.0",
        description = "Provision Cauri merchants and API keys in DynamoDB.",
        subcommands = {CreateMerchantCommand.class, CreateApiKeyCommand.class, RevokeApiKeyCommand.class,
                SetUrlsCommand.class, SetDebitGuardCommand.class, ShowMerchantCommand.class, CheckLedgerCommand.class, CommandLine.HelpCommand.class})
public final class MerchantCli implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--endpoint", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "DynamoDB endpoint, e.g. http://127.0.0.1:8000 for DynamoDB Local. "
                    + "Default: AWS, with region and credentials from the environment.")
    String endpoint;

    @Option(names = "--region", scope = ScopeType.INHERIT, paramLabel = "REGION",
            description = "AWS region (AWS only). Default: AWS_REGION or the AWS profile's region.")
    String region;

    @Option(names = "--merchants-table", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Merchants table: the stack output MerchantsTableName. "
                    + "Default: CAURI_TABLES_MERCHANTS, else cauri-merchants (DynamoDB Local, local-api).")
    String merchantsTable;

    @Option(names = "--ledger-table", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Ledger table (check-ledger): the stack output LedgerTableName. "
                    + "Default: CAURI_TABLES_LEDGER, else cauri-ledger (DynamoDB Local, local-api).")
    String ledgerTable;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line as main runs it; tests run the same one in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new MerchantCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new FailureReport());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** The merchants table these options point at; the caller closes it. */
    MerchantTable open(CommandLine commandLine) {
        if (region != null && endpoint != null) {
            throw new CommandLine.ParameterException(commandLine,
                    "--region applies to AWS only: with --endpoint the local region (us-east-1) is used");
        }
        return MerchantTable.open(endpoint, region, merchantsTable, ledgerTable);
    }
}

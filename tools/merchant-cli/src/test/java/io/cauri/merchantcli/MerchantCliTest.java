package io.cauri.merchantcli;

import io.cauri.id.Ids;
import io.cauri.merchant.ApiKey;
import io.cauri.merchant.AuthenticationException;
import io.cauri.merchant.Caller;
import io.cauri.merchant.MerchantAuthenticator;
import io.cauri.merchant.Mode;
import io.cauri.store.DynamoMerchantRepository;
import io.cauri.store.TableDefinitions;
import io.cauri.store.TableNames;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.LocalRepositories;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI's command line, run in-process as {@code main} runs it, against DynamoDB Local: what it prints, its
 * exit codes, the items it stores, and that the keys it issues and revokes do (or no longer do) authenticate
 * through the functions' own {@link MerchantAuthenticator}.
 */
class MerchantCliTest {

    static final DynamoDbLocal DYNAMO = DynamoDbLocal.shared();
    static final MerchantAuthenticator AUTHENTICATOR = new MerchantAuthenticator(LocalRepositories.merchants());

    /** One run of the command line: exit code, stdout as name=value pairs, stderr. */
    record Run(int exitCode, String out, String err) {
        Map<String, String> values() {
            Map<String, String> values = new LinkedHashMap<>();
            out.lines().filter(l -> l.contains("=")).forEach(l -> values.put(l.substring(0, l.indexOf('=')),
                    l.substring(l.indexOf('=') + 1)));
            return values;
        }
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = MerchantCli.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] withEndpoint = Stream.concat(Arrays.stream(args), Stream.of("--endpoint", DYNAMO.endpoint()))
                .toArray(String[]::new);
        return new Run(commandLine.execute(withEndpoint), out.toString(), err.toString());
    }

    static Map<String, AttributeValue> item(String table, String id) {
        return DYNAMO.client().getItem(r -> r.tableName(table).key(Map.of("id", AttributeValue.fromS(id)))).item();
    }

    @Test
    void createMerchantStoresTheKeyHashedAndPrintsTheSecretOnce() {
        String merchantId = Ids.next("m_");
        Run run = cli("create-merchant", "--name", "Boutique Abidjan", "--merchant-id", merchantId);

        assertEquals(0, run.exitCode(), run.err());
        Map<String, String> printed = run.values();
        assertEquals(List.of("merchant_id", "key_id", "mode", "api_key"), List.copyOf(printed.keySet()));
        assertEquals(merchantId, printed.get("merchant_id"));
        assertEquals("sandbox", printed.get("mode"));
        String secret = printed.get("api_key");
        assertTrue(secret.startsWith("sk_sandbox_"), secret);
        assertTrue(run.err().contains("shown once"), run.err());
        assertFalse(run.err().contains(secret), "the secret goes to stdout only");

        Map<String, AttributeValue> stored = item("cauri-merchants", merchantId);
        assertEquals("Boutique Abidjan", stored.get("name").s());
        List<AttributeValue> keys = stored.get("apiKeys").l();
        assertEquals(1, keys.size());
        assertEquals(printed.get("key_id"), keys.get(0).m().get("id").s());
        assertEquals(ApiKey.hash(secret), keys.get(0).m().get("sha256").s());
        assertEquals("SANDBOX", keys.get(0).m().get("mode").s());
        assertFalse(stored.toString().contains(secret), "the secret itself is never stored");
        assertEquals(merchantId, item("cauri-merchants", "key#" + ApiKey.hash(secret)).get("merchantId").s(),
                "the Bearer lookup's index item");

        assertEquals(Caller.server(merchantId, Mode.SANDBOX), AUTHENTICATOR.authenticate(merchantId, secret, Mode.SANDBOX));
        assertEquals(Caller.server(merchantId, Mode.SANDBOX), AUTHENTICATOR.bearer(secret));
        assertThrows(AuthenticationException.class, () -> AUTHENTICATOR.authenticate(merchantId, secret, Mode.LIVE));
    }

    @Test
    void createMerchantGeneratesAnIdAndRefusesAnExistingOne() {
        Run created = cli("create-merchant", "--name", "Generated", "--mode", "live");
        assertEquals(0, created.exitCode(), created.err());
        String merchantId = created.values().get("merchant_id");
        assertTrue(merchantId.startsWith("m_") && merchantId.length() > 10, merchantId);
        assertEquals("live", created.values().get("mode"));
        assertTrue(created.values().get("api_key").startsWith("sk_live_"));

        Run again = cli("create-merchant", "--name", "Other", "--merchant-id", merchantId);
        assertEquals(1, again.exitCode());
        assertEquals("", again.out(), "no key printed for a merchant that was not created");
        assertEquals("error: merchant " + merchantId + " already exists in table cauri-merchants", again.err().strip());
        assertEquals("Generated", item("cauri-merchants", merchantId).get("name").s(), "left as it was");
    }

    @Test
    void createApiKeyAddsAKeyInItsModeAndKeepsTheOthers() {
        String merchantId = Ids.next("m_");
        String sandbox = cli("create-merchant", "--name", "Two keys", "--merchant-id", merchantId).values().get("api_key");

        Run run = cli("create-api-key", "--merchant-id", merchantId, "--mode", "LIVE");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(merchantId, run.values().get("merchant_id"));
        assertEquals("live", run.values().get("mode"));
        String live = run.values().get("api_key");
        assertTrue(run.err().contains("shown once"));
        assertEquals(2, item("cauri-merchants", merchantId).get("apiKeys").l().size());
        assertEquals(Caller.server(merchantId, Mode.LIVE), AUTHENTICATOR.authenticate(merchantId, live, Mode.LIVE));
        assertEquals(Caller.server(merchantId, Mode.LIVE), AUTHENTICATOR.bearer(live));
        assertEquals(Caller.server(merchantId, Mode.SANDBOX), AUTHENTICATOR.authenticate(merchantId, sandbox, Mode.SANDBOX));
    }

    @Test
    void aRevokedKeyStopsAuthenticatingAndTheOthersKeepWorking() {
        String merchantId = Ids.next("m_");
        Map<String, String> first = cli("create-merchant", "--name", "Revoker", "--merchant-id", merchantId).values();
        String second = cli("create-api-key", "--merchant-id", merchantId, "--mode", "sandbox").values().get("api_key");
        assertEquals(Caller.server(merchantId, Mode.SANDBOX), AUTHENTICATOR.bearer(first.get("api_key")));

        Run run = cli("revoke-api-key", "--merchant-id", merchantId, "--key-id", first.get("key_id"));

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Map.of("merchant_id", merchantId, "key_id", first.get("key_id"), "revoked", "true"), run.values());
        assertThrows(AuthenticationException.class,
                () -> AUTHENTICATOR.authenticate(merchantId, first.get("api_key"), Mode.SANDBOX));
        assertThrows(AuthenticationException.class, () -> AUTHENTICATOR.bearer(first.get("api_key")));
        assertEquals(Caller.server(merchantId, Mode.SANDBOX), AUTHENTICATOR.bearer(second), "the other key still works");
        List<AttributeValue> keys = item("cauri-merchants", merchantId).get("apiKeys").l();
        assertEquals(List.of(true, false), keys.stream().map(k -> k.m().get("revoked").bool()).toList());

        Run again = cli("revoke-api-key", "--merchant-id", merchantId, "--key-id", first.get("key_id"));
        assertEquals(0, again.exitCode(), "revoking twice is harmless");
        assertTrue(again.err().contains("already revoked"));

        Run unknown = cli("revoke-api-key", "--merchant-id", merchantId, "--key-id", "key_nope");
        assertEquals(1, unknown.exitCode());
        assertEquals("error: merchant " + merchantId + " has no API key key_nope", unknown.err().strip());
    }

    @Test
    void setUrlsChangesOnlyTheUrlsGivenAndAnEmptyValueClearsOne() {
        String merchantId = Ids.next("m_");
        String key = cli("create-merchant", "--name", "Redirects", "--merchant-id", merchantId).values().get("api_key");

        Run first = cli("set-urls", "--merchant-id", merchantId, "--on-success", "https://shop.example/ok",
                "--on-failed", "https://shop.example/ko");
        assertEquals(0, first.exitCode(), first.err());
        Run second = cli("set-urls", "--merchant-id", merchantId, "--on-cancel", "http://localhost:3000/cancel",
                "--on-success", "");
        assertEquals(0, second.exitCode(), second.err());

        assertEquals(Map.of("merchant_id", merchantId, "on_success_redirection_url", "",
                "on_failed_redirection_url", "https://shop.example/ko",
                "on_cancel_redirection_url", "http://localhost:3000/cancel", "on_finish_redirection_url", "",
                "redirect_origins", ""), second.values());
        Map<String, AttributeValue> urls = item("cauri-merchants", merchantId).get("redirectionUrls").m();
        assertTrue(!urls.containsKey("onSuccessRedirectionUrl") || urls.get("onSuccessRedirectionUrl").s() == null,
                "cleared: " + urls);
        assertEquals("https://shop.example/ko", urls.get("onFailedRedirectionUrl").s());
        assertEquals("http://localhost:3000/cancel", urls.get("onCancelRedirectionUrl").s());
        var stored = LocalRepositories.merchants().find(merchantId).orElseThrow();
        assertEquals(new io.cauri.merchant.Merchant.RedirectionUrls(null, "https://shop.example/ko",
                "http://localhost:3000/cancel", null), stored.redirectionUrls());
        assertTrue(stored.keyMatching(key).isPresent(), "the keys are kept");

        Run bad = cli("set-urls", "--merchant-id", merchantId, "--on-finish", "ftp://shop.example/x");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--on-finish must be an absolute http(s) URL"), bad.err());
        Run none = cli("set-urls", "--merchant-id", merchantId);
        assertEquals(2, none.exitCode());
        assertEquals(stored, LocalRepositories.merchants().find(merchantId).orElseThrow(), "nothing changed");

        Run origins = cli("set-urls", "--merchant-id", merchantId, "--redirect-origins",
                "https://Shop.example, http://localhost:3000/");
        assertEquals(0, origins.exitCode(), origins.err());
        assertEquals("https://shop.example,http://localhost:3000", origins.values().get("redirect_origins"));
        var withOrigins = LocalRepositories.merchants().find(merchantId).orElseThrow();
        assertEquals(java.util.List.of("https://shop.example", "http://localhost:3000"), withOrigins.redirectOrigins());
        assertEquals(stored.redirectionUrls(), withOrigins.redirectionUrls(), "the URLs are kept");
        Run notAnOrigin = cli("set-urls", "--merchant-id", merchantId, "--redirect-origins", "https://shop.example/path");
        assertEquals(2, notAnOrigin.exitCode());
        assertTrue(notAnOrigin.err().contains("is not an origin"), notAnOrigin.err());
        Run keyAdded = cli("create-api-key", "--merchant-id", merchantId, "--mode", "sandbox");
        assertEquals(0, keyAdded.exitCode(), keyAdded.err());
        assertEquals(withOrigins.redirectOrigins(), LocalRepositories.merchants().find(merchantId).orElseThrow()
                .redirectOrigins(), "another command keeps the origins");
    }

    @Test
    void setDebitGuardStoresTheOptOutAndEveryOtherCommandKeepsIt() {
        String merchantId = Ids.next("m_");
        assertEquals(0, cli("create-merchant", "--name", "Top-ups", "--merchant-id", merchantId).exitCode());
        assertFalse(LocalRepositories.merchants().find(merchantId).orElseThrow().allowRepeatDebits(), "guarded by default");

        Run optOut = cli("set-debit-guard", "--merchant-id", merchantId, "--allow-repeat-debits", "true");

        assertEquals(0, optOut.exitCode(), optOut.err());
        assertEquals("true", optOut.values().get("allow_repeat_debits"));
        assertTrue(LocalRepositories.merchants().find(merchantId).orElseThrow().allowRepeatDebits());
        assertEquals(0, cli("set-urls", "--merchant-id", merchantId, "--on-success", "https://shop.example/ok").exitCode());
        assertEquals(0, cli("create-api-key", "--merchant-id", merchantId, "--mode", "live").exitCode());
        assertTrue(LocalRepositories.merchants().find(merchantId).orElseThrow().allowRepeatDebits(),
                "set-urls and create-api-key keep the opt-out");
        assertEquals("true", cli("show-merchant", "--merchant-id", merchantId).values().get("allow_repeat_debits"));

        assertEquals(0, cli("set-debit-guard", "--merchant-id", merchantId, "--allow-repeat-debits", "false").exitCode());
        assertFalse(LocalRepositories.merchants().find(merchantId).orElseThrow().allowRepeatDebits());
        assertEquals(2, cli("set-debit-guard", "--merchant-id", merchantId).exitCode(), "the value is required");
    }

    @Test
    void showMerchantListsKeysWithoutSecrets() {
        String merchantId = Ids.next("m_");
        Map<String, String> created = cli("create-merchant", "--name", "Shown", "--merchant-id", merchantId).values();

        Run run = cli("show-merchant", "--merchant-id", merchantId);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("key=" + created.get("key_id") + " mode=sandbox created_at="), run.out());
        assertTrue(run.out().contains(" revoked=false"), run.out());
        assertFalse(run.out().contains(created.get("api_key")));
        assertEquals("Shown", run.values().get("name"));
    }

    @Test
    void usageErrorsExitWith2AndFailuresWith1WithoutStackTraces() {
        Run noCommand = cli();
        assertEquals(2, noCommand.exitCode());
        assertTrue(noCommand.err().contains("a command is required"), noCommand.err());

        Run missingName = cli("create-merchant");
        assertEquals(2, missingName.exitCode());
        assertTrue(missingName.err().contains("Missing required option: '--name=<name>'"), missingName.err());

        Run badMode = cli("create-api-key", "--merchant-id", "m_x", "--mode", "prod");
        assertEquals(2, badMode.exitCode());
        assertTrue(badMode.err().contains("--mode"), badMode.err());

        Run badId = cli("create-merchant", "--name", "x", "--merchant-id", "m#1");
        assertEquals(2, badId.exitCode());
        assertTrue(badId.err().contains("--merchant-id must be 1 to 64 letters"), badId.err());

        Run unknown = cli("create-api-key", "--merchant-id", "m_does_not_exist", "--mode", "live");
        assertEquals(1, unknown.exitCode());
        assertEquals("", unknown.out());
        assertEquals("error: no merchant m_does_not_exist in table cauri-merchants", unknown.err().strip());

        Run regionAndEndpoint = cli("show-merchant", "--merchant-id", "m_x", "--region", "eu-west-1");
        assertEquals(2, regionAndEndpoint.exitCode());

        StringWriter err = new StringWriter();
        CommandLine unreachable = MerchantCli.commandLine();
        unreachable.setErr(new PrintWriter(err, true));
        unreachable.setOut(new PrintWriter(new StringWriter(), true));
        assertEquals(1, unreachable.execute("show-merchant", "--merchant-id", "m_x", "--endpoint", "http://127.0.0.1:1"));
        assertTrue(err.toString().startsWith("error: DynamoDB: "), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void merchantsTableOptionPicksTheTable() {
        TableDefinitions.createAll(DYNAMO.client(), new TableNames(null, "ops-merchants", null, null, null, null, null));
        String merchantId = Ids.next("m_");

        Run run = cli("create-merchant", "--name", "Elsewhere", "--merchant-id", merchantId, "--merchants-table", "ops-merchants");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("Elsewhere", item("ops-merchants", merchantId).get("name").s());
        assertTrue(item("cauri-merchants", merchantId).isEmpty(), "not in the default table");
        var repository = new DynamoMerchantRepository(LocalRepositories.enhancedClient(), DYNAMO.client(),
                new TableNames(null, "ops-merchants", null, null, null, null, null));
        assertEquals(Caller.server(merchantId, Mode.SANDBOX),
                new MerchantAuthenticator(repository).bearer(run.values().get("api_key")));
    }

    /** check-ledger on books in DynamoDB Local: consistent ones print their figures (exit 0), damaged ones exit 1. */
    @Test
    void checkLedgerPrintsTheBooksAndFailsWhenABalanceIsNotTheSumOfItsEntries() {
        TableDefinitions.createAll(DYNAMO.client(), TableNames.defaults());
        String merchantId = Ids.next("m_");
        var ledger = new io.cauri.store.DynamoLedger(DYNAMO.client(), TableNames.defaults(), java.time.Clock.systemUTC());
        ledger.post(io.cauri.ledger.LedgerTransaction.of(merchantId, Mode.LIVE, io.cauri.intent.Currency.XOF,
                io.cauri.ledger.Kind.PAYMENT, Ids.next(Ids.PAYMENT), 10_150, 150,
                List.of(new io.cauri.ledger.Entry(io.cauri.ledger.Account.EXTERNAL, -10_150),
                        new io.cauri.ledger.Entry(io.cauri.ledger.Account.AVAILABLE, 10_000),
                        new io.cauri.ledger.Entry(io.cauri.ledger.Account.FEES, 150)), java.time.Instant.now()));

        Run ok = cli("check-ledger", "--merchant-id", merchantId, "--mode", "live");
        assertEquals(0, ok.exitCode(), ok.err());
        assertEquals("1", ok.values().get("transactions"));
        assertEquals("available:10000 pending:0 reserved:0", ok.values().get("balance_XOF"));
        assertEquals("true", ok.values().get("consistent"));
        Run sandbox = cli("check-ledger", "--merchant-id", merchantId);
        assertEquals("0", sandbox.values().get("transactions"), "the other mode's books are others");

        DYNAMO.client().updateItem(u -> u.tableName(TableNames.defaults().ledger())
                .key(Map.of("pk", AttributeValue.fromS(merchantId + "#live"), "sk", AttributeValue.fromS("balance#XOF")))
                .updateExpression("ADD available :d").expressionAttributeValues(Map.of(":d", AttributeValue.fromN("-1"))));
        Run damaged = cli("check-ledger", "--merchant-id", merchantId, "--mode", "live");
        assertEquals(1, damaged.exitCode());
        assertEquals("false", damaged.values().get("consistent"));
        assertTrue(damaged.out().contains("problem=XOF available: balance 9999, entries sum to 10000"), damaged.out());
        assertTrue(damaged.err().contains("problem(s) in the books of " + merchantId + " live"), damaged.err());

        assertEquals(2, cli("check-ledger", "--merchant-id", merchantId, "--mode", "test").exitCode());
    }
}

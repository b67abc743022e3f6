package io.cauri.localapi;

import io.cauri.localaws.LocalDynamoDb;
import io.cauri.store.TableDefinitions;
import io.cauri.store.TableNames;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one-command local run: DynamoDB Local in this JVM, a generated token signing key, a seeded sandbox
 * merchant, and every HTTP function of template.yaml — each loaded from its own shaded jar, as Lambda
 * runs it — behind one HTTP server on 127.0.0.1.
 */
public final class LocalApi implements AutoCloseable {

    private final Deque<AutoCloseable> started; // DynamoDB Local, then the functions
    private final HttpApiServer server;
    private final SandboxMerchant.Credentials merchant;
    private final LiveConnectors live;
    private final EventPipeline events;

    /** The live connectors of this run: none, a --providers-config file's, or the simulators'. */
    record LiveConnectors(ProvidersConfig config, String source, SimulatedProviders simulators) {
        static final LiveConnectors NONE = new LiveConnectors(null, null, null);
    }

    private LocalApi(Deque<AutoCloseable> started, HttpApiServer server, SandboxMerchant.Credentials merchant,
                     LiveConnectors live, EventPipeline events) {
        this.started = started;
        this.server = server;
        this.merchant = merchant;
        this.live = live;
        this.events = events;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(Options.USAGE);
            return;
        }
        LocalApi api;
        try {
            api = start(Options.parse(args));
        } catch (IllegalArgumentException e) {
            System.err.println("local-api: " + e.getMessage() + "\n" + Options.USAGE);
            System.exit(64);
            return;
        } catch (StartupException e) {
            System.err.println("local-api: " + e.getMessage());
            System.exit(1);
            return;
        } catch (BindException e) {
            System.err.println("local-api: cannot listen on 127.0.0.1 (" + e.getMessage() + "); choose another --port");
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping local-api…");
            api.close();
        }, "local-api-shutdown"));
        Thread.currentThread().join(); // serve until Ctrl-C
    }

    /** Starts everything; the caller closes the result (the tests) or Ctrl-C does (main). */
    public static LocalApi start(Options options) throws Exception {
        long startNanos = System.nanoTime();
        SamTemplate template = SamTemplate.load(options.template());
        List<SamTemplate.Function> functions = template.functions();
        if (functions.isEmpty()) {
            throw new StartupException("no AWS::Serverless::Function with HttpApi events in " + options.template());
        }
        requireJars(functions);

        // First, so that a data directory it creates is owner-only like the key (DynamoDB Local's files go in it too).
        Path keyDir = options.dataDir() != null ? options.dataDir() : Path.of(System.getProperty("user.home"), ".cauri");
        Path keyFile = SigningKeyFile.ensure(keyDir);
        Path webhookKeyFile = SigningKeyFile.ensure(keyDir, "webhook-secrets-key"); // seals webhook secrets
        // checked whole before anything starts: a bad file stops the run with what is wrong in it
        ProvidersConfig providers = options.providersConfig() == null ? null : ProvidersConfig.read(options.providersConfig());

        HttpApiServer server = HttpApiServer.bind(options.port());
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            long dynamoStart = System.nanoTime();
            LocalDynamoDb dynamo = startDynamoDb(options.dataDir());
            started.push(dynamo);
            System.out.printf("  %-24s %-22s start %4d ms%n", "DynamoDB Local", dynamo.endpoint().replace("http://", ""),
                    (System.nanoTime() - dynamoStart) / 1_000_000);

            // The functions' configuration, read by their Micronaut contexts when created (system properties
            // rank above application.yml and the environment). In AWS the template's environment sets it.
            System.setProperty("cauri.dynamodb.endpoint", dynamo.endpoint());
            System.setProperty("cauri.token.signing-key-file", keyFile.toAbsolutePath().toString());
            System.setProperty("cauri.webhooks.encryption-key-file", webhookKeyFile.toAbsolutePath().toString());
            System.setProperty("micronaut.server.port", "-1"); // never let a function open a server of its own
            System.setProperty("cauri.rate-limits.enabled", Boolean.toString(options.rateLimits()));
            // Redirection next actions send the payer's browser to this server's sandbox pages.
            System.setProperty("cauri.sandbox.base-url", "http://127.0.0.1:" + server.address().getPort());

            LiveConnectors live = LiveConnectors.NONE;
            ProvidersConfig.clear();
            if (options.simulatedProviders()) {
                SimulatedProviders simulators = SimulatedProviders.start("http://127.0.0.1:" + server.address().getPort());
                started.push(simulators);
                live = new LiveConnectors(simulators.config(), "--simulated-providers", simulators);
            } else if (providers != null) {
                live = new LiveConnectors(providers, options.providersConfig().toString(), null);
            }
            if (live.config() != null) {
                live.config().apply(); // read by the functions that call providers, when a live payment needs them
            }

            SandboxMerchant.Credentials merchant = SandboxMerchant.seed(dynamo.client(), options.merchantId(),
                    options.apiKey(), options.liveApiKey());
            // Status events and webhooks: the emulator (if Node is here) before the functions read their configuration
            EventPipeline events = EventPipeline.prepare(options.template().toAbsolutePath().getParent(), started);
            Map<String, LoadedFunction> loaded = loadAll(functions, started);
            events.start(template, dynamo, started);
            System.out.printf("  %-24s %s%n", "Events and webhooks", events.mode());
            Optional<ExpirySchedule> expiry = ExpirySchedule.start(template, events::wake);
            expiry.ifPresent(started::push);
            System.out.printf("  %-24s %s%n", "Unpaid intents expiry", expiry.isPresent()
                    ? "every minute (" + ExpirySchedule.FUNCTION + ")" : "off — " + ExpirySchedule.FUNCTION + " not built");
            server.serve(new Router(template.routes()), loaded); // the streams are woken by the writes themselves

            LocalApi api = new LocalApi(started, server, merchant, live, events);
            api.printBanner(template, options, Duration.ofNanos(System.nanoTime() - startNanos));
            return api;
        } catch (Exception | Error e) {
            closeAll(server, started);
            throw e;
        }
    }

    public int port() {
        return server.address().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The address the HTTP server is bound to (127.0.0.1). */
    public InetSocketAddress address() {
        return server.address();
    }

    public SandboxMerchant.Credentials merchant() {
        return merchant;
    }

    /** How events travel in this run: through the SNS/SQS emulator, or in-process and why (the banner's line). */
    String eventsMode() {
        return events.mode();
    }

    /** The live connectors of this run. */
    LiveConnectors live() {
        return live;
    }

    /** Stops the HTTP server, then the functions, then DynamoDB Local. */
    @Override
    public void close() {
        closeAll(server, started);
    }

    private static void requireJars(List<SamTemplate.Function> functions) {
        List<String> missing = functions.stream().filter(f -> !Files.isRegularFile(f.jar()))
                .map(f -> "  " + f.name() + ": " + f.jar()).toList();
        if (!missing.isEmpty()) {
            throw new StartupException("the shaded jar of these functions is missing:\n" + String.join("\n", missing)
                    + "\nBuild them first, from the repository root: ./mvnw -q -DskipTests -Dproguard.skip=true package");
        }
    }

    /**
     * Cold-starts every function now rather than on its first request, so the first call is not slow and a
     * broken function fails the start. One after the other: in parallel, on 2 cores, the total was no
     * clearly shorter (measured) and each function's init time no longer meant anything.
     */
    private static Map<String, LoadedFunction> loadAll(List<SamTemplate.Function> functions, Deque<AutoCloseable> started)
            throws Exception {
        Map<String, LoadedFunction> loaded = new LinkedHashMap<>();
        for (SamTemplate.Function f : functions) {
            long start = System.nanoTime();
            LoadedFunction function = FunctionLoader.load(f);
            started.push(function);
            loaded.put(f.name(), function);
            System.out.printf("  %-24s %-22s init %5d ms%n", f.name(), f.jar().getFileName(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        return loaded;
    }

    /**
     * DynamoDB Local with Cauri's tables: in memory when {@code dataDir} is null, otherwise kept in {@code dataDir}
     * across runs (creating the tables is then a no-op for those it already has).
     */
    static LocalDynamoDb startDynamoDb(Path dataDir) throws Exception {
        return LocalDynamoDb.start(dataDir).setUp(client -> TableDefinitions.createAll(client, TableNames.defaults()));
    }

    /** The HTTP server first, so no request reaches a stopped function, then the rest in reverse order of start. */
    private static void closeAll(HttpApiServer server, Deque<AutoCloseable> started) {
        started.push(server);
        while (!started.isEmpty()) {
            AutoCloseable next = started.pop();
            try {
                next.close();
            } catch (Exception e) {
                System.err.println("local-api: while stopping " + next + ": " + e);
            }
        }
    }

    private void printBanner(SamTemplate template, Options options, Duration startup) {
        StringBuilder out = new StringBuilder();
        String sinceLaunch = ProcessHandle.current().info().startInstant()
                .map(launch -> String.format(" (%.1f s since JVM launch)", Duration.between(launch, Instant.now()).toMillis() / 1000.0))
                .orElse("");
        out.append(String.format("%nCauri local API ready in %.1f s%s%n%n", startup.toMillis() / 1000.0, sinceLaunch));
        out.append("  Base URL          ").append(baseUrl()).append('\n');
        out.append("  MerchantId        ").append(merchant.merchantId()).append('\n');
        out.append("  ApiKey (sandbox)  ").append(merchant.sandboxKey() != null ? merchant.sandboxKey()
                : "unchanged from an earlier run (only its hash is stored; pass --api-key to set one)").append('\n');
        out.append("  Environment       sandbox\n");
        if (merchant.liveKey() != null) {
            out.append("  ApiKey (live)     ").append(merchant.liveKey()).append(live.config() == null
                    ? "   (Environment: live; local data only)\n" : "   (Environment: live, through the live connectors)\n");
        }
        if (live.config() == null) {
            out.append("  Live connectors   none (live attempts answer invalid_payment_processor; see --providers-config, "
                    + "--simulated-providers)\n");
        } else {
            out.append("  Live connectors   ").append(String.join(", ", live.config().names())).append("   (from ")
                    .append(live.source()).append(")\n");
        }
        out.append("  Data              ").append(options.dataDir() == null ? "in memory, gone on exit (--data-dir DIR keeps it)"
                : options.dataDir().toAbsolutePath().toString()).append("\n");
        out.append("  Rate limits       ").append(options.rateLimits() ? "on, per source IP as in AWS (--no-rate-limits turns them off)"
                : "off (--no-rate-limits)").append("\n\n");
        out.append("Routes (from ").append(options.template()).append("):\n");
        template.functions().forEach(f -> f.routes().forEach(r ->
                out.append(String.format("  %-36s %s%n", r.routeKey(), f.name()))));
        String key = merchant.sandboxKey() != null ? merchant.sandboxKey() : "YOUR_SANDBOX_KEY";
        out.append("\nTry:\n  curl -i -X POST ").append(baseUrl()).append("/payment-intents \\\n")
                .append("    -H 'Content-Type: application/json' -H ").append(shellQuote("ApiKey: " + key))
                .append(" -H ").append(shellQuote("MerchantId: " + merchant.merchantId())).append(" -H 'Environment: sandbox' \\\n")
                .append("    -d '{\"customerReference\":\"cust_1\",\"purchaseReference\":\"order_1\",\"amount\":1000,\"currency\":\"XOF\"}'\n")
                .append('\n');
        if (live.simulators() != null) {
            out.append("Provider simulators (live mode: Environment: live with the live key):\n")
                    .append(live.simulators().describe()).append('\n');
        }
        out.append("Ctrl-C stops it.\n");
        System.out.println(out);
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}

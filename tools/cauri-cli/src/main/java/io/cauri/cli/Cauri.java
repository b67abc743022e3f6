package io.cauri.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code cauri}: a merchant developer's tool for their own Cauri integration. It calls the public API with the
 * merchant's key, as their server does: log in once per environment, follow the events feed and forward each event,
 * signed, to a local URL ({@code listen}), produce events in the sandbox ({@code trigger}), read intents, resend events.
 * <p>
 * stdout carries the answers; errors go to stderr as one line ({@code code: message (param)} for the API's errors).
 * Exit codes: 0 done, 1 the API refused or failed, 2 usage (or not logged in), 3 the API could not be reached.
 */
@Command(name = "cauri", mixinStandardHelpOptions = true, version = "cauri " + Cauri.VERSION,
        description = "Cauri for merchants' developers: log in, listen to your events, trigger sandbox events, read intents.",
        subcommands = {LoginCommand.class, ListenCommand.class, TriggerCommand.class, IntentsCommand.class,
                EventsCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 done, 1 the API refused or failed, 2 usage or not logged in, 3 API unreachable."})
public final class Cauri implements Runnable {
    static final String VERSION = "0.1.0";
    static final int EXIT_API = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_UNREACHABLE = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Which stored login to use (default: $CAURI_PROFILE, else default).")
    String profile;

    @Option(names = "--env", scope = ScopeType.INHERIT, paramLabel = "ENV",
            description = "sandbox or live (default: sandbox).")
    String env;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "The configuration file (default: $CAURI_CONFIG, else ~/.config/cauri/config.json).")
    Path config;

    private final Map<String, String> environment;
    private final HttpClient http;

    Cauri(Map<String, String> environment, HttpClient http) {
        this.environment = environment;
        this.http = http;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line as main runs it; tests run the same one in-process. */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    static CommandLine commandLine(Map<String, String> environment) {
        return new CommandLine(new Cauri(environment, Api.newClient()))
                .setExecutionExceptionHandler(Cauri::report);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (cauri help)");
    }

    String profile() {
        if (profile != null) {
            return profile;
        }
        String fromEnv = environment.get("CAURI_PROFILE");
        return fromEnv == null || fromEnv.isBlank() ? "default" : fromEnv;
    }

    /** {@code sandbox} or {@code live}, the values of the API's {@code Environment} header. */
    String env() {
        if (env == null) {
            return "sandbox";
        }
        String e = env.toLowerCase(Locale.ROOT);
        if (!e.equals("sandbox") && !e.equals("live")) {
            throw new CliFailure(EXIT_USAGE, "--env must be sandbox or live, not " + env);
        }
        return e;
    }

    Config config() {
        return Config.load(Config.path(config, environment));
    }

    HttpClient http() {
        return http;
    }

    /** The API with the stored login of the selected profile and environment. */
    Api api() {
        return new Api(config().credentials(profile(), env()), http);
    }

    /** A failed command: one line on stderr (and the API's request id), no stack trace, its exit code. */
    private static int report(Exception failure, CommandLine commandLine, CommandLine.ParseResult parsed) {
        PrintWriter err = commandLine.getErr();
        if (failure instanceof CliFailure f) {
            err.println(f.getMessage());
            if (f.detail() != null) {
                err.println("  " + f.detail());
            }
            err.flush();
            return f.exitCode();
        }
        if (failure instanceof Api.Interrupted) {
            return 130; // stopped by Ctrl-C, as a shell reports a SIGINT
        }
        err.println("error: " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
        err.flush();
        return EXIT_API;
    }
}

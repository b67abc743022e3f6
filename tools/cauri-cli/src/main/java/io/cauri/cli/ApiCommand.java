package io.cauri.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** What every command shares: the root's options (profile, environment, configuration file) and its streams. */
@Command
abstract class ApiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    Cauri cauri() {
        return (Cauri) spec.root().userObject();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** One line on stdout, at once: {@code listen} and {@code trigger} report while they work. */
    void say(String line) {
        out().println(line);
        out().flush();
    }
}

package io.cauri.localapi;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AWS's own linter (cfn-lint: resource schemas, SAM transform, dependency cycles) on template.yaml, where it is
 * installed ({@code pip install cfn-lint}); {@link TemplateTest} checks the template against the code everywhere.
 */
class CfnLintTest {

    @Test
    void cfnLintFindsNothing() throws Exception {
        Optional<Path> cfnLint = onPath("cfn-lint");
        Assumptions.assumeTrue(cfnLint.isPresent(), "cfn-lint is not installed (pip install cfn-lint)");
        Path template = Path.of("..").toAbsolutePath().normalize().resolve("template.yaml");

        Path report = Files.createTempFile("cfn-lint", ".txt");
        Process process = new ProcessBuilder(cfnLint.get().toString(), "--format", "parseable", template.toString())
                .redirectErrorStream(true).redirectOutput(report.toFile()).start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(report, StandardCharsets.UTF_8);
        Files.delete(report);
        assertTrue(finished, "cfn-lint did not finish in 5 minutes:\n" + output);
        assertEquals(0, process.exitValue(), "cfn-lint:\n" + output);
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        return path == null ? Optional.empty() : Arrays.stream(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }
}

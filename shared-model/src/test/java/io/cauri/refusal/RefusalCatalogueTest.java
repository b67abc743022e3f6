package io.cauri.refusal;

import io.cauri.web.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalogue of refusals is the only place an error code is written: the edge's constants are its values,
 * every value has one HTTP status, and no main source of the repository spells a code as a string literal.
 */
class RefusalCatalogueTest {
    /** The repository's root: tests run in shared-model's directory. */
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path CATALOGUE = Path.of("shared-model/src/main/java/io/cauri/refusal/Refusal.java");

    @Test
    void everyRefusalHasOneHttpStatus() {
        for (Refusal refusal : Refusal.values()) {
            int status = ErrorCode.status(refusal);
            assertTrue(status >= 400 && status < 600, refusal + " -> " + status);
        }
        assertEquals(400, ErrorCode.status(Refusal.INVALID_PAYMENT_PROCESSOR));
        assertEquals(503, ErrorCode.status(Refusal.SERVICE_UNAVAILABLE));
    }

    /** README's error table is checked against the edge's constants: they must name the whole catalogue. */
    @Test
    void theEdgeConstantsAreExactlyTheCatalogue() throws IllegalAccessException {
        Set<String> constants = new TreeSet<>();
        for (Field field : ErrorCode.class.getFields()) {
            if (field.getType() == String.class && Modifier.isStatic(field.getModifiers())) {
                constants.add((String) field.get(null));
            }
        }
        Set<String> catalogue = Arrays.stream(Refusal.values()).map(Refusal::wire).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(catalogue, constants);
    }

    @Test
    void wireStringsAreDistinctSnakeCase() {
        Set<String> seen = new TreeSet<>();
        for (Refusal refusal : Refusal.values()) {
            assertTrue(refusal.wire().matches("[a-z]+(_[a-z]+)*"), refusal.wire());
            assertTrue(seen.add(refusal.wire()), "twice: " + refusal.wire());
        }
    }

    @Test
    void noMainSourceWritesAnErrorCodeAsALiteral() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(REPO)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> REPO.relativize(p).toString().replace('\\', '/').contains("src/main/java/"))
                    .filter(p -> !p.toString().contains("/node_modules/") && !p.toString().contains("/target/"))
                    .filter(p -> !REPO.relativize(p).equals(CATALOGUE))
                    // the cold-start floor and peer answer like create-intent without any of Cauri's code, on purpose:
                    // they measure what a handler costs without it (bench/README.md, "Floor, peer and JDK 25")
                    .filter(p -> !REPO.relativize(p).startsWith("bench/floor") && !REPO.relativize(p).startsWith("bench/peer"))
                    .forEach(p -> found.addAll(codeLiterals(REPO.relativize(p), read(p))));
        }
        assertEquals(List.of(), found, "error codes written outside " + CATALOGUE + ": use Refusal or ErrorCode");
    }

    /** The string literals of {@code source} (comments skipped) that are an error code of the catalogue. */
    static List<String> codeLiterals(Path file, String source) {
        Set<String> codes = Arrays.stream(Refusal.values()).map(Refusal::wire).collect(Collectors.toSet());
        List<String> found = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i) < 0 ? source.length() : source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                i = end < 0 ? source.length() : end + 3; // text blocks: pages and scripts, never a code alone
            } else if (c == '"' || c == '\'') {
                StringBuilder literal = new StringBuilder();
                int j = i + 1;
                while (j < source.length() && source.charAt(j) != c && source.charAt(j) != '\n') {
                    if (source.charAt(j) == '\\' && j + 1 < source.length()) {
                        literal.append(source.charAt(j)).append(source.charAt(j + 1));
                        j += 2;
                    } else {
                        literal.append(source.charAt(j++));
                    }
                }
                if (c == '"' && codes.contains(literal.toString())) {
                    found.add(file + ": \"" + literal + "\"");
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return found;
    }

    @Test
    void theScanSeesLiteralsButNotComments() {
        String source = "class A { // \"not_found\"\n /* \"invalid_state\" */ String s = \"invalid_payment_processor\";"
                + " char q = '\"'; String t = \"a \\\" b\"; String u = \"not_found\"; }";

        assertEquals(List.of("A.java: \"invalid_payment_processor\"", "A.java: \"not_found\""),
                codeLiterals(Path.of("A.java"), source));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

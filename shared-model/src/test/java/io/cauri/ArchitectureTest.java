package io.cauri;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The layers, checked on the sources of every module (a plain import scan, like {@code TemplateTest}: no
 * library, nothing loaded). The rule table is {@link #DOMAIN}, {@link #OUTER} and {@link #FORBIDDEN_IN_DOMAIN}
 * below; docs/ARCHITECTURE.md explains it.
 * <ul>
 *   <li>A domain class (a class of a {@link #DOMAIN} package) refers to no outer package: no io.cauri package
 *       that is not domain (DynamoDB store, HTTP edge, wire formats, AWS / HTTP / local / sandbox adapters,
 *       tokens, Lambda glue), no AWS SDK, no Micronaut HTTP, no JWT library, no OpenAPI annotations. Imports and
 *       fully-qualified names in code count; comments and strings do not.</li>
 *   <li>The domain packages have no cycle: each can be read, tested and moved without the ones above it.</li>
 *   <li>Every package of shared-model's main code is in the table, so a new package is placed on purpose.</li>
 * </ul>
 */
class ArchitectureTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    /** Domain packages: the payment rules and the ports they need. Pure Java plus dependency injection. */
    static final Set<String> DOMAIN = Set.of(
            "io.cauri.intent",       // the intent, its payments, the state machine, IntentRepository/PaymentLocator ports
            "io.cauri.payment",      // the operations that move an intent with a provider
            "io.cauri.provider",     // the provider port and its values (routes, coverage, answers, events)
            "io.cauri.fee",          // fee schedule and calculator
            "io.cauri.merchant",     // merchants, API keys, redirect allowlist
            "io.cauri.customer",
            "io.cauri.ratelimit",    // rules and the windows port
            "io.cauri.idempotency",  // the record and the store port
            "io.cauri.event",        // events as values, derived from intent changes; publisher port
            "io.cauri.webhook",      // endpoints, deliveries, dispatcher, retry, signatures, SSRF rule; their ports
            "io.cauri.sealing",      // secret sealing (AES-GCM) and the encryption-key port
            "io.cauri.refusal",      // the refusal catalogue
            "io.cauri.ledger",       // the merchants' books: accounts, balanced transactions, postings; Ledger port
            "io.cauri.transfer",     // transfers (pay-outs) to mobile money wallets
            "io.cauri.refund",       // refunds of successful payments
            "io.cauri.url",          // URL comparison shared by redirect and webhook rules
            "io.cauri.secret",       // secrets read from outside, cached with a TTL, forgotten on a SnapStart restore
            "io.cauri.correlation",  // the id of what caused a write (request, sweep, queue message), per thread
            "io.cauri.metrics",      // the metrics port, its values and names, the business metrics of a change
            "io.cauri.id", "io.cauri.time", "io.cauri.init"); // kernel utilities

    /** Outer packages of shared-model: adapters (implement domain ports) and the edge (HTTP, wire, tokens). */
    static final Set<String> OUTER = Set.of(
            "io.cauri.store",            // DynamoDB adapters
            "io.cauri.aws",              // SNS, SQS, KMS, Secrets Manager adapters
            "io.cauri.http",             // outbound HTTP (webhook sender)
            "io.cauri.local",            // in-process adapters for local runs and tests
            "io.cauri.sandbox",          // the sandbox provider (an adapter of the provider port)
            "io.cauri.stream",           // DynamoDB stream record -> events; builds the event bodies
            "io.cauri.token",            // intent tokens (JWT)
            "io.cauri.web.error", "io.cauri.web.auth", "io.cauri.web.guard", "io.cauri.web.json",
            "io.cauri.web.log", "io.cauri.web.idempotency",
            "io.cauri.wire.hub2", "io.cauri.wire.v1");

    /** Libraries the domain never sees (besides every io.cauri package that is not domain). */
    static final List<String> FORBIDDEN_IN_DOMAIN = List.of(
            "software.amazon.", "com.amazonaws.", "io.micronaut.http.", "com.nimbusds.", "io.swagger.");

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+?)(?:\\.\\*)?\\s*;",
            Pattern.MULTILINE);
    /** A qualified name in code: io.cauri.x.y.Type, software.amazon..., com.nimbusds... */
    private static final Pattern QUALIFIED = Pattern.compile(
            "\\b((?:io\\.cauri|software\\.amazon|com\\.amazonaws|io\\.micronaut\\.http|com\\.nimbusds|io\\.swagger)"
                    + "(?:\\.[a-z_][\\w]*)*\\.[A-Z]\\w*)");

    /** One main source file: where it is, its package and the names it refers to. */
    record Source(Path path, String pkg, Set<String> references) {
    }

    @Test
    void domainClassesReferToNothingOuter() {
        List<String> violations = domainViolations(mainSources());
        if (!violations.isEmpty()) {
            fail("domain code refers to outer code (see docs/ARCHITECTURE.md):\n  " + String.join("\n  ", violations));
        }
    }

    @Test
    void domainPackagesHaveNoCycle() {
        List<List<String>> cycles = domainCycles(mainSources());
        if (!cycles.isEmpty()) {
            StringBuilder message = new StringBuilder("domain packages depend on each other in a cycle:");
            for (List<String> cycle : cycles) {
                message.append("\n  ").append(String.join(" -> ", cycle)).append(" -> ").append(cycle.get(0));
            }
            fail(message.toString());
        }
    }

    @Test
    void everySharedModelPackageIsPlaced() {
        Set<String> unplaced = new TreeSet<>();
        Set<String> seen = new TreeSet<>();
        for (Source s : mainSources()) {
            if (!s.path().startsWith(REPO.resolve("shared-model"))) {
                continue;
            }
            seen.add(s.pkg());
            if (!DOMAIN.contains(s.pkg()) && !OUTER.contains(s.pkg())) {
                unplaced.add(s.pkg());
            }
        }
        assertTrue(unplaced.isEmpty(), "packages of shared-model in neither DOMAIN nor OUTER: " + unplaced);
        Set<String> gone = new TreeSet<>(DOMAIN);
        gone.addAll(OUTER);
        gone.removeAll(seen);
        assertTrue(gone.isEmpty(), "packages in the rule table that no longer exist: " + gone);
    }

    static List<String> domainViolations(List<Source> sources) {
        List<String> out = new ArrayList<>();
        for (Source s : sources) {
            if (!DOMAIN.contains(s.pkg())) {
                continue;
            }
            for (String ref : s.references()) {
                if (isOuter(ref)) {
                    out.add(REPO.relativize(s.path()) + " (" + s.pkg() + ") -> " + ref);
                }
            }
        }
        return out;
    }

    static boolean isOuter(String name) {
        if (name.startsWith("io.cauri.")) {
            return !DOMAIN.contains(packageOf(name));
        }
        return FORBIDDEN_IN_DOMAIN.stream().anyMatch(name::startsWith);
    }

    /** The package of a type name: the part before its first capitalised segment. */
    static String packageOf(String name) {
        String[] parts = name.split("\\.");
        StringBuilder pkg = new StringBuilder();
        for (String part : parts) {
            if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))) {
                break;
            }
            if (!pkg.isEmpty()) {
                pkg.append('.');
            }
            pkg.append(part);
        }
        return pkg.toString();
    }

    /** Every cycle's packages (one strongly connected component each, of two packages or more). */
    static List<List<String>> domainCycles(List<Source> sources) {
        Map<String, Set<String>> edges = new TreeMap<>();
        for (Source s : sources) {
            if (!DOMAIN.contains(s.pkg())) {
                continue;
            }
            Set<String> to = edges.computeIfAbsent(s.pkg(), k -> new TreeSet<>());
            for (String ref : s.references()) {
                String target = packageOf(ref);
                if (DOMAIN.contains(target) && !target.equals(s.pkg())) {
                    to.add(target);
                }
            }
        }
        return new Tarjan(edges).components().stream().filter(c -> c.size() > 1).toList();
    }

    /** Tarjan's strongly connected components. */
    private static final class Tarjan {
        private final Map<String, Set<String>> edges;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<List<String>> out = new ArrayList<>();

        Tarjan(Map<String, Set<String>> edges) {
            this.edges = edges;
        }

        List<List<String>> components() {
            for (String v : edges.keySet()) {
                if (!index.containsKey(v)) {
                    visit(v);
                }
            }
            return out;
        }

        private void visit(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            onStack.add(v);
            for (String w : edges.getOrDefault(v, Set.of())) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                List<String> component = new ArrayList<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.add(w);
                } while (!w.equals(v));
                Collections.reverse(component);
                out.add(component);
            }
        }
    }

    static List<Source> mainSources() {
        List<Source> out = new ArrayList<>();
        try {
            Files.walkFileTree(REPO, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    return Set.of("target", "node_modules", ".git", "test").contains(name)
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (file.toString().endsWith(".java")
                            && REPO.relativize(file).toString().replace('\\', '/').contains("src/main/java/")) {
                        out.add(read(file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Source read(Path path) {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher pkg = PACKAGE.matcher(text);
        String own = pkg.find() ? pkg.group(1) : "";
        Set<String> refs = new TreeSet<>();
        Matcher imports = IMPORT.matcher(text);
        while (imports.find()) {
            refs.add(imports.group(1));
        }
        String code = withoutCommentsAndStrings(text);
        code = IMPORT.matcher(code).replaceAll(" ");
        code = PACKAGE.matcher(code).replaceAll(" ");
        Matcher qualified = QUALIFIED.matcher(code);
        while (qualified.find()) {
            refs.add(qualified.group(1));
        }
        return new Source(path, own, refs);
    }

    /** The text with comments, string and char literals (text blocks too) blanked. */
    static String withoutCommentsAndStrings(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (text.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < n && !text.startsWith("\"\"\"", end)) {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                i = Math.min(n, end + 3);
                out.append(' ');
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && text.charAt(end) != c && text.charAt(end) != '\n') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                i = Math.min(n, end + 1);
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}

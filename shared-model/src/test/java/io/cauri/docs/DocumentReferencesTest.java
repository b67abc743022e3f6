package io.cauri.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every document a comment, README or configuration file cites is inside the repository, so a clone reads
 * on its own: the contract is {@code docs/CONTRACT.md} and the pages it is built on are in
 * {@code docs/reference/}. Fails on a reference to the old contract file outside the repository, to a
 * numbered source page instead of its file in {@code docs/reference/}, or to a path under the directory
 * beside the clone; and on a cited {@code docs/…} file or {@code docs/CONTRACT.md §N} section that does not
 * exist. Scans the repository's text files (not build output, not installed packages).
 */
class DocumentReferencesTest {

    private static final Path REPO = repositoryRoot();
    private static final Set<String> TEXT = Set.of("java", "md", "yaml", "yml", "xml", "js", "json", "sh",
            "properties", "html", "css", "txt");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node_modules", ".git", ".idea",
            ".local-data", ".mvn");
    /** This file spells the patterns it looks for. */
    private static final String SELF = "DocumentReferencesTest.java";

    /** The contract's old file name (split so that this file does not match itself elsewhere). */
    private static final Pattern OUTSIDE_CONTRACT = Pattern.compile("\\bAPI" + "\\.md\\b");
    /** A source page cited by its old number (the word, then three digits) instead of by its file in docs/reference/. */
    private static final Pattern NUMBERED_PAGE = Pattern.compile("(?i)\\bseeds?\\s+\\d{3}|\\bseeds/");
    /** A file under the directory that sits beside the clone on the build machine (not in a clone). */
    private static final Pattern BESIDE_CLONE = Pattern.compile("\\.\\./shared/");
    private static final Pattern DOCS_PATH = Pattern.compile("(?<![\\w./-])docs/[\\w./-]*[\\w/]");
    private static final Pattern CONTRACT_SECTION = Pattern.compile("docs/CONTRACT\\.md\\s+§(\\d+)");
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)#\\s]+)(?:#[^)]*)?\\)");

    @Test
    void everyCitedDocumentIsInsideTheRepository() {
        Set<Integer> sections = contractSections();
        List<String> problems = new ArrayList<>();
        for (Path file : textFiles()) {
            String rel = REPO.relativize(file).toString().replace('\\', '/');
            List<String> lines = read(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String at = rel + ":" + (i + 1) + ": ";
                if (OUTSIDE_CONTRACT.matcher(line).find()) {
                    problems.add(at + "cites the contract outside the repository; cite docs/CONTRACT.md §N");
                }
                if (NUMBERED_PAGE.matcher(line).find()) {
                    problems.add(at + "cites a source page by number; cite its file in docs/reference/");
                }
                if (BESIDE_CLONE.matcher(line).find()) {
                    problems.add(at + "cites a file outside the clone; bring it into docs/");
                }
                Matcher docs = DOCS_PATH.matcher(line);
                while (!quotesOtherRepositories(rel) && docs.find()) {
                    String cited = docs.group().replaceAll("[.]+$", "");
                    if (!Files.exists(REPO.resolve(cited))) {
                        problems.add(at + "cites " + cited + ", which does not exist");
                    }
                }
                Matcher section = CONTRACT_SECTION.matcher(line);
                while (section.find()) {
                    if (!sections.contains(Integer.parseInt(section.group(1)))) {
                        problems.add(at + "cites docs/CONTRACT.md §" + section.group(1) + ", which has no such section");
                    }
                }
                if (rel.startsWith("docs/") && rel.endsWith(".md")) {
                    Matcher link = MARKDOWN_LINK.matcher(line);
                    while (link.find()) {
                        String target = link.group(1);
                        if (!target.contains("://") && !Files.exists(file.getParent().resolve(target))) {
                            problems.add(at + "links to " + target + ", which does not exist");
                        }
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        System.out.println("document references: " + textFiles().size() + " files scanned, contract sections "
                + sections + ", 0 problems");
    }

    /** The operators' digest and HUB2's pages name other projects' {@code docs/} folders, not ours. */
    private static boolean quotesOtherRepositories(String rel) {
        return rel.equals("docs/PROVIDERS.md") || rel.startsWith("docs/reference/");
    }

    /** The numbers of the contract's "## N." sections. */
    private static Set<Integer> contractSections() {
        Set<Integer> sections = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^## (\\d+)\\. ").matcher(String.join("\n", read(REPO.resolve("docs/CONTRACT.md"))));
        while (m.find()) {
            sections.add(Integer.parseInt(m.group(1)));
        }
        assertTrue(sections.size() >= 7, "docs/CONTRACT.md has its sections 1-7: " + sections);
        return sections;
    }

    private static List<Path> textFiles() {
        try (Stream<Path> walk = Files.walk(REPO)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !skipped(REPO.relativize(p)))
                    .filter(p -> isText(p.getFileName().toString()))
                    .filter(p -> !p.getFileName().toString().equals(SELF))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isText(String name) {
        int dot = name.lastIndexOf('.');
        return (dot > 0 && TEXT.contains(name.substring(dot + 1))) || name.equals("run");
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return List.of(); // not UTF-8 text (a binary fixture): nothing to cite
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module runs from its own directory; the repository is where docs/CONTRACT.md is. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/CONTRACT.md")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docs/CONTRACT.md above " + Path.of("").toAbsolutePath());
    }
}

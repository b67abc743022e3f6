package io.cauri.localaws;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the launcher says before it starts Node: every case on a real Node, none skipped. */
class FauxqsTest {

    @Test
    void theRepositorysEmulatorCanRun() {
        assertEquals(Optional.empty(), Fauxqs.unavailable(Fauxqs.toolsDirectory()));
    }

    @Test
    void aFolderWithoutThePackageSaysToInstallIt(@TempDir Path tools) throws Exception {
        Files.copy(Fauxqs.toolsDirectory().resolve(Fauxqs.SCRIPT), tools.resolve(Fauxqs.SCRIPT));
        String why = Fauxqs.unavailable(tools).orElseThrow();
        assertTrue(why.contains("not installed") && why.contains("npm ci --prefix tools/aws-emulators"), why);
    }

    @Test
    void aHalfInstalledPackageIsCaughtBeforeTheStart(@TempDir Path tools) throws Exception {
        Files.copy(Fauxqs.toolsDirectory().resolve(Fauxqs.SCRIPT), tools.resolve(Fauxqs.SCRIPT));
        Path partial = Files.createDirectories(tools.resolve("node_modules").resolve("fauxqs"));
        Files.writeString(partial.resolve("package.json"), "{\"name\":\"fauxqs\",\"type\":\"module\",\"main\":\"dist/index.js\"}");
        String why = Fauxqs.unavailable(tools).orElseThrow();
        assertTrue(why.contains("not installed completely") && why.contains("npm ci --prefix tools/aws-emulators"), why);
    }

    @Test
    void noWrapperNoEmulator(@TempDir Path tools) {
        assertTrue(Fauxqs.unavailable(tools).orElseThrow().startsWith("no "));
    }
}

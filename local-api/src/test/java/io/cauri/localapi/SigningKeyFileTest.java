package io.cauri.localapi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SigningKeyFileTest {

    @Test
    void generatesAnOwnerOnlyRandomKeyOnceAndReusesIt(@TempDir Path dir) throws Exception {
        Path file = SigningKeyFile.ensure(dir.resolve("nested"));
        String key = Files.readString(file).strip();

        assertEquals(dir.resolve("nested/token-signing-key"), file);
        assertTrue(key.matches("[A-Za-z0-9_-]{43,}"), "base64url of 256 random bits");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals(key, Files.readString(SigningKeyFile.ensure(dir.resolve("nested"))).strip(), "reused");
        assertNotEquals(key, Files.readString(SigningKeyFile.ensure(dir.resolve("other"))).strip(), "random");
    }

    @Test
    void refusesAKeyTooShortToSignWith(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("token-signing-key"), "short");
        assertThrows(StartupException.class, () -> SigningKeyFile.ensure(dir));
    }
}

package io.cauri.token;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SigningKeyTest {

    private static final String SECRET = "k".repeat(20) + "-this-is-32-plus";

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16, 31})
    void aKeyShorterThan256BitsIsRefused(int length) {
        assertThrows(IllegalArgumentException.class, () -> new SigningKey(new byte[length]));
    }

    @ParameterizedTest
    @ValueSource(ints = {32, 33, 64})
    void aKeyOfAtLeast256BitsIsAccepted(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 7);

        assertArrayEquals(bytes, new SigningKey(bytes).bytes());
    }

    @Test
    void toStringNeverShowsTheKey() {
        byte[] bytes = SECRET.getBytes(StandardCharsets.UTF_8);
        String shown = new SigningKey(bytes).toString();

        assertTrue(shown.contains("redacted"), shown);
        assertEquals("SigningKey[" + bytes.length * 8 + " bits, redacted]", shown);
        assertFalse(shown.contains(SECRET.substring(0, 8)), shown);
        assertFalse(shown.contains(HexFormat.of().formatHex(bytes).substring(0, 8)), shown);
        assertFalse(shown.contains(Base64.getEncoder().encodeToString(bytes).substring(0, 8)), shown);
    }

    @Test
    void theKeyIsCopiedInAndOut() {
        byte[] bytes = SECRET.getBytes(StandardCharsets.UTF_8);
        SigningKey key = new SigningKey(bytes);

        bytes[0] ^= 1;                 // the caller's array changes afterwards
        key.bytes()[1] ^= 1;           // a reader scribbles on what it got

        assertArrayEquals(SECRET.getBytes(StandardCharsets.UTF_8), key.bytes());
        assertNotSame(key.bytes(), key.bytes());
    }

    @Test
    void keysWithTheSameBytesAreEqual() {
        assertEquals(new SigningKey(SECRET.getBytes(StandardCharsets.UTF_8)),
                new SigningKey(SECRET.getBytes(StandardCharsets.UTF_8)));
        assertEquals(new SigningKey(SECRET.getBytes(StandardCharsets.UTF_8)).hashCode(),
                new SigningKey(SECRET.getBytes(StandardCharsets.UTF_8)).hashCode());
    }

    // ---- SigningKeyFactory: file and inline sources (the Secrets Manager source needs AWS) ----

    @Test
    void theFactoryReadsAnInlineKey() {
        SigningKey key = new SigningKeyFactory().signingKey("", "", SECRET);

        assertEquals(new SigningKey(SECRET.getBytes(StandardCharsets.UTF_8)), key);
    }

    @Test
    void theFactoryReadsAKeyFileIgnoringTheTrailingNewline(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("signing-key");
        Files.writeString(file, SECRET + "\n");

        SigningKey key = new SigningKeyFactory().signingKey("", file.toString(), "ignored-because-the-file-wins-xxxxxxxx");

        assertEquals(new SigningKey(SECRET.getBytes(StandardCharsets.UTF_8)), key);
    }

    @Test
    void theFactoryRefusesAMissingKeyFile(@TempDir Path dir) {
        String missing = dir.resolve("nope").toString();

        assertThrows(ConfigurationException.class, () -> new SigningKeyFactory().signingKey("", missing, ""));
    }

    @Test
    void theFactoryRefusesToStartWithoutAKey() {
        assertThrows(ConfigurationException.class, () -> new SigningKeyFactory().signingKey("", "", ""));
        assertThrows(ConfigurationException.class, () -> new SigningKeyFactory().signingKey(" ", " ", " "));
    }

    @Test
    void theFactoryRefusesAShortInlineKey() {
        assertThrows(IllegalArgumentException.class,
                () -> new SigningKeyFactory().signingKey("", "", "short-secret"));
        // 31 characters plus padding that strip() removes: still too short
        assertThrows(IllegalArgumentException.class,
                () -> new SigningKeyFactory().signingKey("", "", "  " + "x".repeat(31) + "\n"));
    }
}

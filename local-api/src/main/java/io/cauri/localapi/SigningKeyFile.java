package io.cauri.localapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The client-token signing key in local mode: a random secret in {@code <dir>/token-signing-key}, made once
 * and reused so tokens survive a restart with the same {@code --data-dir}. Never a literal, never printed.
 * The functions read it through {@code cauri.token.signing-key-file} (see SigningKeyFactory).
 */
public final class SigningKeyFile {

    static final String NAME = "token-signing-key";
    private static final int MIN_LENGTH = 43; // 32 random bytes in unpadded base64url: 256 bits

    private SigningKeyFile() {
    }

    /** The key file in {@code dir}, created (owner read/write only) if it does not exist yet. */
    public static Path ensure(Path dir) throws IOException {
        Files.createDirectories(dir, ownerOnly("rwx------")); // only directories it creates
        Path file = dir.resolve(NAME);
        try {
            Files.createFile(file, ownerOnly("rw-------"));
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "\n",
                    StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException reuse) {
            String key = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (key.length() < MIN_LENGTH) {
                throw new StartupException(file + " holds a key shorter than " + MIN_LENGTH
                        + " characters; delete it to have a new one generated");
            }
        }
        return file;
    }

    /** Permissions given at creation, in one step: the key is never readable by others, even briefly. */
    private static FileAttribute<?>[] ownerOnly(String permissions) {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }
}

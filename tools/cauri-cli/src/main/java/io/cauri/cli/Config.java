package io.cauri.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The credentials {@code cauri login} keeps: {@code {"profiles":{NAME:{"sandbox":{…},"live":{…}}}}}, each environment
 * with {@code baseUrl}, {@code merchantId}, {@code apiKey} and the secret {@code cauri listen} signs with. The file
 * holds API keys, so it is written owner-only (600, its directory 700) and replaced atomically, never left half
 * written.
 */
final class Config {
    static final String ENV_VARIABLE = "CAURI_CONFIG";

    /** One environment of one profile. {@code listenSecret} may be null until the first {@code listen}. */
    record Credentials(String profile, String env, String baseUrl, String merchantId, String apiKey, String listenSecret) {
        /** What a command may print: the key shortened, never whole. */
        String keyShown() {
            return mask(apiKey);
        }
    }

    private final Path file;
    private final ObjectNode root;

    private Config(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    /** {@code explicit} if given, else {@code $CAURI_CONFIG}, else {@code ~/.config/cauri/config.json}. */
    static Path path(Path explicit, Map<String, String> environment) {
        if (explicit != null) {
            return explicit;
        }
        String fromEnv = environment.get(ENV_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Path.of(System.getProperty("user.home"), ".config", "cauri", "config.json");
    }

    static Config load(Path file) {
        if (!Files.exists(file)) {
            return new Config(file, Json.object());
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliFailure(Cauri.EXIT_USAGE, "cannot read " + file + ": " + e.getMessage());
        }
        JsonNode node = Json.readOrNull(text);
        if (!(node instanceof ObjectNode object)) {
            throw new CliFailure(Cauri.EXIT_USAGE, file + " is not a cauri configuration (a JSON object); "
                    + "move it away and run cauri login again");
        }
        return new Config(file, object);
    }

    Path file() {
        return file;
    }

    /** The stored credentials, or a failure telling how to log in. */
    Credentials credentials(String profile, String env) {
        JsonNode entry = root.path("profiles").path(profile).path(env);
        if (!entry.isObject() || !entry.path("apiKey").isTextual()) {
            throw new CliFailure(Cauri.EXIT_USAGE, "not logged in to " + env + " (profile " + profile + "): run cauri login"
                    + ("default".equals(profile) ? "" : " --profile " + profile) + ("sandbox".equals(env) ? "" : " --env " + env));
        }
        return new Credentials(profile, env, entry.path("baseUrl").asText(), entry.path("merchantId").asText(),
                entry.path("apiKey").asText(), entry.path("listenSecret").isTextual() ? entry.get("listenSecret").asText() : null);
    }

    /** Stores (or replaces) one environment's credentials, keeping its listen secret, and writes the file. */
    void store(String profile, String env, String baseUrl, String merchantId, String apiKey) {
        ObjectNode entry = entry(profile, env);
        entry.put("baseUrl", baseUrl);
        entry.put("merchantId", merchantId);
        entry.put("apiKey", apiKey);
        save();
    }

    /** Keeps the secret {@code listen} generated, so a local receiver configured with it works run after run. */
    void storeListenSecret(String profile, String env, String secret) {
        entry(profile, env).put("listenSecret", secret);
        save();
    }

    private ObjectNode entry(String profile, String env) {
        ObjectNode profiles = root.has("profiles") && root.get("profiles").isObject()
                ? (ObjectNode) root.get("profiles") : root.putObject("profiles");
        ObjectNode byEnv = profiles.has(profile) && profiles.get(profile).isObject()
                ? (ObjectNode) profiles.get(profile) : profiles.putObject(profile);
        return byEnv.has(env) && byEnv.get(env).isObject() ? (ObjectNode) byEnv.get(env) : byEnv.putObject(env);
    }

    private void save() {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            if (!Files.isDirectory(dir)) {
                if (posix) {
                    Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectories(dir);
                }
            }
            // created owner-only before a byte is written, so the keys are never readable by others, not even briefly
            Path temp = posix
                    ? Files.createTempFile(dir, ".config", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".config", ".tmp");
            try {
                Files.writeString(temp, Json.pretty(root) + "\n", StandardCharsets.UTF_8);
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new CliFailure(Cauri.EXIT_USAGE, "cannot write " + file + ": " + e.getMessage());
        }
    }

    /**
     * A key as it may be printed: its prefix ({@code sk_demo_}, {@code sk_live_}: which key it is) and its last 4
     * characters; a short key shows only its last 2 so most of it stays hidden.
     */
    static String mask(String key) {
        if (key == null || key.isEmpty()) {
            return "";
        }
        int prefixEnd = key.lastIndexOf('_', Math.min(key.length() - 1, 8));
        String prefix = prefixEnd > 0 && key.length() - prefixEnd > 8 ? key.substring(0, prefixEnd + 1) : "";
        int tail = key.length() - prefix.length() >= 16 ? 4 : Math.min(2, key.length() / 4);
        return prefix + "…" + key.substring(key.length() - tail);
    }
}

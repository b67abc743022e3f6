package io.cauri.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The token signing keys in force: the current one signs, every one verifies. Rotating adds a new current
 * key and keeps the previous one until the tokens it signed have expired (their lifetime, 48 h), so a
 * rotation never logs a payer out; then the previous key is dropped and its tokens stop working.
 */
public record SigningKeys(SigningKey current, List<SigningKey> previous) {
    public SigningKeys {
        previous = List.copyOf(previous);
        if (previous.contains(current)) {
            throw new IllegalArgumentException("the current signing key is also listed as a previous one");
        }
    }

    public static SigningKeys of(SigningKey current) {
        return new SigningKeys(current, List.of());
    }

    /** The key a token names by its {@code kid}, if it is still in force. */
    public Optional<SigningKey> byId(String kid) {
        return all().stream().filter(k -> k.id().equals(kid)).findFirst();
    }

    public List<SigningKey> all() {
        List<SigningKey> all = new ArrayList<>(previous.size() + 1);
        all.add(current);
        all.addAll(previous);
        return all;
    }
}

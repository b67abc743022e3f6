package io.cauri.connector.live;

import io.cauri.provider.ConnectorSettings;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Something a live connector builds from its {@link ConnectorSettings} (a gateway, its money-out side) the first time
 * it is needed, then keeps: never at init, built once however many requests race for it, built again when the
 * settings it was built from change (a rotated credential), kept when the settings cannot be read at that moment
 * (the provider still has those credentials), forgotten on demand (before a SnapStart checkpoint and after a
 * restore). A build that fails is not kept: the next use tries again.
 *
 * <p>Settings that cannot be had (absent, unreadable, invalid) throw {@link SettingsUnavailableException}, whose
 * message names a setting at most, never a value of one.
 */
final class LazyBuilt<T> {
    private final String connector;
    private final ConnectorSettings settings;
    private final Function<Map<String, String>, T> build;
    private final Object lock = new Object();
    private volatile Built<T> built;
    private final AtomicInteger builds = new AtomicInteger();

    /** What was built and the settings it was built from. */
    private record Built<T>(Map<String, String> values, T value) {
        @Override
        public String toString() {
            return "Built[" + values.keySet() + "]"; // the keys only: the values are credentials
        }
    }

    /**
     * @param build from the connector's settings; throws {@link IllegalArgumentException} whose message names what
     *              is wrong without quoting any value
     */
    LazyBuilt(String connector, ConnectorSettings settings, Function<Map<String, String>, T> build) {
        this.connector = connector;
        this.settings = settings;
        this.build = build;
    }

    /** What the current settings build, built now if it is not yet (or was built from other values). */
    T get() {
        Built<T> current = built;
        Map<String, String> values = currentValues(current);
        if (current != null && (values == null || current.values().equals(values))) {
            return current.value();
        }
        synchronized (lock) {
            current = built;
            if (current != null && (values == null || current.values().equals(values))) {
                return current.value();
            }
            if (values == null) {
                values = currentValues(null);
            }
            Built<T> next = new Built<>(values, buildFrom(values));
            builds.incrementAndGet();
            built = next;
            return next.value();
        }
    }

    /**
     * The connector's settings now; null if they cannot be read but something is built (it goes on with the values
     * it has). With nothing built, settings that cannot be had throw.
     */
    private Map<String, String> currentValues(Built<T> current) {
        Map<String, String> values;
        try {
            values = settings.of(connector).orElse(null);
        } catch (RuntimeException e) {
            if (current != null) {
                return null;
            }
            // the store's own message may quote what it read: the exception's type only
            throw new SettingsUnavailableException(connector, "its settings could not be read (" + e.getClass().getSimpleName() + ")");
        }
        if (values == null || values.isEmpty()) {
            throw new SettingsUnavailableException(connector, "it has no settings");
        }
        return values;
    }

    private T buildFrom(Map<String, String> values) {
        try {
            return build.apply(values);
        } catch (IllegalArgumentException | NullPointerException e) {
            // the configuration records' messages name the setting, never its value
            throw new SettingsUnavailableException(connector, "its settings are invalid (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw new SettingsUnavailableException(connector, "it could not be built (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Drops what is built (and the credentials and tokens it holds); the next use builds it again. */
    void forget() {
        synchronized (lock) {
            built = null;
        }
    }

    boolean isBuilt() {
        return built != null;
    }

    int builds() {
        return builds.get();
    }
}

package io.cauri.provider;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Connector settings, unmodifiable; {@link #toString()} shows the keys only (the values are credentials). */
final class RedactedSettings extends AbstractMap<String, String> {
    private final Map<String, String> settings;

    RedactedSettings(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return settings.entrySet();
    }

    @Override
    public String get(Object key) {
        return settings.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return settings.containsKey(key);
    }

    @Override
    public String toString() {
        return "{" + String.join(", ", new TreeSet<>(settings.keySet())) + " (values redacted)}";
    }
}

package io.cauri.connector.live;

import io.cauri.provider.ConnectorUnavailableException;

/**
 * A live connector whose settings are absent, unreadable or invalid: it cannot be built, so nothing was sent to its
 * provider. For a status read this is an unknown outcome (the payment stays {@code processing}); an initiate answers
 * it as a failure that says so. The reason names a setting at most, never a value of one (values are credentials).
 */
public class SettingsUnavailableException extends ConnectorUnavailableException {
    private final String connector;
    private final String reason;

    public SettingsUnavailableException(String connector, String reason) {
        super(connector);
        this.connector = connector;
        this.reason = reason;
    }

    public String connector() {
        return connector;
    }

    @Override
    public String getMessage() {
        return "connector " + connector + " is not available: " + reason;
    }
}

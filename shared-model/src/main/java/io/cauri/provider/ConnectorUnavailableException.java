package io.cauri.provider;

/**
 * A payment names a connector this function does not have (its jar or its credentials are absent). For a
 * status read this means "unknown": the payment stays {@code processing} and is asked again where the connector
 * is available.
 */
public class ConnectorUnavailableException extends RuntimeException {
    public ConnectorUnavailableException(String connector) {
        super("connector " + connector + " is not available in this function");
    }
}

package io.cauri.webhook;

import io.cauri.merchant.Mode;

import java.util.List;
import java.util.Optional;

/** Port: a merchant's webhook endpoints, per mode. Updates are conditional on the endpoint's version. */
public interface WebhookRepository {

    WebhookEndpoint create(WebhookEndpoint endpoint);

    /** Throws {@link io.cauri.intent.ConcurrentChangeException} if the endpoint changed since it was read. */
    WebhookEndpoint update(WebhookEndpoint endpoint);

    Optional<WebhookEndpoint> find(String merchantId, Mode mode, String endpointId);

    /** Every endpoint of the merchant in this mode, disabled ones included, oldest first. */
    List<WebhookEndpoint> list(String merchantId, Mode mode);

    /** True if it existed. */
    boolean delete(String merchantId, Mode mode, String endpointId);
}

package io.cauri.lambda;

import io.cauri.init.InitEagerly;
import io.cauri.intent.Currency;
import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.MerchantRepository;
import io.cauri.merchant.Mode;
import io.cauri.token.IntentTokens;
import io.cauri.web.json.JsonBody;
import io.cauri.wire.hub2.Hub2CreateIntentRequest;
import io.cauri.wire.hub2.Hub2PaymentIntent;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * SnapStart priming: just before Lambda snapshots an initialised function (CRaC {@code beforeCheckpoint}),
 * run once what every request runs, so that the snapshot holds loaded, initialised and partly compiled code
 * instead of leaving that to the first request after each restore:
 * <ul>
 *   <li>a harmless DynamoDB call through the real client and repository — a read of a merchant that does not
 *       exist — which also loads the SDK's request, signing and response path;</li>
 *   <li>a client token issued and verified for a throwaway intent (never stored, never sent);</li>
 *   <li>a HUB2 create body parsed and a HUB2 intent written, with the application's JSON mapper.</li>
 * </ul>
 * Nothing random is drawn (the throwaway intent has a fixed id: no {@code Ids}, no UUID of ours), no secret is
 * created, nothing is written. Any failure is logged and ignored: priming must never stop a snapshot.
 * <p>
 * Registered with the CRaC global context when the bean is created, at init ({@link InitEagerly}); on a JVM
 * without CRaC (every environment but SnapStart) the hooks are never called.
 */
@Singleton
@InitEagerly
public class SnapStartPriming implements Resource {
    static final String MERCHANT = "m_snapstart_priming";
    static final String INTENT = "pi_snapstartpriming00000";
    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);

    private final MerchantRepository merchants;
    private final IntentTokens tokens;
    private final JsonMapper json;

    /** {@code tokens} is absent in a function configured without a signing key (it uses no client tokens). */
    public SnapStartPriming(MerchantRepository merchants, @io.micronaut.core.annotation.Nullable IntentTokens tokens,
                            JsonMapper json) {
        this.merchants = merchants;
        this.tokens = tokens;
        this.json = json;
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to renew: no connection is relied upon (the SDK reconnects), no random state was drawn
    }

    /** Runs the priming once; true if every part of it ran without error. */
    boolean prime() {
        boolean ok = true;
        try {
            merchants.find(MERCHANT);
        } catch (RuntimeException e) {
            ok = false;
            LOG.warn("SnapStart priming: DynamoDB read failed ({}); the snapshot is taken without it", e.toString());
        }
        try {
            PaymentIntent intent = PaymentIntent.open(INTENT, MERCHANT, Mode.SANDBOX,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), "priming", "priming", 100, Currency.XOF, null);
            String token = null;
            if (tokens != null) {
                token = tokens.issue(intent);
                tokens.verify(token);
            }
            Hub2CreateIntentRequest.parse(JsonBody.parse(json,
                    "{\"customerReference\":\"priming\",\"purchaseReference\":\"priming\",\"amount\":100,\"currency\":\"XOF\"}"));
            byte[] body = json.writeValueAsBytes(Hub2PaymentIntent.of(intent, token));
            json.readValue(body, Map.class);
        } catch (IOException | RuntimeException e) {
            ok = false;
            LOG.warn("SnapStart priming: token or JSON step failed ({}); the snapshot is taken without it", e.toString());
        }
        return ok;
    }
}

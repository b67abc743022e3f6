package io.cauri.providerevents;

import io.cauri.id.Ids;
import io.cauri.merchant.Merchant;
import io.cauri.merchant.MerchantRepository;
import io.cauri.provider.PaymentRoute;
import io.cauri.provider.ProviderCoverage;
import io.cauri.token.IntentTokenClaims;
import io.cauri.token.IntentTokens;
import io.cauri.token.InvalidTokenException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Produces;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /checkout?token=…}: a minimal hosted checkout that shows the client-side integration. The page
 * holds no intent data: its script ({@code /pages/checkout.js}) reads the intent and pays it through the
 * routes a payer's app may call with only the intent token (retrieve, attempt, authentication), the same
 * origin as the page. The server only checks the token (a bad or expired one gets an error page, not a
 * form), names the merchant, and lists the mobile money routes of coverage.json for the script to offer.
 *
 * <p>The token never goes into a URL the API stores or a path: the page takes it as a query value, and the
 * URL the payer comes back to after a redirection flow is {@code /checkout?intent=pi_…}, stored on the attempt
 * (and so shown in the intent, {@code GET /payments} and webhooks) with no token in it. That return page
 * holds no data either: its script takes the token the checkout left in the tab's {@code sessionStorage}
 * (same origin, this tab only) and reloads the checkout with it.
 */
@Controller("/checkout")
public class PageCheckoutController {

    private final IntentTokens tokens;
    private final MerchantRepository merchants;
    private final String routesJson;

    public PageCheckoutController(IntentTokens tokens, MerchantRepository merchants, ProviderCoverage coverage,
                                  JsonMapper json) {
        this.tokens = tokens;
        this.merchants = merchants;
        this.routesJson = routesJson(coverage.routes(), json);
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    public MutableHttpResponse<String> page(@Nullable @QueryValue String token, @Nullable @QueryValue String intent) {
        if ((token == null || token.isEmpty()) && intent != null && Ids.looksLike(Ids.INTENT, intent)) {
            return returnPage(intent);
        }
        IntentTokenClaims claims;
        try {
            claims = tokens.verify(token == null ? "" : token);
        } catch (InvalidTokenException e) {
            return new HtmlPage(HttpStatus.UNAUTHORIZED, """
                    <!doctype html>
                    <html lang="fr"><head><meta charset="utf-8">
                    <meta name="viewport" content="width=device-width,initial-scale=1">
                    <title>Lien de paiement invalide</title><link rel="stylesheet" href="/pages/pages.css"></head>
                    <body><main class="card"><h1 id="invalid-link">Lien de paiement invalide</h1>
                    <p>Ce lien de paiement n'est pas valide ou a expiré. Demandez-en un nouveau au marchand.</p>
                    </main></body></html>
                    """, Set.of()).response();
        }
        String merchantName = merchants.find(claims.merchantId()).map(Merchant::name).orElse(claims.merchantId());
        return HtmlPage.ok("""
                <!doctype html>
                <html lang="fr"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width,initial-scale=1">
                <title>Paiement · %1$s</title>
                <link rel="stylesheet" href="/pages/pages.css"></head>
                <body><main class="card" id="checkout" data-intent-id="%2$s" data-token="%3$s" data-mode="%4$s"
                  data-merchant-name="%1$s" data-routes="%5$s">
                <p class="badge" id="mode"></p>
                <h1 id="merchant">%1$s</h1>
                <p class="amount" id="amount">…</p>
                <p id="error" class="error" role="alert" hidden></p>
                <p id="failure" class="error" role="status" hidden></p>

                <form id="pay" hidden>
                  <label for="country">Pays</label><select id="country" required></select>
                  <label for="provider">Opérateur</label><select id="provider" required></select>
                  <label for="msisdn">Numéro de téléphone</label>
                  <input id="msisdn" type="tel" inputmode="tel" autocomplete="tel" required maxlength="20">
                  <button id="submit-payment" type="submit">Payer</button>
                </form>

                <form id="otp" hidden>
                  <p id="otp-message"></p>
                  <label for="otp-code">Code de confirmation</label>
                  <input id="otp-code" inputmode="numeric" autocomplete="one-time-code" required maxlength="8">
                  <button id="submit-otp" type="submit">Confirmer</button>
                </form>

                <section id="waiting" hidden><p id="waiting-message"></p><p class="muted">En attente de la confirmation…</p>
                  <p><a id="redirection" class="button" hidden>Continuer vers l'opérateur</a></p></section>

                <section id="result" class="result" hidden><h2 id="result-title"></h2><p id="result-message"></p></section>
                </main>
                <script src="/pages/checkout.js"></script>
                </body></html>
                """.formatted(HtmlPage.escape(merchantName), HtmlPage.escape(claims.intentId()), HtmlPage.escape(token),
                HtmlPage.escape(claims.mode().wire()), HtmlPage.escape(routesJson))).response();
    }

    /**
     * Where a redirection flow brings the payer back: no token in the URL, none in the page. The script resumes
     * the checkout with the token this tab kept, or says the link is no longer valid.
     */
    private static MutableHttpResponse<String> returnPage(String intentId) {
        return HtmlPage.ok("""
                <!doctype html>
                <html lang="fr"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width,initial-scale=1">
                <title>Retour au paiement</title><link rel="stylesheet" href="/pages/pages.css"></head>
                <body><main class="card" id="checkout-return" data-intent-id="%1$s">
                <p id="resuming">Retour au paiement…</p>
                <p id="error" class="error" role="alert" hidden></p>
                </main>
                <script src="/pages/checkout.js"></script>
                </body></html>
                """.formatted(HtmlPage.escape(intentId))).response();
    }

    /** The mobile money routes (cards need a card form this page does not have), for the script's menus. */
    private static String routesJson(List<PaymentRoute> routes, JsonMapper json) {
        List<Map<String, Object>> offered = routes.stream()
                .filter(route -> !ProviderCoverage.isCard(route))
                .map(route -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("country", route.country());
                    entry.put("currency", route.currency().name());
                    entry.put("provider", route.provider());
                    entry.put("name", ProviderNames.of(route.provider()));
                    entry.put("minAmount", route.minAmount());
                    entry.put("maxAmount", route.maxAmount());
                    return entry;
                })
                .toList();
        try {
            return json.writeValueAsString(offered);
        } catch (IOException e) {
            throw new UncheckedIOException("coverage routes are plain strings and numbers", e);
        }
    }
}

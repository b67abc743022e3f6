package io.cauri.providerevents;

import io.cauri.id.Ids;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.NextAction;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentLocator;
import io.cauri.intent.PaymentNotFoundException;
import io.cauri.intent.PaymentOutcomes;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Mode;
import io.cauri.provider.ProviderEvent;
import io.cauri.provider.SandboxProviderGateway;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;

import java.net.URI;
import java.util.Optional;

/**
 * The sandbox's stand-in for a provider's payment page (wave, card): {@code nextAction.data.url} of a
 * redirection. The payer approves or declines; the outcome is applied like any provider event. Only
 * sandbox payments, and only while they wait for the payer; the unguessable payment id is the capability,
 * as for a real hosted checkout page.
 */
@Controller("/sandbox/payments/{paymentId}")
public class SandboxPaymentPageController {

    private final PaymentLocator locator;
    private final IntentRepository intents;
    private final PaymentOutcomes outcomes;
    private final SandboxProviderGateway sandbox;

    public SandboxPaymentPageController(PaymentLocator locator, IntentRepository intents, PaymentOutcomes outcomes,
                                        SandboxProviderGateway sandbox) {
        this.locator = locator;
        this.intents = intents;
        this.outcomes = outcomes;
        this.sandbox = sandbox;
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    public String page(@PathVariable String paymentId) {
        PaymentIntent intent = sandboxIntent(paymentId);
        Payment payment = intent.payment(paymentId).orElseThrow();
        String name = intent.overrideBusinessName() != null ? intent.overrideBusinessName() : intent.merchantId();
        boolean open = waitsForPayer(payment);
        return """
                <!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Cauri sandbox</title>
                <meta name="viewport" content="width=device-width,initial-scale=1"></head>
                <body style="font-family:sans-serif;max-width:28rem;margin:2rem auto">
                <h1>Paiement sandbox</h1>
                <p id="merchant">%s</p>
                <p id="amount"><strong>%d %s</strong> — %s</p>
                %s
                </body></html>""".formatted(html(name), payment.amount(), payment.currency(), html(payment.provider()),
                open ? """
                        <form method="post" action="%1$s/approve"><button id="approve" type="submit">Approuver</button></form>
                        <form method="post" action="%1$s/decline"><button id="decline" type="submit">Refuser</button></form>
                        """.formatted("/sandbox/payments/" + paymentId)
                        : "<p id=\"result\">" + payment.status().wire() + "</p>");
    }

    @Post(value = "/approve", consumes = MediaType.ALL)
    public HttpResponse<String> approve(@PathVariable String paymentId) {
        return decide(paymentId, true);
    }

    @Post(value = "/decline", consumes = MediaType.ALL)
    public HttpResponse<String> decline(@PathVariable String paymentId) {
        return decide(paymentId, false);
    }

    /** Applies the payer's choice, then sends the browser where the merchant asked, or back to the page. */
    private HttpResponse<String> decide(String paymentId, boolean approved) {
        PaymentIntent intent = sandboxIntent(paymentId);
        Payment payment = intent.payment(paymentId).orElseThrow();
        if (waitsForPayer(payment)) {
            // An approval may bring no event: number 00000004 never answers, its timeout settles it.
            Optional<ProviderEvent> event = approved ? sandbox.approval(payment) : Optional.of(sandbox.decline(payment));
            intent = event.flatMap(outcomes::apply).orElse(intent);
            payment = intent.payment(paymentId).orElseThrow();
        }
        String target = payment.status() == PaymentStatus.SUCCESSFUL ? payment.onSuccessRedirectionUrl()
                : payment.status() == PaymentStatus.FAILED ? payment.onFailedRedirectionUrl() : null;
        return HttpResponse.<String>seeOther(URI.create(target != null ? target : "/sandbox/payments/" + paymentId));
    }

    private PaymentIntent sandboxIntent(String paymentId) {
        if (!Ids.looksLike(Ids.PAYMENT, paymentId)) {
            throw new PaymentNotFoundException(paymentId);
        }
        return locator.intentOf(paymentId)
                .flatMap(intents::find)
                .filter(i -> i.mode() == Mode.SANDBOX && i.payment(paymentId).isPresent())
                .orElseThrow(() -> new PaymentNotFoundException(paymentId));
    }

    private static boolean waitsForPayer(Payment payment) {
        return payment.status() == PaymentStatus.ACTION_REQUIRED && payment.nextAction() != null
                && payment.nextAction().type() == NextAction.Type.REDIRECTION;
    }

    private static String html(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}

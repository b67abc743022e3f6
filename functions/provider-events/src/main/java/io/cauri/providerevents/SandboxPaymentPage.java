package io.cauri.providerevents;

import io.cauri.intent.Failure;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentStatus;

import java.time.Duration;
import java.time.Instant;

/**
 * The sandbox's provider page for one payment, as HTML: who is paid (the intent's
 * {@code overrideBusinessName}, else the merchant's name), how much, by which provider, and either the
 * payer's choice (approve / decline, with the time left before the provider gives up) or the result, with
 * the way back to the merchant. Every value from the merchant or the payer is escaped.
 */
record SandboxPaymentPage(PaymentIntent intent, Payment payment, String merchantName, boolean open,
                          Instant deadline, Instant now, String returnUrl) {

    String html() {
        String base = "/sandbox/payments/" + payment.id();
        String description = intent.details().description();
        return """
                <!doctype html>
                <html lang="fr"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width,initial-scale=1">
                <title>Paiement sandbox · %1$s</title>
                <link rel="stylesheet" href="/pages/pages.css"></head>
                <body><main class="card" id="sandbox-payment">
                <p class="badge">Sandbox · %2$s</p>
                <h1 id="merchant">%1$s</h1>
                %3$s<p class="amount" id="amount">%4$s</p>
                <p class="muted" id="payer">%5$s</p>
                %6$s
                </main>
                <script src="/pages/sandbox-payment.js"></script>
                </body></html>
                """.formatted(HtmlPage.escape(merchantName), HtmlPage.escape(ProviderNames.of(payment.provider())),
                description == null ? "" : "<p id=\"description\">" + HtmlPage.escape(description) + "</p>\n",
                AmountText.of(payment.amount(), payment.currency()),
                HtmlPage.escape(ProviderNames.of(payment.provider()) + (payment.number() == null ? "" : " · " + payment.number())),
                open ? choice(base) : result());
    }

    private String choice(String base) {
        long seconds = Math.max(0, Duration.between(now, deadline).toSeconds());
        return """
                <p id="countdown" data-deadline="%1$s">Temps restant : <strong id="remaining">%2$02d:%3$02d</strong></p>
                <div class="actions">
                <form method="post" action="%4$s/approve"><button id="approve" class="approve" type="submit">Approuver</button></form>
                <form method="post" action="%4$s/decline"><button id="decline" class="decline" type="submit">Refuser</button></form>
                </div>""".formatted(deadline, seconds / 60, seconds % 60, base);
    }

    private String result() {
        PaymentStatus status = payment.status();
        String title = switch (status) {
            case SUCCESSFUL -> "Paiement approuvé";
            case FAILED -> "Paiement refusé";
            default -> "Paiement en cours de traitement";
        };
        Failure failure = payment.failure();
        String reason = failure == null ? "" : "<p id=\"failure\">" + HtmlPage.escape(failure.message()) + " ("
                + HtmlPage.escape(failure.code().wire()) + ")</p>\n";
        String back = returnUrl == null ? ""
                : "<p><a id=\"return\" class=\"button\" href=\"" + HtmlPage.escape(returnUrl) + "\">Retour chez le marchand</a></p>\n";
        return "<section id=\"result\" class=\"result " + status.wire() + "\" data-status=\"" + status.wire() + "\">\n"
                + "<h2 id=\"result-title\">" + title + "</h2>\n" + reason + back + "</section>";
    }
}

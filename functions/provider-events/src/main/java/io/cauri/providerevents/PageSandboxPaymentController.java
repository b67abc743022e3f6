package io.cauri.providerevents;

import io.cauri.id.Ids;
import io.cauri.intent.IntentRepository;
import io.cauri.intent.NextAction;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentIntent;
import io.cauri.intent.PaymentLocator;
import io.cauri.intent.PaymentNotFoundException;
import io.cauri.payment.PaymentOutcomes;
import io.cauri.intent.PaymentStatus;
import io.cauri.merchant.Merchant;
import io.cauri.merchant.MerchantRepository;
import io.cauri.merchant.Mode;
import io.cauri.provider.ProviderEvent;
import io.cauri.sandbox.SandboxProviderGateway;
import io.cauri.refusal.Refusal;
import io.cauri.web.error.ApiException;
import io.cauri.url.Urls;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sandbox's stand-in for a provider's payment page (wave, card): {@code nextAction.data.url} of a
 * redirection. The payer approves or declines before the provider window closes; the outcome is applied
 * like any provider event, then the browser goes to the attempt's success or failure URL, or back to the
 * page, which then shows the result. Only sandbox payments; the unguessable payment id is the capability,
 * as for a real provider's hosted page.
 */
@Controller("/sandbox/payments/{paymentId}")
public class PageSandboxPaymentController {

    private final PaymentLocator locator;
    private final IntentRepository intents;
    private final MerchantRepository merchants;
    private final PaymentOutcomes outcomes;
    private final SandboxProviderGateway sandbox;
    private final Clock clock;
    /** Origin of the configured public base URL, where the page is served from; null when not configured. */
    private final String publicBaseOrigin;

    public PageSandboxPaymentController(PaymentLocator locator, IntentRepository intents, MerchantRepository merchants,
                                        PaymentOutcomes outcomes, SandboxProviderGateway sandbox, Clock clock,
                                        @Value("${cauri.sandbox.base-url:}") String publicBaseUrl) {
        this.locator = locator;
        this.intents = intents;
        this.merchants = merchants;
        this.outcomes = outcomes;
        this.sandbox = sandbox;
        this.clock = clock;
        this.publicBaseOrigin = publicBaseUrl == null || publicBaseUrl.isBlank() ? null
                : Urls.origin(publicBaseUrl.strip()).orElse(null);
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    public MutableHttpResponse<String> page(@PathVariable String paymentId) {
        PaymentIntent intent = sandboxIntent(paymentId);
        Payment payment = intent.payment(paymentId).orElseThrow();
        String name = intent.overrideBusinessName() != null ? intent.overrideBusinessName()
                : merchants.find(intent.merchantId()).map(Merchant::name).orElse(intent.merchantId());
        SandboxPaymentPage page = new SandboxPaymentPage(intent, payment, name, waitsForPayer(payment),
                deadline(intent, payment), clock.instant(), redirectionTarget(payment));
        List<String> targets = new ArrayList<>();
        Optional.ofNullable(payment.onSuccessRedirectionUrl()).ifPresent(targets::add);
        Optional.ofNullable(payment.onFailedRedirectionUrl()).ifPresent(targets::add);
        return HtmlPage.ok(page.html(), targets).response();
    }

    @Post(value = "/approve", consumes = MediaType.ALL)
    public HttpResponse<String> approve(@PathVariable String paymentId, HttpRequest<?> request) {
        requireSameOrigin(request);
        return decide(paymentId, true);
    }

    @Post(value = "/decline", consumes = MediaType.ALL)
    public HttpResponse<String> decline(@PathVariable String paymentId, HttpRequest<?> request) {
        requireSameOrigin(request);
        return decide(paymentId, false);
    }

    /**
     * Only the page itself may approve or decline: a form on another site's page could otherwise make the
     * payer's browser post here (cross-site request forgery). Browsers say where a post comes from: a
     * {@code Sec-Fetch-Site} other than {@code same-origin} (or {@code none}, typed by the user), or an
     * {@code Origin} ({@code null} included) whose host and port are neither this request's {@code Host} nor
     * the configured public base URL's (a proxy in front, such as CloudFront on a custom domain, forwards
     * another {@code Host} than the one the browser used), is refused. A client that sends neither (curl, a
     * test) is no browser a page could drive, and may post.
     */
    void requireSameOrigin(HttpRequest<?> request) {
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            throw crossOrigin();
        }
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin != null) {
            String host = request.getHeaders().get(HttpHeaders.HOST);
            Optional<String> sent = Urls.origin(origin);
            boolean publicOrigin = publicBaseOrigin != null && sent.map(publicBaseOrigin::equals).orElse(false);
            if (!publicOrigin && !sameAuthority(origin, host)) {
                throw crossOrigin();
            }
        }
    }

    private static boolean sameAuthority(String origin, String host) {
        try {
            URI uri = new URI(origin);
            String authority = uri.getHost() == null ? null : uri.getRawAuthority();
            return authority != null && host != null && authority.equalsIgnoreCase(host.strip());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static ApiException crossOrigin() {
        return ApiException.of(Refusal.FORBIDDEN,
                "Only the sandbox payment page itself may approve or decline this payment.", "Origin");
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
        String target = redirectionTarget(payment);
        return HttpResponse.<String>seeOther(URI.create(target != null ? target : "/sandbox/payments/" + paymentId));
    }

    /**
     * When the provider stops waiting for the payer: the provider window after the attempt (its
     * {@code timeout} is scheduled then), or the intent's expiry if that comes first.
     */
    private Instant deadline(PaymentIntent intent, Payment payment) {
        Instant window = payment.createdAt().plus(sandbox.settings().providerWindow());
        Instant expiry = intent.expiresAt();
        return window.isBefore(expiry) ? window : expiry;
    }

    private static String redirectionTarget(Payment payment) {
        return payment.status() == PaymentStatus.SUCCESSFUL ? payment.onSuccessRedirectionUrl()
                : payment.status() == PaymentStatus.FAILED ? payment.onFailedRedirectionUrl() : null;
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
}

package io.cauri.localapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The payer pages in a real browser: Debian's headless chromium, driven through its chromedriver, against
 * local-api on the repository's template and the functions' shaded jars (so run it through the reactor).
 * Intents are created and checked through the API; the browser does only what a payer does.
 *
 * <p>Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} ({@code apt-get install chromium
 * chromium-driver}; {@code .ci/run} installs them), or {@code CHROMIUM_BIN} / {@code CHROMEDRIVER_BIN}.
 * Without them the test fails and says so; only {@code CAURI_SKIP_BROWSER_TESTS=true} skips it.
 */
class BrowserFlowsTest {

    private static final String MERCHANT = "m_browser";
    private static final String KEY = "sk_browser_0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dataDir;
    @TempDir
    static Path profileDir;
    static LocalApi api;
    static ChromeDriverService driverService;
    static ChromeDriver browser;
    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        if ("true".equalsIgnoreCase(System.getenv("CAURI_SKIP_BROWSER_TESTS"))) {
            System.err.println("BrowserFlowsTest SKIPPED on request (CAURI_SKIP_BROWSER_TESTS=true)");
            Assumptions.abort("CAURI_SKIP_BROWSER_TESTS=true: the browser flows are not run");
        }
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            fail("The browser flows need Debian's chromium and chromedriver: " + chromium + " and " + chromedriver
                    + " must exist. Install them with `apt-get install -y chromium chromium-driver` (.ci/run does), "
                    + "point CHROMIUM_BIN / CHROMEDRIVER_BIN at them, or skip these tests explicitly with "
                    + "CAURI_SKIP_BROWSER_TESTS=true.");
        }
        api = LocalApi.start(new Options(0, MERCHANT, KEY, dataDir, Path.of("../template.yaml")));

        // The given driver, so Selenium Manager never tries to download one (the network is closed here).
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=900,1000", "--lang=fr-FR",
                "--user-data-dir=" + profileDir.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        browser = new ChromeDriver(driverService, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
        if (api != null) {
            api.close();
        }
    }

    /** Every page ran without a console error: no script or style refused by the Content-Security-Policy. */
    @AfterEach
    void noConsoleErrors() {
        if (browser == null) {
            return;
        }
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !e.getMessage().contains("favicon.ico"))
                // the declined and failed attempts are answered 201; only the API's own 4xx would log
                .toList();
        assertEquals(List.of(), errors.stream().map(LogEntry::getMessage).toList());
    }

    // --- the sandbox provider page (wave) ---------------------------------------------------------------

    @Test
    void aPayerApprovesAWavePaymentOnTheSandboxPage() throws Exception {
        JsonNode intent = createIntent(1500, "Boutique <Awa> & Fils");
        String url = waveAttempt(intent, null).get("nextAction").get("data").get("url").asText();

        browser.get(url);
        assertEquals("Boutique <Awa> & Fils", text("merchant"), "the name shown as text, not markup");
        assertEquals("1\u00a0500\u00a0XOF", browser.findElement(By.id("amount")).getDomProperty("textContent"));
        assertEquals("Wave · 00000001", text("payer"));
        String shown = text("remaining");
        assertTrue(shown.matches("0[12]:[0-5][0-9]"), shown);
        // the countdown script runs (a static asset the policy allows): the time left goes down
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> !text("remaining").equals(shown));

        browser.findElement(By.id("approve")).click();
        WebElement result = waitVisible("result");
        assertEquals("successful", result.getAttribute("data-status"));
        assertEquals("Paiement approuvé", text("result-title"));
        assertEquals(url, browser.getCurrentUrl(), "no URL given: back to the page, which shows the result");

        JsonNode stored = retrieve(intent);
        assertEquals("successful", stored.get("status").asText());
        assertEquals("successful", stored.get("payments").get(0).get("status").asText());
    }

    @Test
    void aPayerDeclinesAndIsSentToTheMerchantsFailureUrl() throws Exception {
        JsonNode intent = createIntent(2000, null);
        // the checkout's return page: no token in the URL; it resumes with the token this tab kept
        String checkout = openCheckout(intent);
        String back = api.baseUrl() + "/checkout?intent=" + intent.get("id").asText();
        String url = waveAttempt(intent, back).get("nextAction").get("data").get("url").asText();

        browser.get(url);
        assertEquals("Local merchant " + MERCHANT, text("merchant"), "no business name: the merchant's own");
        browser.findElement(By.id("decline")).click();

        // the failure URL here is the hosted checkout, which reads the intent again and offers a new attempt
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlToBe(checkout));
        assertTrue(waitVisible("failure").getText().contains("canceled_by_customer"), text("failure"));
        assertTrue(browser.findElement(By.id("pay")).isDisplayed());

        JsonNode stored = retrieve(intent);
        assertEquals("payment_required", stored.get("status").asText(), "a failed attempt leaves the intent payable");
        assertEquals("canceled_by_customer", stored.get("lastPaymentFailure").get("code").asText());
        assertEquals("failed", stored.get("payments").get(0).get("status").asText());
    }

    // --- the hosted checkout -------------------------------------------------------------------------------

    @Test
    void theHostedCheckoutPaysWithOrangeMoneyAndAnOtp() throws Exception {
        JsonNode intent = createIntent(2500, "Épicerie <Fatou>");
        openCheckout(intent);
        assertEquals("Épicerie <Fatou>", text("merchant"));
        assertEquals("Sandbox", text("mode"));

        pay("CI", "orange", "00000001");
        waitVisible("otp");
        assertTrue(text("otp-message").contains("4 chiffres"), text("otp-message"));
        browser.findElement(By.id("otp-code")).sendKeys("1234");
        browser.findElement(By.id("submit-otp")).click();

        WebElement result = waitVisible("result");
        assertEquals("successful", result.getAttribute("data-status"));
        assertEquals("Paiement réussi", text("result-title"));

        JsonNode stored = retrieve(intent);
        assertEquals("successful", stored.get("status").asText());
        assertEquals(1, stored.get("payments").size());
        JsonNode payment = stored.get("payments").get(0);
        assertEquals("orange", payment.get("provider").asText());
        assertEquals("CI", payment.get("country").asText());
        assertEquals("successful", payment.get("status").asText());
    }

    @Test
    void theHostedCheckoutShowsAFailureAndOffersAnotherAttempt() throws Exception {
        JsonNode intent = createIntent(2500, null);
        openCheckout(intent);

        pay("CI", "orange", "00000002"); // the sandbox number of an empty account
        waitVisible("otp");
        browser.findElement(By.id("otp-code")).sendKeys("1234");
        browser.findElement(By.id("submit-otp")).click();

        WebElement failure = waitVisible("failure");
        assertTrue(failure.getText().contains("customer_insufficient_funds"), failure.getText());
        assertTrue(browser.findElement(By.id("pay")).isDisplayed(), "the form is back for another attempt");
        assertTrue(!browser.findElement(By.id("result")).isDisplayed());

        JsonNode stored = retrieve(intent);
        assertEquals("payment_required", stored.get("status").asText());
        assertEquals("customer_insufficient_funds", stored.get("lastPaymentFailure").get("code").asText());
        assertEquals("failed", stored.get("payments").get(0).get("status").asText());
    }

    @Test
    void theHostedCheckoutWaitsForAUssdConfirmationByPolling() throws Exception {
        JsonNode intent = createIntent(1200, null);
        openCheckout(intent);

        pay("SN", "free", "00000001"); // ussd: the simulated payer confirms 3 s later
        assertTrue(waitVisible("waiting").isDisplayed());
        assertTrue(text("waiting-message").length() > 0, "the operator's message is shown");
        assertEquals("action_required", retrieve(intent).get("status").asText());

        WebElement result = waitVisible("result");
        assertEquals("successful", result.getAttribute("data-status"));
        JsonNode stored = retrieve(intent);
        assertEquals("successful", stored.get("status").asText());
        assertEquals("free", stored.get("payments").get(0).get("provider").asText());
    }

    @Test
    void theHostedCheckoutTakesAWavePayerToTheSandboxPageAndBack() throws Exception {
        JsonNode intent = createIntent(3000, null);
        String checkout = openCheckout(intent);

        pay("CI", "wave", "00000001");
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlContains("/sandbox/payments/pay_"));
        browser.findElement(By.id("approve")).click();

        new WebDriverWait(browser, WAIT).until(ExpectedConditions.urlToBe(checkout));
        assertEquals("successful", waitVisible("result").getAttribute("data-status"));
        JsonNode stored = retrieve(intent);
        assertEquals("successful", stored.get("status").asText());

        // the token is nowhere the payment is kept or shown: its redirection URLs, GET /payments
        String token = intent.get("token").asText();
        JsonNode payment = stored.get("payments").get(0);
        assertEquals(api.baseUrl() + "/checkout?intent=" + intent.get("id").asText(),
                payment.get("onSuccessRedirectionUrl").asText());
        assertTrue(!stored.get("payments").toString().contains(token), stored.get("payments").toString());
        HttpResponse<String> payments = send(merchant("/payments?intentId=" + intent.get("id").asText()).GET());
        assertEquals(200, payments.statusCode(), payments.body());
        assertTrue(payments.body().contains(payment.get("id").asText()) && !payments.body().contains(token),
                payments.body());
    }

    @Test
    void aTamperedCheckoutLinkShowsAnErrorPage() throws Exception {
        JsonNode intent = createIntent(1000, null);
        String token = intent.get("token").asText();
        browser.get(api.baseUrl() + "/checkout?token=" + token.substring(0, token.length() - 2) + "xx");
        assertEquals("Lien de paiement invalide", text("invalid-link"));
        assertEquals(0, browser.findElements(By.id("pay")).size());
        assertEquals("payment_required", retrieve(intent).get("status").asText());
        // the one console error expected: the page's own 401
        assertTrue(browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .allMatch(e -> e.getMessage().contains("status of 401")));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static String openCheckout(JsonNode intent) {
        String url = api.baseUrl() + "/checkout?token=" + intent.get("token").asText();
        browser.get(url);
        waitVisible("pay");
        return url;
    }

    private static void pay(String country, String provider, String msisdn) {
        new Select(browser.findElement(By.id("country"))).selectByValue(country);
        new Select(browser.findElement(By.id("provider"))).selectByValue(provider);
        WebElement number = browser.findElement(By.id("msisdn"));
        number.clear();
        number.sendKeys(msisdn);
        browser.findElement(By.id("submit-payment")).click();
    }

    private static WebElement waitVisible(String id) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static JsonNode createIntent(long amount, String businessName) throws Exception {
        String body = "{\"customerReference\":\"cust_browser\",\"purchaseReference\":\"order_" + System.nanoTime()
                + "\",\"amount\":" + amount + ",\"currency\":\"XOF\""
                + (businessName == null ? "" : ",\"overrideBusinessName\":" + JSON.writeValueAsString(businessName)) + "}";
        HttpResponse<String> created = send(merchant("/payment-intents").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body());
    }

    /** What the merchant's client app does with the token: a wave attempt, answered with the page's URL. */
    private static JsonNode waveAttempt(JsonNode intent, String returnUrl) throws Exception {
        String urls = returnUrl == null ? "" : ",\"onSuccessRedirectionUrl\":\"" + returnUrl
                + "\",\"onFailedRedirectionUrl\":\"" + returnUrl + "\"";
        String body = "{\"token\":\"" + intent.get("token").asText() + "\",\"paymentMethod\":\"mobile_money\","
                + "\"country\":\"CI\",\"provider\":\"wave\",\"mobileMoney\":{\"msisdn\":\"00000001\"" + urls + "}}";
        HttpResponse<String> attempted = send(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/payment-intents/"
                + intent.get("id").asText() + "/payments")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(201, attempted.statusCode(), attempted.body());
        JsonNode answer = JSON.readTree(attempted.body());
        assertEquals("action_required", answer.get("status").asText());
        assertNotEquals(null, answer.get("nextAction"));
        return answer;
    }

    private static JsonNode retrieve(JsonNode intent) throws Exception {
        HttpResponse<String> response = send(merchant("/payment-intents/" + intent.get("id").asText()).GET());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static HttpRequest.Builder merchant(String path) {
        return HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .header("ApiKey", KEY).header("MerchantId", MERCHANT).header("Environment", "sandbox");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

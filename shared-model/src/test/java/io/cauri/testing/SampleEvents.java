package io.cauri.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.intent.Currency;
import io.cauri.intent.IntentStateMachine;
import io.cauri.intent.Payment;
import io.cauri.intent.PaymentStatus;
import io.cauri.ledger.Postings;
import io.cauri.intent.PaymentIntent;
import io.cauri.merchant.Mode;
import io.cauri.store.TableNames;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The sample events of {@code events/<function>/} (what {@code sam local invoke -e} takes), replayed
 * through a function's real handler. A file named {@code …-NNN.json} must answer status NNN. The samples
 * use the demo merchant and intent that {@link #storeDemoData()} stores.
 */
public final class SampleEvents {
    public static final String DEMO_MERCHANT = "m_demo";
    public static final String DEMO_API_KEY = "sk_demo_0123456789";
    public static final String DEMO_INTENT = "pi_z1urYtVFgEebtcj8fxp4v";
    /** The demo merchant's paid intent (refunds are made of it), its payment, a transfer and a refund of its. */
    public static final String DEMO_PAID_INTENT = "pi_demoPaidIntent0000001";
    public static final String DEMO_PAYMENT = "pay_demoPayment0000000001";
    public static final String DEMO_TRANSFER = "tr_demoTransfer000000001";
    public static final String DEMO_REFUND = "re_demoRefund00000000001";

    private static final Pattern EXPECTED_STATUS = Pattern.compile(".*-(\\d{3})\\.json");
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private SampleEvents() {
    }

    /** The repository's {@code events/<function>} folder, seen from a function module's directory. */
    public static Path folder(String function) {
        return Path.of("..", "..", "events", function);
    }

    public static Stream<DynamicTest> replay(LocalFunction function, Path folder) {
        storeDemoData();
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no sample events in " + folder.toAbsolutePath());
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            resetDemoIntent(); // every sample starts from a fresh payment_required demo intent
            Matcher m = EXPECTED_STATUS.matcher(file.getFileName().toString());
            if (!m.matches()) {
                throw new AssertionError(file + " must end in -<expected status>.json");
            }
            APIGatewayV2HTTPEvent event = JSON.readValue(file.toFile(), APIGatewayV2HTTPEvent.class);
            LocalFunction.Response response = function.handle(event);
            assertEquals(Integer.parseInt(m.group(1)), response.status(), file + " answered " + response.body());
            String type = String.valueOf(response.header("Content-Type"));
            if (type.startsWith("text/csv")) {
                // a statement export: its header row at least
                assertFalse(response.body().isBlank(), file + " answered an empty " + type);
            } else if (type.startsWith("text/html") || type.startsWith("text/javascript") || type.startsWith("text/css")) {
                // the payer pages and their assets: a page even for an error, never an empty body
                assertFalse(response.body().isBlank(), file + " answered an empty " + type);
            } else {
                response.json(); // every API answer, success or error, is JSON
            }
        }));
    }

    /** The demo merchant (fixed credentials) and the demo intent. */
    public static synchronized void storeDemoData() {
        TestMerchants.create(DEMO_MERCHANT, DEMO_API_KEY, null);
        resetDemoIntent();
        storeDemoMoneyOut();
    }

    /**
     * Once per DynamoDB Local: money in the demo merchant's sandbox balance (1 000 000 XOF), the paid demo intent
     * (100 000 XOF by {@code 00000001}: the sandbox refunds it at once), a pending transfer and a pending refund.
     */
    private static void storeDemoMoneyOut() {
        if (LocalRepositories.intents().find(DEMO_PAID_INTENT).isPresent()) {
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        MoneyOutBooks.fund(DEMO_MERCHANT, Mode.SANDBOX, 1_000_000, now);
        PaymentIntent open = LocalRepositories.intents().create(PaymentIntent.open(DEMO_PAID_INTENT, DEMO_MERCHANT,
                Mode.SANDBOX, now, "ref_2020_11_10_002", "cust_01924059", 100_000, Currency.XOF, null));
        Payment payment = new Payment(DEMO_PAYMENT, open.id(), now, now, PaymentStatus.PROCESSING, 100_000, Currency.XOF,
                "mobile_money", "CI", "orange", "00000001", null, List.of(), null, null, null, null, null);
        PaymentIntent processing = LocalRepositories.intents().updateWithNewPayment(
                IntentStateMachine.attempt(open, payment, now), payment.id());
        PaymentIntent succeeded = IntentStateMachine.succeed(processing, payment.id(), now);
        LocalRepositories.intents().update(succeeded, Postings.of(processing, succeeded));
        MoneyOutBooks.createTransfer(DEMO_TRANSFER, DEMO_MERCHANT, Mode.SANDBOX, 5000, now);
        MoneyOutBooks.createRefund(DEMO_REFUND, DEMO_MERCHANT, Mode.SANDBOX, DEMO_PAID_INTENT, DEMO_PAYMENT, 1000, now);
    }

    /** The demo intent as just created: 1000 XOF, waiting for payment. */
    private static void resetDemoIntent() {
        DynamoDbLocal.shared().client().deleteItem(r -> r.tableName(TableNames.defaults().intents())
                .key(Map.of("id", AttributeValue.fromS(DEMO_INTENT))));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        LocalRepositories.intents().create(PaymentIntent.open(DEMO_INTENT, DEMO_MERCHANT, Mode.SANDBOX, now,
                "ref_2020_11_10_001", "cust_01924059", 1000, Currency.XOF, null));
    }
}

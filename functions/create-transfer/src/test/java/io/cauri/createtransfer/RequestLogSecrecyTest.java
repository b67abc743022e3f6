package io.cauri.createtransfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cauri.localaws.LocalDynamoDb;
import io.cauri.merchant.Mode;
import io.cauri.testing.ApiGatewayEvents;
import io.cauri.testing.DynamoDbLocal;
import io.cauri.testing.FaultInjector;
import io.cauri.testing.LocalFunction;
import io.cauri.testing.MoneyOutFixtures;
import io.cauri.testing.TestMerchants;
import io.cauri.web.log.RequestLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the function writes to its logs (standard output and error, which Lambda ships to CloudWatch) while
 * serving transfers to recipients' wallets — paid at once, failed by the provider, left pending, refused for a
 * malformed number, for a wrong key, for a short balance, and cut off by a storage outage at the write that carries
 * the number — in both families: one JSON line per request with its request id, merchant, route, status and latency,
 * and never the recipient's msisdn (with or without its '+'), no API key, no stack trace.
 */
class RequestLogSecrecyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // recipients' numbers of 15 digits, their last 8 the sandbox outcome (docs/CONTRACT.md §4): paid, failed, pending
    static final String PAID = "+225749100000001";
    static final String FAILED = "+225749100000002";
    static final String PENDING = "+225749100000004";
    static final String MALFORMED = "+2257491000000019"; // 16 digits: refused, and not echoed either

    @TempDir
    static Path data;
    static LocalFunction function;
    static LocalDynamoDb dynamo;
    static LocalFunction outageFunction;
    static TestMerchants.Credentials merchant;
    static TestMerchants.Credentials outageMerchant;

    @BeforeAll
    static void start() throws Exception {
        function = new LocalFunction();
        merchant = TestMerchants.fresh();
        MoneyOutFixtures.fund(function, merchant, Mode.SANDBOX, 1_000_000);
        dynamo = DynamoDbLocal.stoppable(data);
        outageFunction = new LocalFunction(Map.of("cauri.dynamodb.endpoint", dynamo.endpoint()));
        outageMerchant = TestMerchants.fresh(dynamo.client());
        MoneyOutFixtures.fund(outageFunction, outageMerchant, Mode.SANDBOX, 1_000_000);
    }

    @AfterAll
    static void stop() {
        function.close();
        outageFunction.close();
        dynamo.close();
    }

    static String hub2(String msisdn, long amount) {
        return """
                {"reference":"payout-log","amount":%d,"currency":"XOF","description":"Commission",
                 "destination":{"type":"mobile_money","country":"CI","recipientName":"Awa Konan","msisdn":"%s","provider":"orange"}}"""
                .formatted(amount, msisdn);
    }

    static String v1(String msisdn) {
        return """
                {"amount":1500,"currency":"XOF","reference":"r-log","destination":{"type":"mobile_money","mobile_money":{
                 "country":"CI","operator":"orange_money","msisdn":"%s","recipient_name":"Awa Konan"}}}""".formatted(msisdn);
    }

    static ApiGatewayEvents byKey(TestMerchants.Credentials who, String body) {
        return ApiGatewayEvents.post("/transfers", body).auth(who.merchantId(), who.sandboxKey(), "sandbox");
    }

    @Test
    void requestLinesCarryTheRequestAndNeverTheRecipientsNumber() throws Exception {
        TestMerchants.Credentials poor = TestMerchants.fresh();
        List<Integer> statuses = new ArrayList<>();

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(capture);
        System.setErr(capture);
        RequestLog.writeTo(capture);
        try {
            statuses.add(function.handle(byKey(merchant, hub2(PAID, 2000))).status());
            statuses.add(function.handle(byKey(merchant, hub2(FAILED, 2000))).status());
            statuses.add(function.handle(byKey(merchant, hub2(PENDING, 2000))).status());
            statuses.add(function.handle(ApiGatewayEvents.post("/api/v1/payouts", v1(PAID))
                    .header("Authorization", "Bearer " + merchant.sandboxKey())).status());
            statuses.add(function.handle(byKey(merchant, hub2(MALFORMED, 2000))).status());
            statuses.add(function.handle(ApiGatewayEvents.post("/transfers", hub2(PAID, 2000))
                    .auth(merchant.merchantId(), merchant.sandboxKey() + "x", "sandbox")).status());
            statuses.add(function.handle(byKey(poor, hub2(PAID, 2000))).status());
            FaultInjector.before(AmbiguousCreateTest::isTransferCreation, dynamo::stop);
            statuses.add(outageFunction.handle(byKey(outageMerchant, hub2(PAID, 2000))).status());
        } finally {
            System.setOut(out);
            System.setErr(err);
            RequestLog.writeTo(out);
            FaultInjector.disarm();
            dynamo.restart();
        }
        assertEquals(List.of(201, 201, 201, 201, 400, 401, 400, 503), statuses);

        String log = captured.toString(StandardCharsets.UTF_8);
        System.out.println("captured log of " + statuses.size() + " requests:\n" + log);
        for (String number : List.of(PAID, FAILED, PENDING, MALFORMED)) {
            assertFalse(log.contains(number.substring(1)), "the log shows a recipient's number: " + number);
            // nor its subscriber part (what follows the country code)
            assertFalse(log.contains(number.substring(4)), "the log shows a recipient's number: " + number);
        }
        for (String secret : List.of(merchant.sandboxKey(), merchant.liveKey(), outageMerchant.sandboxKey(),
                poor.sandboxKey(), "Bearer ")) {
            assertFalse(log.contains(secret), "the log shows a secret: " + secret);
        }
        assertFalse(log.contains("\tat ") || log.contains("Exception:"), "a stack trace in the log:\n" + log);

        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (line.startsWith("{") && line.contains("\"type\":\"request\"")) {
                lines.add(JSON.readTree(line));
            }
        }
        assertEquals(statuses.size(), lines.size(), "one request line per request:\n" + log);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            assertEquals(statuses.get(i).intValue(), line.get("status").asInt());
            assertTrue(line.get("requestId").asText().matches("req_[A-Za-z0-9_-]{21}"), line.toString());
            assertTrue(line.get("latencyMs").asLong() >= 0, line.toString());
            assertTrue(List.of("/transfers", "/api/v1/payouts").contains(line.get("route").asText()), line.toString());
        }
        assertEquals(merchant.merchantId(), lines.get(0).get("merchantId").asText());
        assertEquals("sandbox", lines.get(0).get("mode").asText());
        assertTrue(lines.get(5).get("merchantId").isNull(), "a refused key names no merchant");
        assertEquals("ERROR", lines.get(7).get("level").asText());
        assertTrue(lines.get(7).get("failure").asText().contains("SdkClientException"), lines.get(7).toString());
    }
}

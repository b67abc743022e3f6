package io.cauri.bench.connector;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.cauri.bench.event.EventFile;
import io.cauri.bench.event.HttpHandler;
import io.micronaut.function.aws.proxy.MockLambdaContext;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a live connector adds to the attempt route: ONE JVM with the attempt-payment function's jar and the real
 * handler; each round makes one sandbox attempt (the sandbox gateway, in process) and one live attempt per
 * connector (MTN MoMo, Wave, FedaPay over HTTP to their simulators on 127.0.0.1, run in another JVM by
 * bench/connector), each on a fresh intent, interleaved so that the machine's noise falls on all of them alike.
 * The connectors are configured by system properties (cauri.connectors.*) as a deployment configures them.
 * <p>
 * Arguments: sample event (the attempt route's), DynamoDB Local control URL, warm-up rounds, measured rounds.
 * Prints the percentiles, then one machine-readable {@code CONNECTOR …} line.
 */
public final class ConnectorLatency {
    private static final AtomicLong ADDRESSES = new AtomicLong();
    static final String SANDBOX_KEY = "sk_demo_0123456789";
    static final String LIVE_KEY = "sk_live_demo_0123456789";

    /**
     * One kind of attempt: who answers it, with which key, and what the payer chose. {@code body} has a {@code %s}
     * for the payer's number: each live attempt debits another number, as different payers do (the duplicate-debit
     * guard refuses the same number and amount twice within minutes).
     */
    record Variant(String name, String environment, String key, String body, String numberFormat) {
    }

    static final List<Variant> VARIANTS = List.of(
            new Variant("sandbox", "sandbox", SANDBOX_KEY,
                    "{\"paymentMethod\":\"mobile_money\",\"country\":\"CI\",\"provider\":\"mtn\",\"mobileMoney\":{\"msisdn\":\"%s\"}}",
                    "00000001"),
            new Variant("mtn_momo", "live", LIVE_KEY,
                    "{\"paymentMethod\":\"mobile_money\",\"country\":\"CI\",\"provider\":\"mtn\",\"mobileMoney\":{\"msisdn\":\"%s\"}}",
                    "22505%07d"),
            new Variant("wave", "live", LIVE_KEY,
                    "{\"paymentMethod\":\"mobile_money\",\"country\":\"CI\",\"provider\":\"wave\",\"mobileMoney\":{\"msisdn\":\"%s\"}}",
                    "22507%07d"),
            new Variant("fedapay", "live", LIVE_KEY,
                    "{\"paymentMethod\":\"mobile_money\",\"country\":\"BJ\",\"provider\":\"moov\",\"mobileMoney\":{\"msisdn\":\"%s\"}}",
                    "2%04d64000001")); // the FedaPay simulator's approved payer: any number ending 64000001

    private ConnectorLatency() {
    }

    public static void main(String[] args) throws Exception {
        Path sample = Path.of(args[0]);
        String control = args[1];
        int warmup = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        APIGatewayV2HTTPEventFunction handler = HttpHandler.create();

        int total = warmup + rounds;
        Map<String, List<String>> intents = new HashMap<>();
        intents.put("sandbox", freshIntents(control, "sandbox", total));
        intents.put("live", freshIntents(control, "live", total * (VARIANTS.size() - 1)));
        Map<String, Integer> used = new HashMap<>();

        Map<String, long[]> nanos = new HashMap<>();
        VARIANTS.forEach(v -> nanos.put(v.name(), new long[rounds]));
        for (int round = 0; round < total; round++) {
            for (Variant v : VARIANTS) {
                int n = used.merge(v.environment(), 1, Integer::sum) - 1;
                String intent = intents.get(v.environment()).get(n);
                APIGatewayV2HTTPEvent event = attempt(sample, v, intent, round);
                long t0 = System.nanoTime();
                APIGatewayV2HTTPResponse response = handler.handleRequest(event, new MockLambdaContext());
                long t1 = System.nanoTime();
                if (response.getStatusCode() != 201) {
                    throw new IllegalStateException(v.name() + " attempt answered " + response.getStatusCode() + ": "
                            + response.getBody());
                }
                if (round >= warmup) {
                    nanos.get(v.name())[round - warmup] = t1 - t0;
                }
            }
        }

        System.out.printf("rounds: %d after %d warm-up (each: one attempt per variant, on a fresh intent)%n", rounds, warmup);
        StringBuilder line = new StringBuilder("CONNECTOR");
        double sandboxP50 = 0;
        for (Variant v : VARIANTS) {
            long[] sorted = nanos.get(v.name());
            Arrays.sort(sorted);
            double p50 = pct(sorted, 50);
            System.out.printf(Locale.ROOT, "%-9s p50 %.3f  p90 %.3f  p99 %.3f ms%n", v.name(), p50, pct(sorted, 90),
                    pct(sorted, 99));
            line.append(String.format(Locale.ROOT, " %s_p50_ms=%.3f", v.name(), p50));
            if (v.name().equals("sandbox")) {
                sandboxP50 = p50;
            } else {
                line.append(String.format(Locale.ROOT, " %s_added_p50_ms=%.3f %s_p50_ratio=%.2f", v.name(),
                        p50 - sandboxP50, v.name(), p50 / sandboxP50));
            }
        }
        System.out.println(line);
        System.exit(0);
    }

    private static List<String> freshIntents(String control, String mode, int count) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(control + "/intents?mode=" + mode + "&count=" + count)).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("DynamoDB Local control answered " + response.statusCode());
        }
        List<String> ids = new ArrayList<>(List.of(response.body().split("\n")));
        ids.removeIf(String::isBlank);
        if (ids.size() != count) {
            throw new IllegalStateException("asked for " + count + " intents, got " + ids.size());
        }
        return ids;
    }

    /** The sample event sent to another intent, with the variant's key, environment and body, from a new address. */
    private static APIGatewayV2HTTPEvent attempt(Path sample, Variant v, String intentId, int round) throws IOException {
        APIGatewayV2HTTPEvent event = EventFile.read(sample);
        String path = "/payment-intents/" + intentId + "/payments";
        event.setRawPath(path);
        event.getRequestContext().getHttp().setPath(path);
        event.setPathParameters(Map.of("id", intentId));
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("apikey", v.key());
        headers.put("environment", v.environment());
        event.setHeaders(headers);
        event.setBody(String.format(Locale.ROOT, v.body(), String.format(Locale.ROOT, v.numberFormat(), round % 10_000)));
        long n = ADDRESSES.incrementAndGet(); // as from many clients: the per-address rate limit never refuses one
        event.getRequestContext().getHttp().setSourceIp("10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255));
        return event;
    }

    private static double pct(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}

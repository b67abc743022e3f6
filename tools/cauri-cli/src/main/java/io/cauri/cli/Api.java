package io.cauri.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * The Cauri API as one merchant's server calls it: the HUB2 headers ({@code ApiKey}, {@code MerchantId},
 * {@code Environment}) on every request, JSON in and out, a fresh {@code Idempotency-Key} on every POST (so a
 * request this tool's user re-runs after a timeout is not applied twice by the API's retry rules). An answer outside
 * 2xx is an {@link ApiError}; no answer at all a {@link CliFailure} with {@link Cauri#EXIT_UNREACHABLE}.
 */
final class Api {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String USER_AGENT = "cauri-cli/" + Cauri.VERSION;

    private final Config.Credentials credentials;
    private final HttpClient client;

    Api(Config.Credentials credentials, HttpClient client) {
        this.credentials = credentials;
        this.client = client;
    }

    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Config.Credentials credentials() {
        return credentials;
    }

    /** GET, the body of a 2xx answer. */
    String get(String pathAndQuery) {
        return send(request(pathAndQuery).GET().build());
    }

    JsonNode getJson(String pathAndQuery) {
        return Json.read(get(pathAndQuery));
    }

    /** POST with a JSON body (null: none), the body of a 2xx answer. */
    String post(String path, JsonNode body) {
        HttpRequest.Builder builder = request(path).header("Idempotency-Key", UUID.randomUUID().toString());
        if (body == null) {
            builder.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        }
        return send(builder.build());
    }

    JsonNode postJson(String path, JsonNode body) {
        return Json.read(post(path, body));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A path segment from user input (an id): encoded, so it can never reach another route. */
    static String segment(String value) {
        return encode(value).replace("+", "%20");
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(TIMEOUT)
                .header("ApiKey", credentials.apiKey())
                .header("MerchantId", credentials.merchantId())
                .header("Environment", credentials.env())
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
    }

    private URI uri(String pathAndQuery) {
        String base = credentials.baseUrl();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + pathAndQuery);
    }

    private String send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw unreachable(request, "the connection failed");
        } catch (HttpTimeoutException e) {
            throw unreachable(request, "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw unreachable(request, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted();
        }
        if (response.statusCode() / 100 != 2) {
            throw ApiError.of(response.statusCode(), response.body());
        }
        return response.body();
    }

    private CliFailure unreachable(HttpRequest request, String why) {
        URI u = request.uri();
        return new CliFailure(Cauri.EXIT_UNREACHABLE, "cannot reach " + u.getScheme() + "://" + u.getAuthority()
                + " (" + why + "); is the base URL right? (cauri login --base-url …)");
    }

    /** The command was stopped (Ctrl-C, or its thread interrupted) while waiting on the API. */
    static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("interrupted", null, false, false);
        }
    }
}

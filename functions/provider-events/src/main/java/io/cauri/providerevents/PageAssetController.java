package io.cauri.providerevents;

import io.cauri.refusal.Refusal;
import io.cauri.web.error.ApiException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /pages/{asset}}: the static script and style of the payer pages, so that their
 * Content-Security-Policy needs no inline script. Only the files listed here, read from the jar at start.
 */
@Controller("/pages/{asset}")
public class PageAssetController {
    private static final Map<String, String> TYPES = Map.of(
            "pages.css", "text/css;charset=utf-8",
            "sandbox-payment.js", "text/javascript;charset=utf-8",
            "checkout.js", "text/javascript;charset=utf-8");

    private final Map<String, String> contents;

    public PageAssetController() {
        this.contents = Map.of(
                "pages.css", read("pages.css"),
                "sandbox-payment.js", read("sandbox-payment.js"),
                "checkout.js", read("checkout.js"));
    }

    @Get
    @Produces({"text/javascript", "text/css"})
    public HttpResponse<String> asset(@PathVariable String asset) {
        String body = contents.get(asset);
        if (body == null) {
            throw ApiException.of(Refusal.NOT_FOUND, "No such page asset.", "asset");
        }
        return HttpResponse.ok(body).contentType(TYPES.get(asset))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "public, max-age=300");
    }

    private static String read(String name) {
        try (InputStream in = PageAssetController.class.getResourceAsStream("/pages/" + name)) {
            if (in == null) {
                throw new IllegalStateException("page asset missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

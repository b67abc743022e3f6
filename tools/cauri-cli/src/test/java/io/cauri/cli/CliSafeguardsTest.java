package io.cauri.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the CLI refuses or skips on its own, without local-api: a login that would send the API key over plain http to
 * another machine, and an event the feed hands twice ({@code listen}, against a feed served here on loopback).
 */
class CliSafeguardsTest {
    @TempDir
    Path dir;

    /** A command with its output captured, as {@link CauriCliTest} runs it (no local-api needed here). */
    CauriCliTest.Run cauri(Path config, String... args) {
        return CauriCliTest.cauri(config, args);
    }

    CauriCliTest.Run login(Path config, String baseUrl) {
        return cauri(config, "login", "--base-url", baseUrl, "--merchant-id", "m_guard", "--api-key",
                "sk_guard_0123456789abcdef", "--no-verify");
    }

    @Test
    void loginRefusesPlainHttpToAnotherHostAndAllowsItToThisMachineOnly() {
        for (String remote : List.of("http://api.example.com", "http://10.0.0.5:3000", "http://localhost.example.com",
                "http://127.0.0.1.nip.io:3000", "http://[2001:db8::1]:3000")) {
            Path config = dir.resolve("refused-" + Math.abs(remote.hashCode())).resolve("config.json");
            CauriCliTest.Run refused = login(config, remote);
            assertEquals(Cauri.EXIT_USAGE, refused.exit(), remote + ": " + refused.out() + refused.err());
            assertTrue(refused.err().contains("--base-url must be https"), remote + ": " + refused.err());
            assertFalse(refused.out().contains("sk_guard"), "the key is never printed");
            assertFalse(Files.exists(config), remote + ": a refused login stores nothing");
        }
        for (String allowed : List.of("http://127.0.0.1:3000", "http://127.8.9.10:3000", "http://localhost:3000",
                "http://LOCALHOST:3000", "http://[::1]:3000", "https://api.example.com", "https://10.0.0.5")) {
            Path config = dir.resolve("allowed-" + Math.abs(allowed.hashCode())).resolve("config.json");
            CauriCliTest.Run stored = login(config, allowed);
            assertEquals(0, stored.exit(), allowed + ": " + stored.err());
            assertTrue(Files.exists(config), allowed);
        }
    }

    @Test
    void loopbackIsDecidedOnTheLiteralNeverByLookingANameUp() {
        assertTrue(LoginCommand.loopback("127.0.0.1"));
        assertTrue(LoginCommand.loopback("127.255.255.254"));
        assertTrue(LoginCommand.loopback("[::1]"));
        assertTrue(LoginCommand.loopback("localhost"));
        assertFalse(LoginCommand.loopback("128.0.0.1"));
        assertFalse(LoginCommand.loopback("127.0.0.256"));
        assertFalse(LoginCommand.loopback("[::2]"));
        assertFalse(LoginCommand.loopback("localhost.example.com"));
        assertFalse(LoginCommand.loopback("0x7f.0.0.1"));
    }

    @Test
    void recentIdsSkipsARepeatAndForgetsTheLeastRecentlySeenBeyondItsCapacity() {
        RecentIds ids = new RecentIds(2);
        assertTrue(ids.firstTime("a"));
        assertTrue(ids.firstTime("b"));
        assertFalse(ids.firstTime("a"), "a repeat");
        assertTrue(ids.firstTime("c"), "a new id: b, the least recently seen, is forgotten");
        assertFalse(ids.firstTime("a"));
        assertTrue(ids.firstTime("b"), "forgotten, so new again");
    }

    /**
     * The feed hands evt_1 on two pages and evt_old (passed while catching up) again later: the endpoint gets evt_1
     * and evt_2 once each, and nothing else.
     */
    @Test
    void listenForwardsAnEventTheFeedHandsTwiceOnlyOnce() throws Exception {
        List<String> forwarded = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger readsAtTheEnd = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/events", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String after = query != null && query.contains("after=") ? query.substring(query.indexOf("after=") + 6) : "";
            String page = switch (after) {
                case "" -> page(false, "c0", "evt_old");
                case "c0" -> page(true, "c1", "evt_1");
                case "c1" -> page(false, "c2", "evt_1", "evt_old", "evt_2");
                default -> {
                    readsAtTheEnd.incrementAndGet();
                    yield page(false, "c2");
                }
            };
            answer(exchange, 200, page);
        });
        server.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            forwarded.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            answer(exchange, 202, "");
        });
        server.start();
        Path config = dir.resolve("listen").resolve("config.json");
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertEquals(0, login(config, base).exit());
            StringWriter out = new StringWriter();
            AtomicInteger exit = new AtomicInteger(-1);
            CommandLine listen = Cauri.commandLine(Map.of());
            listen.setOut(new PrintWriter(out, true));
            listen.setErr(new PrintWriter(out, true));
            Thread listening = new Thread(() -> exit.set(listen.execute("listen", "--forward-to", base + "/hooks",
                    "--poll-interval", "100", "--config", config.toString())), "cauri-listen-dedup");
            listening.start();
            try {
                long deadline = System.currentTimeMillis() + 20_000;
                while (readsAtTheEnd.get() < 3 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(readsAtTheEnd.get() >= 3, "listen read the feed to its end:\n" + out);
            } finally {
                listening.interrupt();
                listening.join(10_000);
            }
            assertFalse(listening.isAlive());
            assertEquals(0, exit.get(), out.toString());
            assertEquals(List.of("evt_1", "evt_2"), forwarded, out.toString());
        } finally {
            server.stop(0);
        }
    }

    static String page(boolean hasMore, String nextCursor, String... ids) {
        List<String> events = new ArrayList<>();
        for (String id : ids) {
            events.add("{\"id\":\"" + id + "\",\"type\":\"payment_intent.successful\",\"data\":{\"id\":\"pi_" + id + "\"}}");
        }
        return "{\"data\":[" + String.join(",", events) + "],\"hasMore\":" + hasMore + ",\"nextCursor\":\"" + nextCursor + "\"}";
    }

    static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}

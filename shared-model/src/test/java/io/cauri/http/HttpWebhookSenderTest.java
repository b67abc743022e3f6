package io.cauri.http;

import io.cauri.merchant.Mode;
import io.cauri.testing.WebhookReceiver;
import io.cauri.webhook.WebhookAddresses;
import io.cauri.webhook.WebhookSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real sender against a receiver on this machine (loopback only). Names are resolved by a test resolver:
 * {@code hooks.merchant.test} resolves to 127.0.0.1, which no public DNS would let us show.
 */
class HttpWebhookSenderTest {
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final Set<String> KINDS = Set.of(WebhookSender.TIMEOUT, WebhookSender.CONNECTION_REFUSED,
            WebhookSender.TLS_ERROR, WebhookSender.HTTP_STATUS, WebhookSender.ADDRESS_NOT_ALLOWED,
            WebhookSender.DNS_ERROR, WebhookSender.CONNECTION_ERROR);

    final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stop() {
        receiver.close();
    }

    static WebhookAddresses.Resolver names(Map<String, List<String>> table) {
        return host -> {
            List<String> ips = table.get(host);
            if (ips == null) {
                return InetAddress.getAllByName(host); // literals only: every name of these tests is in the table
            }
            InetAddress[] out = new InetAddress[ips.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = InetAddress.getByAddress(host, InetAddress.getByName(ips.get(i)).getAddress());
            }
            return out;
        };
    }

    static HttpWebhookSender sender(WebhookAddresses.Resolver resolver, WebhookAddresses.Loopback loopback) {
        return new HttpWebhookSender(new WebhookAddresses(resolver, loopback));
    }

    static WebhookSender.Result post(HttpWebhookSender sender, String url, Mode mode) {
        WebhookSender.Result result = sender.post(URI.create(url), mode, Map.of("webhook-id", "evt_1"), "{\"a\":1}", TIMEOUT).join();
        assertTrue(result.error() == null || KINDS.contains(result.error()), "an error kind, not a text: " + result.error());
        return result;
    }

    int port() {
        return URI.create(receiver.url()).getPort();
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefusedAtDeliveryAndNothingIsSent() {
        var resolver = names(Map.of("hooks.merchant.test", List.of("127.0.0.1")));
        String url = "http://hooks.merchant.test:" + port() + "/in";
        WebhookSender.Result live = post(sender(resolver, WebhookAddresses.Loopback.SANDBOX), url, Mode.LIVE);
        assertEquals(WebhookSender.ADDRESS_NOT_ALLOWED, live.error());
        assertNull(live.status());
        WebhookSender.Result none = post(sender(resolver, WebhookAddresses.Loopback.NONE), url, Mode.SANDBOX);
        assertEquals(WebhookSender.ADDRESS_NOT_ALLOWED, none.error());
        assertEquals(0, receiver.requests().size());
    }

    @Test
    void whereLoopbackIsAllowedTheSameDeliveryReachesTheCheckedAddressWithTheNameAsHost() {
        var resolver = names(Map.of("hooks.merchant.test", List.of("127.0.0.1")));
        String url = "http://hooks.merchant.test:" + port() + "/in?x=1";
        WebhookSender.Result sandbox = post(sender(resolver, WebhookAddresses.Loopback.SANDBOX), url, Mode.SANDBOX);
        assertEquals(200, sandbox.status());
        assertNull(sandbox.error());
        WebhookSender.Result live = post(sender(resolver, WebhookAddresses.Loopback.ALL), url, Mode.LIVE);
        assertEquals(200, live.status());
        var requests = receiver.requests();
        assertEquals(2, requests.size());
        // the socket went to the address checked (the name has no DNS entry), the request still names the host
        assertEquals("hooks.merchant.test:" + port(), requests.get(0).header("Host"));
        assertEquals("{\"a\":1}", requests.get(0).body());
        assertEquals("evt_1", requests.get(0).header("webhook-id"));
        assertEquals(HttpWebhookSender.USER_AGENT, requests.get(0).header("User-Agent"));
    }

    @Test
    void aNameIsRefusedIfAnyOfItsAddressesIsInternalAndResolvedOncePerDelivery() {
        AtomicInteger lookups = new AtomicInteger();
        // a rebinding name: public at the first lookup (registration), loopback afterwards (delivery)
        WebhookAddresses.Resolver rebinding = host -> {
            String ip = lookups.getAndIncrement() == 0 ? "93.184.215.14" : "127.0.0.1";
            return new InetAddress[]{InetAddress.getByAddress(host, InetAddress.getByName(ip).getAddress())};
        };
        WebhookAddresses addresses = new WebhookAddresses(rebinding, WebhookAddresses.Loopback.SANDBOX);
        try {
            assertEquals(1, addresses.resolve("rebind.test", Mode.LIVE).size()); // registration sees a public address
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        WebhookSender.Result delivery = post(new HttpWebhookSender(addresses), "http://rebind.test:" + port() + "/", Mode.LIVE);
        assertEquals(WebhookSender.ADDRESS_NOT_ALLOWED, delivery.error());
        assertEquals(2, lookups.get()); // one lookup at delivery, and the socket used its answer
        var mixed = names(Map.of("mixed.test", List.of("127.0.0.1", "10.1.2.3")));
        assertEquals(WebhookSender.ADDRESS_NOT_ALLOWED,
                post(sender(mixed, WebhookAddresses.Loopback.ALL), "http://mixed.test:" + port() + "/", Mode.LIVE).error());
        assertEquals(0, receiver.requests().size());
    }

    @Test
    void literalInternalAddressesAreRefusedInLiveWithoutConnecting() {
        HttpWebhookSender sender = sender(InetAddress::getAllByName, WebhookAddresses.Loopback.SANDBOX);
        for (String host : List.of("127.0.0.1", "127.0.0.2", "0.0.0.0", "[::ffff:127.0.0.1]", "[::1]", "[::]",
                "169.254.169.254", "10.0.0.1", "172.31.255.255", "192.168.0.1", "100.64.0.1", "[fe80::1]",
                "[fd00:ec2::254]", "[::127.0.0.1]", "[64:ff9b::a00:1]", "[2002:a00:1::]", "224.0.0.1", "255.255.255.255")) {
            WebhookSender.Result result = post(sender, "https://" + host + ":" + port() + "/", Mode.LIVE);
            assertEquals(WebhookSender.ADDRESS_NOT_ALLOWED, result.error(), host);
        }
        assertEquals(0, receiver.requests().size());
    }

    @Test
    void failuresAreReportedAsKindsNeverAsExceptionTexts() throws Exception {
        HttpWebhookSender sender = sender(names(Map.of("nowhere.test", List.of())), WebhookAddresses.Loopback.SANDBOX);
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertEquals(WebhookSender.CONNECTION_REFUSED, post(sender, "http://127.0.0.1:" + closed + "/", Mode.SANDBOX).error());
        // https to a server that answers in plain HTTP: the handshake fails
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (var s = plain.accept()) {
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes());
                    s.getOutputStream().flush();
                    Thread.sleep(200);
                } catch (Exception ignored) {
                    // the test fails on the sender's side if this did not answer
                }
            });
            answer.start();
            assertEquals(WebhookSender.TLS_ERROR,
                    post(sender, "https://127.0.0.1:" + plain.getLocalPort() + "/", Mode.SANDBOX).error());
            answer.join();
        }
        assertEquals(WebhookSender.DNS_ERROR, post(sender, "http://nowhere.test/", Mode.SANDBOX).error());
        receiver.answering(n -> n == 1 ? WebhookReceiver.Answer.status(500) : WebhookReceiver.Answer.slow(Duration.ofSeconds(4)));
        WebhookSender.Result answered = post(sender, receiver.url(), Mode.SANDBOX);
        assertEquals(500, answered.status());
        assertEquals(WebhookSender.HTTP_STATUS, answered.error());
        WebhookSender.Result slow = post(sender, receiver.url(), Mode.SANDBOX);
        assertEquals(WebhookSender.TIMEOUT, slow.error());
        assertTrue(slow.durationMillis() < TIMEOUT.toMillis() + 1500, "bounded by the timeout: " + slow.durationMillis());
    }

    @Test
    void unknownHostsFromTheResolverAreDnsErrors() {
        WebhookAddresses.Resolver failing = host -> {
            throw new UnknownHostException(host + ": secret resolver detail");
        };
        WebhookSender.Result result = post(sender(failing, WebhookAddresses.Loopback.SANDBOX), "https://shop.test/", Mode.LIVE);
        assertEquals(WebhookSender.DNS_ERROR, result.error());
    }
}

package io.cauri.http;

import io.cauri.merchant.Mode;
import io.cauri.webhook.WebhookAddresses;
import io.cauri.webhook.WebhookSender;
import jakarta.inject.Singleton;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@link WebhookSender} over a plain socket, HTTP/1.1, one request per connection. The host is resolved once,
 * every address it resolves to is checked ({@link WebhookAddresses}), and the socket connects to a checked
 * address — never to a second resolution of the name, which could answer differently (DNS rebinding). The
 * JDK's HttpClient resolves names itself and cannot be pinned to an address, hence this small client. For
 * https the TLS layer still names the host: SNI carries it and the certificate is verified against it.
 * <p>
 * Redirects are not followed (a 3xx is a failure), only the status line of the answer is read, and the
 * exchange is bounded by the timeout. Failures are reported as a fixed set of kinds, never an exception's text.
 * Requests of one batch run concurrently, each on its own thread.
 */
@Singleton
public class HttpWebhookSender implements WebhookSender {
    public static final String USER_AGENT = "Cauri-Webhooks/1.0";
    private static final Duration MAX_CONNECT = Duration.ofSeconds(5);
    private static final int MAX_LINE = 8192;

    private final WebhookAddresses addresses;
    private volatile ExecutorService executor;

    public HttpWebhookSender(WebhookAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public CompletableFuture<Result> post(URI url, Mode mode, Map<String, String> headers, String body, Duration timeout) {
        long start = System.nanoTime();
        Exchange exchange = new Exchange(url, mode, headers, body, start + timeout.toNanos());
        CompletableFuture<Result> running;
        try {
            running = CompletableFuture.supplyAsync(exchange::run, executor());
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(new Result(null, CONNECTION_ERROR, millisSince(start)));
        }
        // the socket's own timeouts bound reads and connects; this bounds the rest (a name lookup, a stuck write)
        return running.orTimeout(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)
                .handle((result, failure) -> {
                    if (failure == null) {
                        return result;
                    }
                    exchange.close();
                    return new Result(null, TIMEOUT, millisSince(start));
                });
    }

    /** Created on first use: no threads in a SnapStart snapshot. Daemon threads, gone when idle. */
    private ExecutorService executor() {
        ExecutorService e = executor;
        if (e == null) {
            synchronized (this) {
                if (executor == null) {
                    executor = Executors.newCachedThreadPool(r -> {
                        Thread t = new Thread(r, "webhook-sender");
                        t.setDaemon(true);
                        return t;
                    });
                }
                e = executor;
            }
        }
        return e;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** One POST; {@link #run} never throws, {@link #close} may be called from another thread at any time. */
    private final class Exchange {
        private final URI url;
        private final Mode mode;
        private final Map<String, String> headers;
        private final String body;
        private final long deadline;
        private final long start = System.nanoTime();
        private volatile Socket socket;

        Exchange(URI url, Mode mode, Map<String, String> headers, String body, long deadline) {
            this.url = url;
            this.mode = mode;
            this.headers = headers;
            this.body = body;
            this.deadline = deadline;
        }

        Result run() {
            try {
                int status = exchange();
                return new Result(status, status >= 200 && status < 300 ? null : HTTP_STATUS, millisSince(start));
            } catch (UnknownHostException e) {
                return failed(DNS_ERROR);
            } catch (WebhookAddresses.RefusedAddressException e) {
                return failed(ADDRESS_NOT_ALLOWED);
            } catch (SocketTimeoutException e) {
                return failed(TIMEOUT);
            } catch (ConnectException e) {
                return failed(CONNECTION_REFUSED);
            } catch (SSLException e) {
                return failed(TLS_ERROR);
            } catch (IOException | RuntimeException e) {
                return failed(remainingMillis() <= 0 ? TIMEOUT : CONNECTION_ERROR);
            } finally {
                close();
            }
        }

        private Result failed(String kind) {
            return new Result(null, kind, millisSince(start));
        }

        private int exchange() throws IOException, WebhookAddresses.RefusedAddressException {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            String host = url.getHost();
            if (host == null || !(scheme.equals("http") || scheme.equals("https")) || url.getRawUserInfo() != null) {
                throw new IOException("not an http(s) URL");
            }
            boolean tls = scheme.equals("https");
            int port = url.getPort() != -1 ? url.getPort() : tls ? 443 : 80;
            List<InetAddress> checked = addresses.resolve(host, mode);
            Socket plain = connect(checked, port);
            Socket s = plain;
            String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            if (tls) {
                SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(plain, bareHost, port, true);
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
                if (!isLiteral(host)) {
                    parameters.setServerNames(List.of(new SNIHostName(bareHost)));
                }
                ssl.setSSLParameters(parameters);
                socket = ssl;
                ssl.setSoTimeout(readTimeout());
                ssl.startHandshake();
                s = ssl;
            }
            write(s.getOutputStream(), host + (url.getPort() != -1 ? ":" + url.getPort() : ""));
            return readStatus(s);
        }

        /** The first checked address that accepts the connection. */
        private Socket connect(List<InetAddress> checked, int port) throws IOException {
            IOException last = null;
            for (InetAddress address : checked) {
                Socket s = new Socket();
                socket = s;
                try {
                    s.connect(new InetSocketAddress(address, port),
                            (int) Math.max(1, Math.min(remainingMillis(), MAX_CONNECT.toMillis())));
                    return s;
                } catch (IOException e) {
                    s.close();
                    last = e;
                    if (e instanceof SocketTimeoutException || remainingMillis() <= 0) {
                        break;
                    }
                }
            }
            throw last != null ? last : new SocketTimeoutException();
        }

        private void write(OutputStream raw, String hostHeader) throws IOException {
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(512);
            String target = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                    + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            head.append("POST ").append(target).append(" HTTP/1.1\r\n");
            header(head, "Host", hostHeader);
            header(head, "User-Agent", USER_AGENT);
            header(head, "Content-Type", "application/json");
            header(head, "Content-Length", Integer.toString(payload.length));
            header(head, "Connection", "close");
            for (Map.Entry<String, String> h : headers.entrySet()) {
                header(head, h.getKey(), h.getValue());
            }
            head.append("\r\n");
            OutputStream out = new BufferedOutputStream(raw, 8192);
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(payload);
            out.flush();
        }

        private static void header(StringBuilder head, String name, String value) throws IOException {
            if (name.isEmpty() || (name + value).chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw new IOException("header with a line break"); // never split the request
            }
            head.append(name).append(": ").append(value).append("\r\n");
        }

        /** The final status: informational (1xx) answers and their headers are skipped. */
        private int readStatus(Socket s) throws IOException {
            InputStream in = s.getInputStream();
            for (int informational = 0; informational < 8; informational++) {
                s.setSoTimeout(readTimeout());
                String line = readLine(in);
                if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
                    throw new IOException("not an HTTP answer");
                }
                int status;
                try {
                    status = Integer.parseInt(line.substring(9, 12));
                } catch (NumberFormatException e) {
                    throw new IOException("not an HTTP status");
                }
                if (status < 100 || status > 599) {
                    throw new IOException("not an HTTP status");
                }
                if (status >= 200) {
                    return status;
                }
                while (!readLine(in).isEmpty()) {
                    s.setSoTimeout(readTimeout()); // the 1xx answer's headers
                }
            }
            throw new IOException("too many informational answers");
        }

        private String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c == -1) {
                    throw new IOException("connection closed before the answer");
                }
                if (line.size() >= MAX_LINE) {
                    throw new IOException("answer line too long");
                }
                line.write(c);
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }

        private int readTimeout() throws SocketTimeoutException {
            long left = remainingMillis();
            if (left <= 0) {
                throw new SocketTimeoutException();
            }
            return (int) Math.min(Integer.MAX_VALUE, left);
        }

        private long remainingMillis() {
            return (deadline - System.nanoTime()) / 1_000_000;
        }

        void close() {
            Socket s = socket;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing is all that is left to do
                }
            }
        }

        private static boolean isLiteral(String host) {
            return host.startsWith("[") || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        }
    }
}

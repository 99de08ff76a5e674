package io.exdesk.notification;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.exdesk.testkit.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server receiving chat webhooks on loopback, answering 200 unless told otherwise per
 * path: scripted statuses (with optional Retry-After) and delays, so tests can make one receiver fail.
 */
public final class WebhookReceiver {

    /** One webhook call as received. */
    public record Call(String path, Map<String, List<String>> headers, String body, int answered, Instant receivedAt) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** A scripted answer. */
    public record Answer(int status, String retryAfter) {
    }

    private static WebhookReceiver instance;

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Answer> always = new ConcurrentHashMap<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", FreePorts.next()), 64);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", this::handle);
        server.start();
    }

    public static synchronized WebhookReceiver get() {
        if (instance == null) {
            try {
                instance = new WebhookReceiver();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next calls to {@code path} get these answers, in order; then 200 again. */
    public void script(String path, Answer... answers) {
        scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    /** Every call to {@code path} gets this status until {@link #heal}. */
    public void fail(String path, int status) {
        always.put(path, new Answer(status, null));
    }

    public void heal(String path) {
        always.remove(path);
    }

    /** Every call to {@code path} is answered after this delay. */
    public void delay(String path, Duration delay) {
        delays.put(path, delay);
    }

    public List<Call> calls(String path) {
        return calls.stream().filter(call -> call.path().equals(path)).toList();
    }

    public List<Call> successfulCalls(String path) {
        return calls(path).stream().filter(call -> call.answered() / 100 == 2).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant received = Instant.now();
        String path = exchange.getRequestURI().getPath();
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Duration delay = delays.get(path);
        if (delay != null) {
            try {
                Thread.sleep(delay.toMillis()); // the receiver is slow on purpose
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Answer answer = always.get(path);
        if (answer == null) {
            Deque<Answer> script = scripts.get(path);
            Answer next = script == null ? null : script.poll();
            answer = next == null ? new Answer(200, null) : next;
        }
        calls.add(new Call(path, Map.copyOf(exchange.getRequestHeaders()), body, answer.status(), received));
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        byte[] response = (answer.status() == 200 ? "ok" : "failing on purpose").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), response.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response);
        }
    }
}

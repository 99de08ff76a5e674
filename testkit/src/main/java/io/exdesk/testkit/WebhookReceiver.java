package io.exdesk.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A real HTTP server receiving chat webhooks on loopback, answering 200 unless told otherwise per
 * path: scripted statuses (with optional Retry-After), and calls held until the test releases them,
 * so tests can make one receiver fail or stall. The benchmark's receiver is one that only forwards
 * each call and records nothing.
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

    private static WebhookReceiver shared;

    private final HttpServer server;
    private final Consumer<Call> listener;
    private final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Answer> always = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> held = new ConcurrentHashMap<>();

    private WebhookReceiver(int backlog, int threads, Consumer<Call> listener) {
        this.listener = listener;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", FreePorts.next()), backlog);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(threads));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The receiver every test class of this JVM shares; it records every call. */
    public static synchronized WebhookReceiver get() {
        if (shared == null) {
            shared = new WebhookReceiver(64, 16, null);
        }
        return shared;
    }

    /** A receiver that records nothing and hands each call to {@code listener} before answering it (for load). */
    public static WebhookReceiver forwardingTo(Consumer<Call> listener) {
        return new WebhookReceiver(256, 8, listener);
    }

    public void stop() {
        server.stop(0);
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

    /** Calls to {@code path} wait, unanswered, until {@link #release}. */
    public void hold(String path) {
        holds.put(path, new CountDownLatch(1));
    }

    /** Answers the held calls to {@code path}, and the later ones at once. */
    public void release(String path) {
        CountDownLatch hold = holds.remove(path);
        if (hold != null) {
            hold.countDown();
        }
    }

    /** Calls to {@code path} received and waiting for {@link #release}. */
    public int held(String path) {
        AtomicInteger count = held.get(path);
        return count == null ? 0 : count.get();
    }

    /** Every answered call, whatever its path, in the order they were answered. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Answered calls to {@code path}, in the order they were answered. */
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
        CountDownLatch hold = holds.get(path);
        if (hold != null) {
            AtomicInteger count = held.computeIfAbsent(path, p -> new AtomicInteger());
            count.incrementAndGet();
            try {
                hold.await(); // the receiver stalls on purpose
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                count.decrementAndGet();
            }
        }
        Answer answer = always.get(path);
        if (answer == null) {
            Deque<Answer> script = scripts.get(path);
            Answer next = script == null ? null : script.poll();
            answer = next == null ? new Answer(200, null) : next;
        }
        Call call = new Call(path, Map.copyOf(exchange.getRequestHeaders()), body, answer.status(), received);
        if (listener == null) {
            calls.add(call);
        } else {
            listener.accept(call);
        }
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

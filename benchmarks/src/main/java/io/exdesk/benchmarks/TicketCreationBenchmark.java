package io.exdesk.benchmarks;

import io.exdesk.testkit.JwtIssuer;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.HdrHistogram.Recorder;

/**
 * Creates tickets over HTTP against a running ticket-service (./run.sh) and prints throughput and
 * latency percentiles (HdrHistogram). Two phases, both bounded in count and time:
 * <ol>
 *   <li>saturation: {@code concurrency} requests in flight for {@code seconds}; reports tickets/s;</li>
 *   <li>fixed rate: {@code rate} requests per second for {@code seconds}; latency is measured from
 *       each request's intended start, so a stall is not hidden (no coordinated omission).</li>
 * </ol>
 * The samples rotate through Chinese and English tickets, one with a seed phrase to redact.
 * With {@code keys} as the fifth argument every request carries its own {@code Idempotency-Key}, as
 * an integration that retries safely sends it.
 * Usage: {@code benchmarks/ticket-creation.sh [baseUrl] [seconds] [concurrency] [rate] [keys]}.
 */
public final class TicketCreationBenchmark {

    private static final List<Buffer> SAMPLES = List.of(
            ticket("充值未到账", "我昨天充值了 500 USDT (TRC20)，交易哈希 TxID: 7f3a9c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a，到现在还没到账。", "zh-CN"),
            ticket("Account hacked", "Someone logged into my account from another country and withdrew all my funds. Please freeze my account now!", "en"),
            ticket("Recover wallet", "Here is my seed phrase so you can check: abandon ability able about above absent absorb abstract absurd abuse access accident", "en"),
            ticket("How do I deposit?", "How do I deposit euros by bank transfer?", "en"));

    /**
     * Platform clients the requests rotate over. Each client has its own rate limit (1,000 requests/s
     * by default), which one client would reach before the service does.
     */
    private static final int CLIENTS = 4;

    private final HttpClient http;
    private final List<RequestOptions> targets;
    private final boolean keys;
    private final Map<Integer, AtomicLong> failures = new ConcurrentHashMap<>();

    private TicketCreationBenchmark(HttpClient http, List<RequestOptions> targets, boolean keys) {
        this.http = http;
        this.targets = targets;
        this.keys = keys;
    }

    /** What one phase measured. */
    record Result(org.HdrHistogram.Histogram latency, long ok, long failed, double seconds) {
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8081");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        boolean keys = args.length > 4 && args[4].equals("keys");
        JwtIssuer jwt = JwtIssuer.inDirectory(Path.of(".exdesk", "keys"));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(Math.max(concurrency, 256)));
        List<RequestOptions> targets = IntStream.rangeClosed(1, CLIENTS).mapToObj(client -> new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(base.getHost())
                .setPort(base.getPort())
                .setURI("/api/v1/tickets")
                .putHeader("Authorization", "Bearer "
                        + jwt.mint("benchmark-platform-" + client, Set.of("platform"), Duration.ofHours(1)))
                .putHeader("Content-Type", "application/json")).toList();
        TicketCreationBenchmark benchmark = new TicketCreationBenchmark(http, targets, keys);
        try {
            System.out.printf("Warm-up: 10 s at %d in flight%n", concurrency);
            benchmark.saturate(concurrency, Duration.ofSeconds(10));
            System.out.printf("%nSaturation: %d s at %d in flight%n", seconds, concurrency);
            benchmark.failures.clear();
            benchmark.report(benchmark.saturate(concurrency, Duration.ofSeconds(seconds)));
            System.out.printf("%nFixed rate: %d tickets/s for %d s%n", rate, seconds);
            benchmark.report(benchmark.fixedRate(rate, Duration.ofSeconds(seconds)));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private Result saturate(int concurrency, Duration duration) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            loop(end, sent, recorder, ok, failed, done);
        }
        done.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
        return new Result(recorder.getIntervalHistogram(), ok.get(), failed.get(), (System.nanoTime() - start) / 1e9);
    }

    /** One closed-loop client: sends, waits for the answer, sends again until the end. */
    private void loop(long end, AtomicLong sent, Recorder recorder, AtomicLong ok, AtomicLong failed,
                      CountDownLatch done) {
        if (System.nanoTime() >= end) {
            done.countDown();
            return;
        }
        long t0 = System.nanoTime();
        send(sent.getAndIncrement()).onComplete(status -> {
            recorder.recordValue(System.nanoTime() - t0);
            count(status, ok, failed);
            loop(end, sent, recorder, ok, failed, done);
        });
    }

    private Result fixedRate(int rate, Duration duration) throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long total = rate * duration.toSeconds();
        CountDownLatch done = new CountDownLatch((int) total);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send(i).onComplete(status -> {
                recorder.recordValue(System.nanoTime() - intended);
                count(status, ok, failed);
                done.countDown();
            });
        }
        done.await(60, TimeUnit.SECONDS);
        return new Result(recorder.getIntervalHistogram(), ok.get(), failed.get(), (System.nanoTime() - start) / 1e9);
    }

    private void count(AsyncResult<Integer> status, AtomicLong ok, AtomicLong failed) {
        if (status.succeeded() && status.result() == 201) {
            ok.incrementAndGet();
        } else {
            failed.incrementAndGet();
            // 0: no response at all (connection refused or reset)
            failures.computeIfAbsent(status.succeeded() ? status.result() : 0, code -> new AtomicLong())
                    .incrementAndGet();
        }
    }

    /** Posts one sample ticket; completes with the status code once the body is read. */
    private Future<Integer> send(long n) {
        Buffer body = SAMPLES.get((int) (n % SAMPLES.size()));
        return http.request(targets.get((int) (n % targets.size())))
                .compose(request -> {
                    if (keys) {
                        request.putHeader("Idempotency-Key", UUID.randomUUID().toString());
                    }
                    return request.send(body);
                })
                .compose(response -> response.body().map(ignored -> response.statusCode()));
    }

    private void report(Result r) {
        org.HdrHistogram.Histogram h = r.latency();
        System.out.printf("  created %d, failed %d %s in %.1f s: %.0f tickets/s%n", r.ok(), r.failed(),
                r.failed() == 0 ? "" : "(by status, 0 = no response: " + new TreeMap<>(failures) + ")",
                r.seconds(), r.ok() / r.seconds());
        failures.clear();
        System.out.printf("  latency ms: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static Buffer ticket(String subject, String description, String language) {
        return Buffer.buffer("""
                {"customer":{"id":"bench-customer","tier":"STANDARD","language":"%s"},"channel":"API",\
                "subject":"%s","description":"%s"}""".formatted(language, subject, description));
    }
}

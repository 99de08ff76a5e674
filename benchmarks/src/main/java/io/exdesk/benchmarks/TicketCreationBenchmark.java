package io.exdesk.benchmarks;

import io.exdesk.testkit.JwtIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Creates tickets over HTTP against a running ticket-service (./run.sh) and prints throughput and
 * latency percentiles. Two phases, both bounded in count and time:
 * <ol>
 *   <li>saturation: {@code concurrency} requests in flight for {@code seconds}; reports tickets/s;</li>
 *   <li>fixed rate: {@code rate} requests per second for {@code seconds}; latency is measured from
 *       each request's intended start, so a stall is not hidden (no coordinated omission).</li>
 * </ol>
 * Usage: {@code benchmarks/ticket-creation.sh [baseUrl] [seconds] [concurrency] [rate]}.
 */
public final class TicketCreationBenchmark {

    private static final List<String> SAMPLES = List.of(
            ticket("充值未到账", "我昨天充值了 500 USDT (TRC20)，交易哈希 TxID: 7f3a9c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a8c0e1b2d4f6a，到现在还没到账。", "zh-CN"),
            ticket("Account hacked", "Someone logged into my account from another country and withdrew all my funds. Please freeze my account now!", "en"),
            ticket("Recover wallet", "Here is my seed phrase so you can check: abandon ability able about above absent absorb abstract absurd abuse access accident", "en"),
            ticket("How do I deposit?", "How do I deposit euros by bank transfer?", "en"));

    private TicketCreationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8081";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        String token = JwtIssuer.inDirectory(Path.of(".exdesk", "keys"))
                .mint("benchmark-platform", Set.of("platform"), Duration.ofHours(1));
        HttpClient http = HttpClient.newBuilder()
                .executor(Executors.newFixedThreadPool(4))
                .connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        URI uri = URI.create(base + "/api/v1/tickets");

        System.out.printf("Warm-up: 5 s at %d in flight%n", concurrency);
        saturate(http, uri, token, concurrency, Duration.ofSeconds(5));
        System.out.printf("%nSaturation: %d s at %d in flight%n", seconds, concurrency);
        report(saturate(http, uri, token, concurrency, Duration.ofSeconds(seconds)));
        System.out.printf("%nFixed rate: %d tickets/s for %d s%n", rate, seconds);
        report(fixedRate(http, uri, token, rate, Duration.ofSeconds(seconds)));
        System.exit(0);
    }

    /** The outcome of one phase. */
    record Result(Histogram latency, long ok, long failed, double seconds) {
    }

    private static Result saturate(HttpClient http, URI uri, String token, int concurrency, Duration duration)
            throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Semaphore inFlight = new Semaphore(concurrency);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long sent = 0;
        while (System.nanoTime() < end) {
            inFlight.acquire();
            long t0 = System.nanoTime();
            send(http, uri, token, sent++).whenComplete((response, error) -> {
                recorder.recordValue(System.nanoTime() - t0);
                (error == null && response.statusCode() == 201 ? ok : failed).incrementAndGet();
                inFlight.release();
            });
        }
        inFlight.acquire(concurrency);
        return new Result(recorder.getIntervalHistogram(), ok.get(), failed.get(), (System.nanoTime() - start) / 1e9);
    }

    private static Result fixedRate(HttpClient http, URI uri, String token, int rate, Duration duration) {
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        ConcurrentLinkedQueue<CompletableFuture<?>> pending = new ConcurrentLinkedQueue<>();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long total = rate * duration.toSeconds();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            pending.add(send(http, uri, token, i).whenComplete((response, error) -> {
                recorder.recordValue(System.nanoTime() - intended);
                (error == null && response.statusCode() == 201 ? ok : failed).incrementAndGet();
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
        return new Result(recorder.getIntervalHistogram(), ok.get(), failed.get(), (System.nanoTime() - start) / 1e9);
    }

    private static CompletableFuture<HttpResponse<Void>> send(HttpClient http, URI uri, String token, long n) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SAMPLES.get((int) (n % SAMPLES.size()))))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    }

    private static void report(Result r) {
        Histogram h = r.latency();
        System.out.printf("  created %d, failed %d in %.1f s: %.0f tickets/s%n", r.ok(), r.failed(), r.seconds(),
                r.ok() / r.seconds());
        System.out.printf("  latency ms: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String ticket(String subject, String description, String language) {
        return """
                {"customer":{"id":"bench-customer","tier":"STANDARD","language":"%s"},"channel":"API",\
                "subject":"%s","description":"%s"}""".formatted(language, subject, description);
    }
}

package io.exdesk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.exdesk.events.CloudEventHeaders;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.EventType;
import io.exdesk.events.Priority;
import io.exdesk.events.StatusChanged;
import io.exdesk.events.TicketStatus;
import io.exdesk.testkit.FreePorts;
import io.exdesk.testkit.JwtIssuer;
import io.exdesk.testkit.KafkaBroker;
import io.exdesk.testkit.PostgresServer;
import io.exdesk.testkit.ServiceProcess;
import io.exdesk.testkit.WebhookReceiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Callback delivery latency of notification-service at a fixed event rate. Self-contained: it starts
 * its own Kafka broker, a durable PostgreSQL (fsync on) and the packaged notification-service (the
 * testkit's servers and {@link ServiceProcess}), subscribes one platform client to
 * {@code status-changed} with a callback URL on a receiver in this process, and publishes
 * {@code status-changed} events round-robin over a set of tickets, each ticket's versions in order.
 * Latency is from an event's intended publish time to the callback's arrival (no coordinated omission):
 * Kafka, the consumer's transaction, the CALLBACK worker's claim and the signed HTTP POST. Every callback
 * is checked as a receiver would: signature, and each ticket's versions arriving in order.
 * Usage: {@code benchmarks/callbacks.sh [seconds] [rate] [warmupSeconds] [tickets]}.
 */
public final class CallbackBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** Intended publish time (nanoTime) of each event still owed a callback, by "ticket:version". */
    private final Map<String, Long> intended = new ConcurrentHashMap<>();
    private final Map<String, Long> lastVersion = new ConcurrentHashMap<>();
    private final AtomicLong arrived = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final Map<UUID, Long> versions = new ConcurrentHashMap<>();
    private volatile Recorder latency = new Recorder(3);
    private volatile byte[] secret;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int tickets = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        try {
            new CallbackBenchmark().run(seconds, rate, warmup, tickets);
        } catch (Exception | Error e) {
            // The receiver's and the clients' threads would keep the JVM (and the script) running.
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run(int seconds, int rate, int warmup, int ticketCount) throws Exception {
        Path root = Path.of("benchmarks", "target", "callback-benchmark").toAbsolutePath();
        deleteRecursively(root);
        Files.createDirectories(root);
        KafkaBroker kafka = new KafkaBroker(root.resolve("kafka"), 0, 3).start();
        PostgresServer postgres = PostgresServer.embedded(root.resolve("postgres"), 0, true);
        WebhookReceiver receiver = WebhookReceiver.forwardingTo(this::arrival);
        ServiceProcess service = null;
        try {
            postgres.recreateDatabase("notifications");
            JwtIssuer jwt = JwtIssuer.inDirectory(root.resolve("jwt"));
            Map<String, String> environment = new LinkedHashMap<>(
                    ServiceProcess.environment(postgres, "notifications", kafka.bootstrapServers(), jwt));
            environment.put("NOTIFICATION_CALLBACKS_ALLOW_HTTP_LOOPBACK", "true");
            service = ServiceProcess.start("notification-service",
                    ServiceProcess.runnerJar(Path.of("notification-service")), FreePorts.next(), environment,
                    root.resolve("notification-service.log"), "-Xmx256m");
            service.awaitReady(Duration.ofMinutes(2));
            subscribe(URI.create(service.baseUrl()), jwt.mint("benchmark-platform", Set.of("platform"), Duration.ofHours(1)),
                    receiver.url("/callbacks"));
            UUID[] tickets = Stream.generate(UUID::randomUUID).limit(ticketCount).toArray(UUID[]::new);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 1), new StringSerializer(), new ByteArraySerializer())) {
                System.out.printf("notification-service %s (PostgreSQL with fsync on, Kafka acks=all), %d tickets%n",
                        service.baseUrl(), ticketCount);
                System.out.printf("%nWarm-up: %d events/s for %d s%n", rate, warmup);
                report(phase(producer, tickets, rate, rate * warmup, Duration.ofSeconds(warmup + 60)));
                System.out.printf("%nMeasured: %d events/s for %d s%n", rate, seconds);
                Instant measured = Instant.now();
                report(phase(producer, tickets, rate, rate * seconds, Duration.ofSeconds(seconds + 60)));
                stages(postgres, measured);
            }
            System.out.printf("%nChecked at the receiver: %d bad signatures, %d out of order per ticket, %d duplicates%n",
                    badSignatures.get(), outOfOrder.get(), duplicates.get());
        } finally {
            receiver.stop();
            if (service != null) {
                service.close();
            }
            kafka.stop();
            postgres.close();
        }
    }

    private void subscribe(URI service, String token, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        service.resolve("/api/v1/callbacks/subscriptions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("url", url, "eventTypes", new String[] {"status-changed"}))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("subscription refused: " + response.statusCode() + " " + response.body());
        }
        secret = JSON.readTree(response.body()).get("secret").asText().getBytes(StandardCharsets.UTF_8);
    }

    private void arrival(WebhookReceiver.Call call) {
        long now = System.nanoTime();
        try {
            if (!signed(call)) {
                badSignatures.incrementAndGet();
            }
            JsonNode data = JSON.readTree(call.body());
            String ticket = call.header("ce-subject");
            long version = data.get("version").asLong();
            Long previous = lastVersion.put(ticket, version);
            if (previous != null && previous >= version) {
                (previous == version ? duplicates : outOfOrder).incrementAndGet();
            }
            Long start = intended.remove(ticket + ":" + version);
            if (start != null) {
                latency.recordValue(now - start);
                arrived.incrementAndGet();
            }
        } catch (IOException e) {
            System.err.println("Unreadable callback: " + e);
        }
    }

    /** The receiver's check, written here independently of the service: HMAC-SHA256 over "timestamp.body". */
    private boolean signed(WebhookReceiver.Call call) {
        try {
            String timestamp = call.header("X-ExDesk-Timestamp");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] expected = mac.doFinal((timestamp + "." + call.body()).getBytes(StandardCharsets.UTF_8));
            for (String signature : call.header("X-ExDesk-Signature").split(" ")) {
                if (signature.startsWith("v1=")
                        && MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** What one phase measured. */
    record Result(Histogram latency, long owed, long arrived, double seconds) {
    }

    private Result phase(KafkaProducer<String, byte[]> producer, UUID[] tickets, int rate, int events, Duration timeout)
            throws Exception {
        latency = new Recorder(3);
        arrived.set(0);
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            long at = start + i * interval;
            long wait = at - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            publish(producer, tickets[i % tickets.length], at);
        }
        producer.flush();
        long deadline = start + timeout.toNanos();
        while (arrived.get() < events && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        intended.clear();
        return new Result(latency.getIntervalHistogram(), events, arrived.get(), elapsed);
    }

    private void publish(KafkaProducer<String, byte[]> producer, UUID ticket, long intendedAt) throws Exception {
        long version = versions.merge(ticket, 1L, Long::sum);
        StatusChanged event = new StatusChanged(ticket, version, Instant.now(), "EXD-B" + ticket.toString().substring(0, 6),
                version % 2 == 0 ? TicketStatus.PENDING_CUSTOMER : TicketStatus.IN_PROGRESS,
                version % 2 == 0 ? TicketStatus.IN_PROGRESS : TicketStatus.PENDING_CUSTOMER,
                Priority.HIGH, CustomerTier.STANDARD, "agent-bench");
        intended.put(ticket + ":" + version, intendedAt);
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.forEvent(event, UUID.randomUUID(), "/exdesk/benchmark").toMap()
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(new ProducerRecord<>(EventType.of(event).topic(), null, event.key(), JSON.writeValueAsBytes(event),
                headers));
    }

    private static void report(Result r) {
        Histogram h = r.latency();
        System.out.printf("  delivered %d of %d in %.1f s%n", r.arrived(), r.owed(), r.seconds());
        System.out.printf("  event->callback ms: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f  (n=%d)%n",
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), h.getTotalCount());
    }

    /** Where the time went, from the service's own records: event to recorded (Kafka, consumer) and recorded to sent. */
    private static void stages(PostgresServer postgres, Instant since) throws SQLException {
        try (Connection db = postgres.connect("notifications");
             PreparedStatement query = db.prepareStatement("""
                     SELECT percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM created_at - occurred_at)),
                            percentile_cont(ARRAY[0.5, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at))
                     FROM delivery WHERE channel = 'CALLBACK' AND status = 'SENT' AND created_at >= ?""")) {
            query.setTimestamp(1, Timestamp.from(since));
            try (ResultSet row = query.executeQuery()) {
                if (!row.next() || row.getArray(1) == null) {
                    System.out.println("  stages: no callback of the measured phase was sent");
                    return;
                }
                Double[] recorded = (Double[]) row.getArray(1).getArray();
                Double[] sent = (Double[]) row.getArray(2).getArray();
                System.out.printf("  stages ms: event->recorded p50 %.1f p99 %.1f; recorded->sent p50 %.1f p99 %.1f%n",
                        recorded[0] * 1000, recorded[1] * 1000, sent[0] * 1000, sent[1] * 1000);
            }
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}

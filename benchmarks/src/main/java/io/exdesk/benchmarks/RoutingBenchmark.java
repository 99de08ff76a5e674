package io.exdesk.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.exdesk.events.Category;
import io.exdesk.events.Channel;
import io.exdesk.events.CloudEventHeaders;
import io.exdesk.events.CloudEvents;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.EventType;
import io.exdesk.events.Priority;
import io.exdesk.events.TicketCreated;
import io.exdesk.events.Topics;
import io.exdesk.testkit.JwtIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Routing latency against a running stack (./run.sh): registers agents through routing-service's API,
 * publishes {@code ticket-created} events to Kafka, and measures from each event's {@code occurredAt} (its
 * intended send instant, so a stall is not hidden) to the moment its {@code ticket-assigned} record is read
 * from {@code assignment-events}. Phases, each bounded in count and time: warm-up, a fixed rate, then a
 * burst at saturation (all at once) whose drain rate is the throughput.
 *
 * <p>Usage: {@code benchmarks/routing-latency.sh [routingUrl] [kafka] [rate/s] [seconds] [agents] [burst]}.
 * Each run speaks a language of its own, so earlier runs' agents and tickets never interfere; its agents are
 * set AWAY at the end (they keep their tickets and take no new ones).
 */
public final class RoutingBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    // A primary subtag no agent lists alone, and a run-specific variant: only this run's agents match.
    private final String language = "zz-" + Long.toString(System.currentTimeMillis() % 2_000_000_000L, 36);
    private final KafkaProducer<String, byte[]> producer;
    private final Map<UUID, Long> sentAtNanos = new ConcurrentHashMap<>();
    private final AtomicLong number = new AtomicLong();
    private volatile Recorder recorder = new Recorder(3);
    /** From the assignment's own ce_time (the routing decision) to its record being read: commit, relay, broker. */
    private volatile Recorder publishRecorder = new Recorder(3);
    private final AtomicLong assigned = new AtomicLong();
    private final AtomicLong lastAssignedNanos = new AtomicLong();
    // occurredAt is wall-clock; latency is measured on the monotonic clock from the same instant.
    private final long wallToNanoOffset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();

    private RoutingBenchmark(String kafka) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
    }

    public static void main(String[] args) throws Exception {
        URI routing = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8082");
        String kafka = args.length > 1 ? args[1] : "127.0.0.1:19092";
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        int agents = args.length > 4 ? Integer.parseInt(args[4]) : 100;
        int burst = args.length > 5 ? Integer.parseInt(args[5]) : 5000;
        String token = JwtIssuer.inDirectory(Path.of(".exdesk", "keys"))
                .mint("benchmark-admin", Set.of("admin"), Duration.ofHours(1));

        RoutingBenchmark benchmark = new RoutingBenchmark(kafka);
        // Room for every ticket of the run, so capacity never binds and every ticket is routed at once.
        int capacity = Math.min(1000, (rate * (seconds + 10) + burst) / agents + 10);
        List<String> ids = benchmark.registerAgents(routing, token, agents, capacity);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread reader = new Thread(() -> benchmark.readAssignments(kafka, running), "assignment-reader");
        reader.start();
        try {
            benchmark.awaitReaderPositioned();
            System.out.printf("Agents: %d in language %s, capacity %d each%n", agents, benchmark.language, capacity);

            System.out.printf("%nWarm-up: %d tickets/s for 10 s%n", Math.max(1, rate / 2));
            benchmark.report(benchmark.fixedRate(Math.max(1, rate / 2), 10));

            System.out.printf("%nFixed rate: %d tickets/s for %d s%n", rate, seconds);
            benchmark.report(benchmark.fixedRate(rate, seconds));

            System.out.printf("%nSaturation: %d tickets published at once%n", burst);
            benchmark.report(benchmark.burst(burst));
        } finally {
            running.set(false);
            reader.join(10_000);
            benchmark.producer.close(Duration.ofSeconds(10));
            benchmark.setAway(routing, token, ids);
        }
    }

    /** What one phase measured. */
    record Result(Histogram latency, Histogram publish, long sent, long assigned, double sendSeconds,
                  double drainSeconds) {
    }

    private Result fixedRate(int rate, int seconds) throws InterruptedException {
        long total = (long) rate * seconds;
        long interval = 1_000_000_000L / rate;
        return phase(total, interval);
    }

    private Result burst(int count) throws InterruptedException {
        return phase(count, 0);
    }

    /** Sends {@code total} tickets one per {@code intervalNanos} (0: as fast as possible), then waits for them. */
    private Result phase(long total, long intervalNanos) throws InterruptedException {
        recorder = new Recorder(3);
        publishRecorder = new Recorder(3);
        long assignedBefore = assigned.get();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long intended = start + i * intervalNanos;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send(intervalNanos == 0 ? System.nanoTime() : intended);
        }
        producer.flush();
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (assigned.get() - assignedBefore < total && System.nanoTime() < deadline) {
            Thread.sleep(50); // a bounded wait for the last assignments; the measurement is on the reader thread
        }
        double drainSeconds = (lastAssignedNanos.get() - start) / 1e9;
        return new Result(recorder.getIntervalHistogram(), publishRecorder.getIntervalHistogram(), total,
                assigned.get() - assignedBefore, sendSeconds, drainSeconds);
    }

    private void send(long intendedNanos) {
        Instant occurredAt = Instant.ofEpochSecond(0, intendedNanos + wallToNanoOffset);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        TicketCreated ticket = new TicketCreated(UUID.randomUUID(), 1, occurredAt, "BENCH-" + number.incrementAndGet(),
                Priority.values()[random.nextInt(4)], Category.values()[random.nextInt(Category.values().length)],
                Channel.API, language, "bench-customer", random.nextInt(10) == 0 ? CustomerTier.VIP : CustomerTier.STANDARD,
                "Benchmark ticket", false, occurredAt);
        sentAtNanos.put(ticket.ticketId(), intendedNanos);
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.forEvent(ticket, UUID.randomUUID(), "/exdesk/benchmark").toMap()
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(new ProducerRecord<>(Topics.TICKET_EVENTS, null, ticket.key(), JSON.writeValueAsBytes(ticket),
                    headers));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private volatile boolean readerPositioned;

    /** Reads assignment-events from the end; records each of this run's first assignments. */
    private void readAssignments(String kafka, AtomicBoolean running) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "routing-benchmark-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ASSIGNMENT_EVENTS));
            while (running.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    var type = record.headers().lastHeader("ce_type");
                    if (type == null || !EventType.TICKET_ASSIGNED.ceType().equals(
                            new String(type.value(), StandardCharsets.UTF_8))) {
                        continue;
                    }
                    Long sent = sentAtNanos.remove(UUID.fromString(record.key()));
                    if (sent != null) {
                        recorder.recordValue(Math.max(0, now - sent));
                        var time = record.headers().lastHeader(CloudEvents.TIME);
                        if (time != null) {
                            Instant at = Instant.parse(new String(time.value(), StandardCharsets.UTF_8));
                            long decided = at.getEpochSecond() * 1_000_000_000L + at.getNano() - wallToNanoOffset;
                            publishRecorder.recordValue(Math.max(0, now - decided));
                        }
                        assigned.incrementAndGet();
                        lastAssignedNanos.set(now);
                    }
                }
                if (!readerPositioned && !consumer.assignment().isEmpty()) {
                    consumer.assignment().forEach(consumer::position);
                    readerPositioned = true;
                }
            }
        }
    }

    private void awaitReaderPositioned() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!readerPositioned) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The assignment-events reader got no partitions in 30 s");
            }
            Thread.sleep(100);
        }
    }

    private List<String> registerAgents(URI routing, String token, int count, int capacity) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> ids = new java.util.ArrayList<>();
        List<String> categories = java.util.Arrays.stream(Category.values()).map(Enum::name).toList();
        for (int i = 0; i < count; i++) {
            String id = "bench-" + language + "-" + i;
            String body = JSON.writeValueAsString(Map.of("id", id, "name", "Benchmark agent " + i,
                    "tier", i % 10 == 9 ? "L2" : "L1", "skills", categories, "languages", List.of(language),
                    "capacity", capacity, "vipCapable", i % 4 == 0, "status", "ONLINE"));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(routing.resolve("/api/v1/agents"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("Creating agent " + id + ": " + response.statusCode() + " " + response.body());
            }
            ids.add(id);
        }
        return ids;
    }

    private void setAway(URI routing, String token, List<String> ids) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String id : ids) {
            http.send(HttpRequest.newBuilder(routing.resolve("/api/v1/agents/" + id + "/status"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"AWAY\"}")).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    private void report(Result r) {
        Histogram h = r.latency();
        System.out.printf("  sent %d in %.1f s, assigned %d (%d missing); last assignment %.1f s after the first send: "
                        + "%.0f assignments/s%n", r.sent(), r.sendSeconds(), r.assigned(), r.sent() - r.assigned(),
                r.drainSeconds(), r.assigned() / Math.max(r.drainSeconds(), 1e-9));
        percentiles("occurredAt -> ticket-assigned read", h);
        percentiles("of which decision -> read (commit, outbox relay, broker)", r.publish());
    }

    private static void percentiles(String label, Histogram h) {
        System.out.printf("  %s, ms: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n", label,
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}

package io.exdesk.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.exdesk.events.AgentProfileUpdated;
import io.exdesk.events.AgentTier;
import io.exdesk.events.AssignmentReason;
import io.exdesk.events.Category;
import io.exdesk.events.ChatWebhookFormat;
import io.exdesk.events.CloudEventHeaders;
import io.exdesk.events.EventType;
import io.exdesk.events.ExDeskEvent;
import io.exdesk.events.Priority;
import io.exdesk.events.TicketAssigned;
import io.exdesk.testkit.JwtIssuer;
import io.exdesk.testkit.MailServer;
import io.exdesk.testkit.WebhookReceiver;
import jakarta.mail.MessagingException;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Measures notification-service end to end against the running stack (./run.sh): publishes
 * {@code ticket-assigned} events to Kafka, each owing an e-mail and a chat message to one of the
 * benchmark's agents, and times their arrival at an SMTP server (GreenMail) and a webhook receiver
 * that this process runs on loopback. Two phases, both bounded in count and time:
 * <ol>
 *   <li>fixed rate: {@code rate} events per second for {@code seconds}; latency from each event's
 *       intended publish time to the message's arrival, per channel (no coordinated omission);</li>
 *   <li>saturation: {@code burst} events published at once; deliveries per second from the first
 *       publish to the last arrival.</li>
 * </ol>
 * The service sends e-mail to 127.0.0.1:1025 by default, which is where this SMTP server listens;
 * the agents' chat webhooks point at this receiver through their profiles in the agent directory, published
 * to Kafka as routing-service publishes them. Both servers are the
 * testkit's ({@link MailServer}, {@link WebhookReceiver}), the ones the notification tests use.
 * Usage: {@code benchmarks/notification.sh [serviceUrl] [seconds] [rate] [burst] [kafka] [smtpPort]}.
 */
public final class NotificationBenchmark {

    private static final int AGENTS = 50;
    private static final Pattern NUMBER = Pattern.compile("EXD-B[0-9a-f]+-\\d+");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** Intended publish time (nanoTime) of each event still owed a message, by ticket number. */
    private final Map<String, Long> intended = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong arrived = new AtomicLong();
    private final AtomicLong lastArrival = new AtomicLong();
    private volatile Recorder emailLatency = new Recorder(3);
    private volatile Recorder chatLatency = new Recorder(3);
    private final String run = Long.toHexString(System.currentTimeMillis() & 0xffffff);

    public static void main(String[] args) throws Exception {
        URI service = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8084");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int burst = args.length > 3 ? Integer.parseInt(args[3]) : 3000;
        String kafka = args.length > 4 ? args[4] : "127.0.0.1:19092";
        int smtpPort = args.length > 5 ? Integer.parseInt(args[5]) : 1025;
        new NotificationBenchmark().run(service, seconds, rate, burst, kafka, smtpPort);
        System.exit(0);
    }

    private void run(URI service, int seconds, int rate, int burst, String kafka, int smtpPort) throws Exception {
        MailServer smtp = MailServer.on(smtpPort);
        WebhookReceiver webhooks = WebhookReceiver.forwardingTo(call -> arrival(call.body(), false));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 1), new StringSerializer(), new ByteArraySerializer())) {
            registerAgents(service, producer, smtp, webhooks);

            System.out.printf("Warm-up: %d events/s for 5 s%n", rate / 2);
            phase(producer, rate / 2, 5 * (rate / 2), Duration.ofSeconds(60));
            System.out.printf("%nFixed rate: %d events/s for %d s (%d deliveries)%n", rate, seconds, 2 * rate * seconds);
            report(phase(producer, rate, rate * seconds, Duration.ofSeconds(seconds + 60)));
            System.out.printf("%nSaturation: %d events at once (%d deliveries)%n", burst, 2 * burst);
            report(phase(producer, 0, burst, Duration.ofSeconds(120)));
        } finally {
            webhooks.stop();
            smtp.stop();
        }
    }

    /**
     * Agents with an e-mail inbox here (watched for arrivals) and a chat webhook at this receiver, published to
     * the agent directory as routing-service publishes a registration; returns once the service holds them all.
     */
    private void registerAgents(URI service, KafkaProducer<String, byte[]> producer, MailServer smtp,
                                WebhookReceiver webhooks) throws Exception {
        String token = JwtIssuer.inDirectory(Path.of(".exdesk", "keys"))
                .mint("benchmark-admin", Set.of("admin"), Duration.ofHours(1));
        for (int i = 0; i < AGENTS; i++) {
            String id = agent(i);
            String address = id + "@bench.test";
            send(producer, new AgentProfileUpdated(id, 1, id, AgentTier.L1, "bench", List.of(i % 2 == 0 ? "en" : "zh-CN"),
                    address, webhooks.url("/hooks/" + id), ChatWebhookFormat.SLACK, Instant.now()));
            smtp.onArrival(address, message -> {
                try {
                    arrival(message.getSubject(), true);
                } catch (MessagingException e) {
                    System.err.println("Unreadable message: " + e);
                }
            });
        }
        producer.flush();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; i < AGENTS; i++) {
            HttpRequest contact = HttpRequest.newBuilder(service.resolve("/api/v1/contacts/agents/" + agent(i)))
                    .header("Authorization", "Bearer " + token).GET().build();
            while (http.send(contact, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("notification-service did not learn the benchmark's agents in 60 s");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    private void arrival(String text, boolean email) {
        long now = System.nanoTime();
        Matcher number = NUMBER.matcher(text);
        if (!number.find()) {
            return;
        }
        Long start = intended.get(number.group());
        if (start == null) {
            return; // from an earlier run
        }
        (email ? emailLatency : chatLatency).recordValue(now - start);
        arrived.incrementAndGet();
        lastArrival.set(now);
    }

    /** What one phase measured. */
    record Result(org.HdrHistogram.Histogram email, org.HdrHistogram.Histogram chat, long owed, long arrived,
                  double seconds, double publishSeconds) {
    }

    /** Publishes {@code events} at {@code rate} per second (0: as fast as possible) and waits for their deliveries. */
    private Result phase(KafkaProducer<String, byte[]> producer, int rate, int events, Duration timeout) throws Exception {
        emailLatency = new Recorder(3);
        chatLatency = new Recorder(3);
        arrived.set(0);
        long owed = 2L * events;
        long interval = rate == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            long at = start + i * interval;
            long wait = at - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            publish(producer, i, rate == 0 ? System.nanoTime() : at);
        }
        producer.flush();
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = start + timeout.toNanos();
        while (arrived.get() < owed && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        long end = arrived.get() >= owed ? lastArrival.get() : System.nanoTime();
        intended.clear();
        return new Result(emailLatency.getIntervalHistogram(), chatLatency.getIntervalHistogram(), owed, arrived.get(),
                (end - start) / 1e9, publishSeconds);
    }

    private void publish(KafkaProducer<String, byte[]> producer, int n, long intendedAt) throws Exception {
        String number = "EXD-B" + run + "-" + sequence.incrementAndGet();
        UUID ticket = UUID.randomUUID();
        TicketAssigned event = new TicketAssigned(ticket, Instant.now(), number, agent(n % AGENTS), null,
                AssignmentReason.ROUTED, AgentTier.L1, "bench", Priority.HIGH, Category.TRADING, "en");
        intended.put(number, intendedAt);
        send(producer, event);
    }

    private static void send(KafkaProducer<String, byte[]> producer, ExDeskEvent event) throws Exception {
        RecordHeaders headers = new RecordHeaders();
        CloudEventHeaders.forEvent(event, UUID.randomUUID(), "/exdesk/benchmark").toMap()
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(new ProducerRecord<>(EventType.of(event).topic(), null, event.key(), JSON.writeValueAsBytes(event),
                headers));
    }

    private String agent(int i) {
        return "bench-" + run + "-" + i;
    }

    private static void report(Result r) {
        System.out.printf("  delivered %d of %d in %.1f s (published in %.1f s): %.0f deliveries/s%n",
                r.arrived(), r.owed(), r.seconds(), r.publishSeconds(), r.arrived() / r.seconds());
        line("e-mail", r.email());
        line("chat", r.chat());
        org.HdrHistogram.Histogram all = r.email().copy();
        all.add(r.chat());
        line("all", all);
    }

    private static void line(String name, org.HdrHistogram.Histogram h) {
        System.out.printf("  %-6s event->delivery ms: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  (n=%d)%n", name,
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getMaxValue()), h.getTotalCount());
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}

package io.exdesk.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exdesk.events.Category;
import io.exdesk.events.EventType;
import io.exdesk.events.SlaClock;
import io.exdesk.events.Topics;
import io.exdesk.testkit.JwtIssuer;
import io.exdesk.testkit.MailServer;
import io.exdesk.testkit.WebhookReceiver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The whole pipeline, as the exchange and an agent meet it, against a running stack (./run.sh with
 * {@code EXDESK_MAIL_CATCHER=off}): tickets are opened through ticket-service's public API, and each ticket is
 * followed through every stage to the agent's e-mail and chat message arriving here, at an SMTP server
 * (GreenMail, on notification-service's default 127.0.0.1:1025) and a webhook receiver this process runs:
 * <pre>
 *   accepted   the 201 of POST /api/v1/tickets
 *   assigned   routing's ticket-assigned, by its ce_time (the decision, committed with its outbox row)
 *   assigned*  the same event read from Kafka here (commit, relay, broker)
 *   clocked    sla-service's first sla-scheduled read from Kafka
 *   e-mail     the agent's e-mail received by the SMTP server
 *   chat       the agent's chat message received by the webhook receiver
 *   finished   all of the above
 * </pre>
 * Every latency counts from the request's intended start on a fixed schedule, so a stall anywhere is not hidden
 * (no coordinated omission). Phases, each bounded in count and time:
 * <ol>
 *   <li>warm-up: half the rate for 10 s (reported: the first run after a start is the cold one);</li>
 *   <li>fixed rate: {@code rate} tickets/s for {@code seconds};</li>
 *   <li>saturation: {@code burst} tickets as fast as {@code inflight} concurrent requests allow; reports finished
 *       tickets per second (each created, routed, clocked and both notifications received), not accepted
 *       requests;</li>
 *   <li>deep queue ({@code queue} &gt; 0): every agent away, {@code queue} tickets queued (routing's decisions
 *       per second: ticket-queued), then every agent online (assignments per second while the queue drains).</li>
 * </ol>
 * With {@code smtp=off} no SMTP server listens (e-mails retry): the chat latency shows whether a dead channel
 * slows the other. Each run registers agents in a language of its own, so earlier runs' agents and tickets
 * never interfere; it prints each process's memory (PSS: the services, Kafka, the local run's launcher,
 * and PostgreSQL) at the end of the fixed-rate phase, and with {@code jfr=DIR} records each service with
 * JDK Flight Recorder during it.
 * After each phase is reported, its tickets are answered (a reply and resolved, by the agent each was assigned
 * to) and the harness waits until both their SLA clocks are over (met, or breached before), so a phase or a following run never measures the
 * warnings, escalations and breaches of tickets nobody answered ({@code answer=off} leaves them open).
 * At the end the run's agents go offline.
 * <p>Usage: {@code benchmarks/pipeline.sh [rate=200] [seconds=180] [burst=10000] [inflight=64] [queue=0]
 * [agents=20] [smtp=on|off] [answer=on|off] [jfr=DIR]}.
 */
public final class PipelineBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("EXD-\\d+\\b");
    private static final int CLIENTS = 4;
    private static final int CAPACITY = 1000;
    private static final List<String> SERVICES = List.of("ticket-service", "routing-service", "sla-service",
            "notification-service");

    private final Map<String, String> options;
    // A primary subtag no demo agent lists, and a run-specific variant: only this run's agents match its tickets.
    private final String language = "zz-" + Long.toString(System.currentTimeMillis() % 2_000_000_000L, 36);
    private final JwtIssuer jwt = JwtIssuer.inDirectory(Path.of(".exdesk", "keys"));
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpClient http;
    private final List<RequestOptions> clients;
    private final List<Buffer> samples;
    private final String adminToken = jwt.mint("benchmark-admin", Set.of("admin"), Duration.ofHours(2));

    /** Every ticket of the run by number; each stage's arrival is recorded on it. */
    private final Map<String, Ticket> byNumber = new ConcurrentHashMap<>();
    /** The same tickets by id, for the Kafka records (keyed by ticket id). */
    private final Map<String, Ticket> byId = new ConcurrentHashMap<>();
    /** Stage arrivals that came before the 201 that tells which ticket they belong to. */
    private final Map<String, long[]> early = new java.util.HashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<Integer, AtomicLong> failures = new ConcurrentHashMap<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong lastQueued = new AtomicLong();
    /** The tickets being answered, by id, until both their clocks are over. */
    private final Map<String, Ticket> answering = new ConcurrentHashMap<>();
    private final Map<String, String> agentTokens = new ConcurrentHashMap<>();
    // ce_time is wall-clock: measured on the monotonic clock from the same instant.
    private final long wallToNanoOffset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
    private volatile boolean running = true;

    private enum Stage {
        ACCEPTED("accepted"), ASSIGNED("assigned"), ASSIGNED_READ("assigned*"), CLOCKED("clocked"), EMAIL("e-mail"),
        CHAT("chat");

        final String label;

        Stage(String label) {
            this.label = label;
        }
    }

    /** One ticket: when it was meant to be sent, and when each stage reached it (nanoTime; 0 = not yet). */
    private static final class Ticket {
        final long intended;
        final long[] at = new long[Stage.values().length];
        volatile String id;
        /** The agent routing gave it to (the last ticket-assigned read), who answers it. */
        volatile String agent;
        /**
         * Its SLA clocks that are over: met (sla-met), or breached (sla-breached; a breached clock stops without an
         * sla-met). Both, once its agent has replied and resolved it.
         */
        final Set<String> clocksOver = ConcurrentHashMap.newKeySet();

        boolean settled() {
            return clocksOver.size() == SlaClock.values().length;
        }

        Ticket(long intended) {
            this.intended = intended;
        }

        synchronized void reached(Stage stage, long when) {
            if (at[stage.ordinal()] == 0) {
                at[stage.ordinal()] = when;
            }
        }

        synchronized boolean finished(boolean email) {
            for (Stage stage : Stage.values()) {
                if (at[stage.ordinal()] == 0 && (email || stage != Stage.EMAIL)) {
                    return false;
                }
            }
            return true;
        }

        synchronized long finishedAt(boolean email) {
            long last = 0;
            for (Stage stage : Stage.values()) {
                if (email || stage != Stage.EMAIL) {
                    last = Math.max(last, at[stage.ordinal()]);
                }
            }
            return last;
        }
    }

    private PipelineBenchmark(Map<String, String> options) throws IOException {
        this.options = options;
        URI tickets = URI.create(option("ticket-url", "http://127.0.0.1:8081"));
        int inflight = Integer.parseInt(option("inflight", "64"));
        http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(Math.max(inflight, 256)));
        // Several platform clients: each has a rate limit of its own (1,000 requests/s by default).
        clients = IntStream.rangeClosed(1, CLIENTS).mapToObj(client -> new RequestOptions()
                .setMethod(HttpMethod.POST).setHost(tickets.getHost()).setPort(tickets.getPort())
                .setURI("/api/v1/tickets")
                .putHeader("Authorization", "Bearer "
                        + jwt.mint("benchmark-platform-" + client, Set.of("platform"), Duration.ofHours(2)))
                .putHeader("Content-Type", "application/json")).toList();
        samples = samples();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("Arguments are name=value: " + arg);
            }
            options.put(pair[0], pair[1]);
        }
        new PipelineBenchmark(options).run();
        System.exit(0);
    }

    private String option(String name, String otherwise) {
        return options.getOrDefault(name, otherwise);
    }

    private void run() throws Exception {
        int rate = Integer.parseInt(option("rate", "200"));
        int seconds = Integer.parseInt(option("seconds", "180"));
        int burst = Integer.parseInt(option("burst", "10000"));
        int inflight = Integer.parseInt(option("inflight", "64"));
        int queue = Integer.parseInt(option("queue", "0"));
        boolean email = !option("smtp", "on").equals("off");
        long tickets = rate / 2L * 10 + (long) rate * seconds + burst + queue;
        // Room for every ticket of the run: capacity never binds, except where the deep queue makes it.
        int agents = Math.max(Integer.parseInt(option("agents", "20")), (int) Math.ceil(tickets / (CAPACITY * 0.9)));

        MailServer smtp = email ? MailServer.on(Integer.parseInt(option("smtp-port", "1025"))) : null;
        WebhookReceiver webhooks = WebhookReceiver.forwardingTo(call -> arrived(call.body(), Stage.CHAT));
        Thread reader = new Thread(this::readEvents, "pipeline-events");
        try {
            reader.start();
            List<String> ids = registerAgents(agents, smtp, webhooks);
            System.out.printf("Agents: %d in language %s, capacity %d each; SMTP server %s%n", agents, language,
                    CAPACITY, email ? "listening" : "off (e-mails retry)");

            System.out.printf("%nWarm-up: %d tickets/s for 10 s%n", rate / 2);
            answer(report(fixedRate(rate / 2, 10, false), email), inflight);
            System.out.printf("%nFixed rate: %d tickets/s for %d s%n", rate, seconds);
            answer(report(fixedRate(rate, seconds, true), email), inflight);
            System.out.printf("%nSaturation: %d tickets, %d requests in flight%n", burst, inflight);
            answer(report(saturate(burst, inflight), email), inflight);
            if (queue > 0) {
                answer(deepQueue(ids, queue, inflight), inflight);
            }
            // Nothing of this run is left for the next one: its agents, whose tickets are all resolved, go offline.
            setStatus(ids, "OFFLINE");
        } finally {
            running = false;
            reader.join(10_000);
            webhooks.stop();
            if (smtp != null) {
                smtp.stop();
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** What one phase sent, and how long the sending took. */
    private record Phase(List<Ticket> tickets, long start, double sendSeconds) {
    }

    /** {@code rate} tickets a second on a fixed schedule; {@code measured}: profile it and take the memory figures. */
    private Phase fixedRate(int rate, int seconds, boolean measured) throws Exception {
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        int count = rate * seconds;
        List<Ticket> sent = new ArrayList<>(count);
        long start = System.nanoTime();
        String jfr = options.get("jfr");
        if (jfr != null && measured) {
            record(Path.of(jfr), seconds);
        }
        for (int i = 0; i < count; i++) {
            long intended = start + i * interval;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            sent.add(send(intended));
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        if (measured) {
            memory();
        }
        awaitFinished(sent, Duration.ofSeconds(90));
        return new Phase(sent, start, sendSeconds);
    }

    /** {@code count} tickets as fast as {@code inflight} concurrent requests allow, until each is finished. */
    private Phase saturate(int count, int inflight) throws Exception {
        Phase phase = sendAll(count, inflight);
        awaitFinished(phase.tickets(), Duration.ofSeconds(300));
        return phase;
    }

    /** Sends {@code count} tickets with at most {@code inflight} requests waiting for their answer. */
    private Phase sendAll(int count, int inflight) throws InterruptedException {
        Semaphore slots = new Semaphore(inflight);
        List<Ticket> sent = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            slots.acquire();
            Ticket ticket = new Ticket(System.nanoTime());
            sent.add(ticket);
            post(ticket).onComplete(ignored -> slots.release());
        }
        return new Phase(sent, start, (System.nanoTime() - start) / 1e9);
    }

    /** Routing with no agent free: how fast it decides (queues), then how fast the queue drains once they are back. */
    private List<Ticket> deepQueue(List<String> agents, int count, int inflight) throws Exception {
        System.out.printf("%nDeep queue: every agent away, %d tickets%n", count);
        setStatus(agents, "AWAY");
        queued.set(0);
        Phase phase = sendAll(count, inflight);
        List<Ticket> sent = phase.tickets();
        long start = phase.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (queued.get() < count && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        System.out.printf("  queued %d of %d: %.0f routing decisions/s (first request to last ticket-queued)%n",
                queued.get(), count, queued.get() / ((lastQueued.get() - start) / 1e9));

        long online = System.nanoTime();
        setStatus(agents, "ONLINE");
        awaitStage(sent, Stage.ASSIGNED_READ, Duration.ofSeconds(300));
        long assigned = sent.stream().filter(t -> t.at[Stage.ASSIGNED_READ.ordinal()] != 0).count();
        long last = sent.stream().mapToLong(t -> t.at[Stage.ASSIGNED_READ.ordinal()]).max().orElse(online);
        System.out.printf("  drained %d of %d: %.0f assignments/s (agents online to the last ticket-assigned)%n",
                assigned, count, assigned / ((last - online) / 1e9));
        return sent;
    }

    private Ticket send(long intended) {
        Ticket ticket = new Ticket(intended);
        post(ticket);
        return ticket;
    }

    /** Posts one sample ticket; the ticket learns its number and id from the 201. */
    private Future<Integer> post(Ticket ticket) {
        long n = sequence.getAndIncrement();
        return http.request(clients.get((int) (n % clients.size())))
                .compose(request -> request.send(samples.get((int) (n % samples.size()))))
                .compose(response -> response.body().map(body -> {
                    if (response.statusCode() == 201) {
                        accepted(ticket, body);
                    } else {
                        failures.computeIfAbsent(response.statusCode(), code -> new AtomicLong()).incrementAndGet();
                    }
                    return response.statusCode();
                }))
                .onFailure(e -> failures.computeIfAbsent(0, code -> new AtomicLong()).incrementAndGet());
    }

    private void accepted(Ticket ticket, Buffer body) {
        long now = System.nanoTime();
        try {
            JsonNode view = JSON.readTree(body.getBytes());
            ticket.id = view.get("id").asText();
            String number = view.get("number").asText();
            ticket.reached(Stage.ACCEPTED, now);
            synchronized (early) {
                byId.put(ticket.id, ticket);
                byNumber.put(number, ticket);
                for (String key : List.of(ticket.id, number)) {
                    long[] before = early.remove(key);
                    for (Stage stage : Stage.values()) {
                        if (before != null && before[stage.ordinal()] != 0) {
                            ticket.reached(stage, before[stage.ordinal()]);
                        }
                    }
                }
            }
        } catch (IOException e) {
            failures.computeIfAbsent(-1, code -> new AtomicLong()).incrementAndGet();
        }
    }

    /** A stage reached a ticket known by id (Kafka) or number (messages), or one whose 201 is still to come. */
    private void reached(String key, Map<String, Ticket> index, Stage stage, long when) {
        Ticket ticket = index.get(key);
        if (ticket == null) {
            synchronized (early) {
                ticket = index.get(key);
                if (ticket == null) {
                    long[] at = early.computeIfAbsent(key, k -> new long[Stage.values().length]);
                    at[stage.ordinal()] = at[stage.ordinal()] == 0 ? when : at[stage.ordinal()];
                    return;
                }
            }
        }
        ticket.reached(stage, when);
    }

    private void arrived(String text, Stage stage) {
        long now = System.nanoTime();
        Matcher number = NUMBER.matcher(text);
        if (number.find()) {
            reached(number.group(), byNumber, stage, now);
        }
    }

    /** Reads assignments and clocks as they are published, from the end of each topic at the start of the run. */
    private void readEvents() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, option("kafka", "127.0.0.1:19092"),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.ASSIGNMENT_EVENTS, Topics.SLA_EVENTS)) {
                for (PartitionInfo info : consumer.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    String type = header(record, "ce_type");
                    if (EventType.TICKET_ASSIGNED.ceType().equals(type)) {
                        Ticket assigned = byId.getOrDefault(record.key(), answering.get(record.key()));
                        if (assigned != null) {
                            assigned.agent = field(record, "agentId");
                        }
                        reached(record.key(), byId, Stage.ASSIGNED_READ, now);
                        long decided = java.time.Instant.parse(header(record, "ce_time")).toEpochMilli() * 1_000_000L
                                - wallToNanoOffset;
                        reached(record.key(), byId, Stage.ASSIGNED, decided);
                    } else if (EventType.SLA_SCHEDULED.ceType().equals(type)) {
                        reached(record.key(), byId, Stage.CLOCKED, now);
                    } else if (EventType.SLA_MET.ceType().equals(type) || EventType.SLA_BREACHED.ceType().equals(type)) {
                        Ticket clocked = byId.getOrDefault(record.key(), answering.get(record.key()));
                        String clock = field(record, "clock");
                        if (clocked != null && clock != null) {
                            clocked.clocksOver.add(clock);
                        }
                    } else if (EventType.TICKET_QUEUED.ceType().equals(type)) {
                        queued.incrementAndGet();
                        lastQueued.set(now);
                    }
                }
            }
        }
    }

    private static String field(ConsumerRecord<String, String> record, String name) {
        try {
            return JSON.readTree(record.value()).path(name).asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void awaitFinished(List<Ticket> tickets, Duration timeout) {
        boolean email = !option("smtp", "on").equals("off");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !tickets.stream().allMatch(t -> t.finished(email))) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private void awaitStage(List<Ticket> tickets, Stage stage, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !tickets.stream().allMatch(t -> t.at[stage.ordinal()] != 0)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private List<Ticket> report(Phase phase, boolean email) {
        List<Ticket> tickets = phase.tickets();
        long finished = tickets.stream().filter(t -> t.finished(email)).count();
        long last = tickets.stream().filter(t -> t.finished(email)).mapToLong(t -> t.finishedAt(email)).max()
                .orElse(System.nanoTime());
        double seconds = (last - phase.start()) / 1e9;
        System.out.printf("  sent %d in %.1f s; finished %d of %d in %.1f s: %.0f finished tickets/s%s%n",
                tickets.size(), phase.sendSeconds(), finished, tickets.size(), seconds, finished / seconds,
                failures.isEmpty() ? "" : "; refused or failed by status (0 = no response): " + new TreeMap<>(failures));
        failures.clear();
        for (Stage stage : Stage.values()) {
            if (email || stage != Stage.EMAIL) {
                Histogram h = new Histogram(3);
                tickets.forEach(t -> {
                    long at = t.at[stage.ordinal()];
                    if (at != 0) {
                        h.recordValue(Math.max(0, at - t.intended));
                    }
                });
                line(stage.label, h, tickets.size());
            }
        }
        Histogram all = new Histogram(3);
        tickets.stream().filter(t -> t.finished(email)).forEach(t -> all.recordValue(Math.max(0, t.finishedAt(email)
                - t.intended)));
        line("finished", all, tickets.size());
        // What is left over belongs to this phase's tickets only.
        tickets.forEach(t -> {
            if (t.id != null) {
                byId.remove(t.id);
            }
        });
        Set<Ticket> reported = Collections.newSetFromMap(new IdentityHashMap<>());
        reported.addAll(tickets);
        byNumber.values().removeIf(reported::contains);
        synchronized (early) {
            early.clear();
        }
        return tickets;
    }

    private static void line(String name, Histogram h, int of) {
        System.out.printf("  %-10s ms: p50 %7.1f  p90 %7.1f  p99 %7.1f  p99.9 %7.1f  max %7.1f  (%d of %d)%n", name,
                ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), h.getTotalCount(), of);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /**
     * After a phase is reported, each of its agents answers their tickets as a real one would: a reply, then
     * resolved ({@code answer=off} leaves them open). Left open, every ticket would warn, escalate and breach in
     * the following minutes, and that SLA follow-up work would run under the next phase or run: answered, both
     * clocks are over and the stack is idle again once each ticket's two sla-met (or an earlier sla-breached) are
     * read. Not measured as part of any phase; prints how long answering and settling took.
     */
    private void answer(List<Ticket> tickets, int inflight) throws InterruptedException {
        if (option("answer", "on").equals("off")) {
            return;
        }
        long start = System.nanoTime();
        Semaphore slots = new Semaphore(inflight);
        AtomicLong refused = new AtomicLong();
        List<Ticket> answered = new ArrayList<>();
        Set<Ticket> resolved = ConcurrentHashMap.newKeySet();
        for (Ticket ticket : tickets) {
            if (ticket.id == null || ticket.agent == null) {
                continue; // never accepted, or never assigned: nobody to answer it
            }
            answering.put(ticket.id, ticket);
            answered.add(ticket);
            slots.acquire();
            String token = agentTokens.computeIfAbsent(ticket.agent,
                    id -> "Bearer " + jwt.mint(id, Set.of("agent"), Duration.ofHours(2)));
            call(agentRequest(token, HttpMethod.POST, "/api/v1/tickets/" + ticket.id + "/replies", "application/json"),
                    "{\"body\":\"Checked: your request is done.\"}", 20)
                    .compose(replied -> replied != 201 ? Future.succeededFuture(replied) : call(agentRequest(token,
                            HttpMethod.PATCH, "/api/v1/tickets/" + ticket.id, "application/merge-patch+json"),
                            "{\"status\":\"RESOLVED\"}", 20))
                    .onComplete(done -> {
                        if (done.succeeded() && done.result() == 200) {
                            resolved.add(ticket);
                        } else {
                            refused.incrementAndGet();
                        }
                        slots.release();
                    });
        }
        slots.acquire(inflight);
        slots.release(inflight);
        double answerSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && !resolved.stream().allMatch(Ticket::settled)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        long settled = resolved.stream().filter(Ticket::settled).count();
        System.out.printf("  answered: %d of %d tickets replied to and resolved by their agents in %.1f s (%d refused); "
                        + "both clocks over (met or breached) for %d of them %.1f s later%n", resolved.size(), tickets.size(),
                answerSeconds, refused.get(), settled, (System.nanoTime() - start) / 1e9 - answerSeconds);
        answered.forEach(t -> answering.remove(t.id));
    }

    private RequestOptions agentRequest(String token, HttpMethod method, String uri, String contentType) {
        return new RequestOptions().setMethod(method).setHost(clients.get(0).getHost())
                .setPort(clients.get(0).getPort()).setURI(uri).putHeader("Authorization", token)
                .putHeader("Content-Type", contentType);
    }

    /**
     * One request of an agent; a 404 is retried ({@code tries} times, 100 ms apart): ticket-service learns that the
     * ticket is the agent's from the same ticket-assigned this harness read, and may not have yet.
     */
    private Future<Integer> call(RequestOptions request, String body, int tries) {
        return http.request(request).compose(r -> r.send(body)).compose(response -> response.body().map(ignored ->
                response.statusCode())).compose(status -> status != 404 || tries <= 1 ? Future.succeededFuture(status)
                : vertx.timer(100).compose(ignored -> call(request, body, tries - 1)));
    }

    private List<String> registerAgents(int count, MailServer smtp, WebhookReceiver webhooks) throws Exception {
        URI routing = URI.create(option("routing-url", "http://127.0.0.1:8082"));
        URI notification = URI.create(option("notification-url", "http://127.0.0.1:8084"));
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        List<String> categories = Arrays.stream(Category.values()).map(Enum::name).toList();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "pipeline-" + language + "-" + i;
            String address = id + "@bench.test";
            Map<String, Object> agent = new LinkedHashMap<>();
            agent.put("id", id);
            agent.put("name", "Pipeline agent " + i);
            agent.put("tier", i % 10 == 9 ? "L2" : "L1");
            agent.put("skills", categories);
            agent.put("languages", List.of(language));
            agent.put("capacity", CAPACITY);
            agent.put("vipCapable", i % 4 == 0);
            agent.put("status", "ONLINE");
            agent.put("email", address);
            agent.put("chatUrl", webhooks.url("/hooks/" + id));
            agent.put("chatFormat", "SLACK");
            java.net.http.HttpResponse<String> response = client.send(java.net.http.HttpRequest
                    .newBuilder(routing.resolve("/api/v1/agents")).header("Authorization", "Bearer " + adminToken)
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(agent))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("Registering agent " + id + ": " + response.statusCode() + " "
                        + response.body());
            }
            if (smtp != null) {
                smtp.onArrival(address, message -> {
                    try {
                        arrived(message.getSubject(), Stage.EMAIL);
                    } catch (MessagingException e) {
                        System.err.println("Unreadable message: " + e);
                    }
                });
            }
            ids.add(id);
        }
        // The directory reaches notification-service over Kafka: start once it knows every agent.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String id : ids) {
            java.net.http.HttpRequest contact = java.net.http.HttpRequest
                    .newBuilder(notification.resolve("/api/v1/contacts/agents/" + id))
                    .header("Authorization", "Bearer " + adminToken).GET().build();
            while (client.send(contact, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("notification-service did not learn the agents in 60 s");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
        return ids;
    }

    private void setStatus(List<String> agents, String status) throws Exception {
        URI routing = URI.create(option("routing-url", "http://127.0.0.1:8082"));
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        for (String id : agents) {
            client.send(java.net.http.HttpRequest.newBuilder(routing.resolve("/api/v1/agents/" + id + "/status"))
                    .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"status\":\"" + status + "\"}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        }
    }

    /**
     * The sample corpus (Chinese and English, as customers write), in this run's language so that only its agents
     * match; standard tier and no contact, so each ticket owes exactly the agent's e-mail and chat message.
     */
    private List<Buffer> samples() throws IOException {
        Path corpus = Path.of("ticket-service", "src", "test", "resources", "intake", "sample-tickets.jsonl");
        List<Buffer> buffers = new ArrayList<>();
        for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode sample = JSON.readTree(line);
            Map<String, Object> ticket = new LinkedHashMap<>();
            ticket.put("customer", Map.of("id", "pipeline-customer-" + buffers.size(), "tier", "STANDARD",
                    "language", language));
            ticket.put("channel", "API");
            ticket.put("subject", sample.get("subject").asText());
            ticket.put("description", sample.get("body").asText());
            buffers.add(Buffer.buffer(JSON.writeValueAsBytes(ticket)));
        }
        return buffers;
    }

    /**
     * The processes of the local run this harness measures, by name: its launcher JVM, the Kafka broker and each
     * service it started, and PostgreSQL (the postmaster of {@code .exdesk/postgres} and its backends). Other services on the
     * machine (tests, another checkout) are not counted.
     */
    private static Map<String, List<ProcessHandle>> stack() throws IOException {
        Map<String, List<ProcessHandle>> stack = new TreeMap<>();
        ProcessHandle localRun = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("io.exdesk.testkit.LocalRun"))
                .max(java.util.Comparator.comparing(p -> p.info().startInstant().orElse(java.time.Instant.EPOCH)))
                .orElseThrow(() -> new IllegalStateException("No local run (./run.sh) is running"));
        stack.put("local run (launcher, mail catcher)", List.of(localRun));
        localRun.descendants().forEach(process -> {
            String command = process.info().commandLine().orElse("");
            if (command.contains("kafka.Kafka")) {
                stack.put("Kafka", List.of(process));
            }
            SERVICES.stream().filter(s -> command.contains(s + "/target")).findFirst()
                    .ifPresent(service -> stack.put(service, List.of(process)));
        });
        Path pidFile = Path.of(".exdesk", "postgres", "postmaster.pid");
        if (Files.exists(pidFile)) {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            ProcessHandle.of(pid).ifPresent(postmaster -> stack.put("PostgreSQL",
                    java.util.stream.Stream.concat(java.util.stream.Stream.of(postmaster), postmaster.descendants())
                            .toList()));
        }
        return stack;
    }

    /**
     * Memory of each process of the stack as its proportional set size (PSS): resident memory with each shared
     * page split between the processes sharing it, so PostgreSQL's shared buffers count once, not per backend.
     */
    private void memory() throws IOException {
        Map<String, Long> pss = new TreeMap<>();
        stack().forEach((name, processes) -> pss.put(name,
                processes.stream().mapToLong(p -> proportionalKiB(p.pid())).sum()));
        System.out.printf("  memory (PSS) at the end of sending: %s; total %d MiB%n",
                pss.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() / 1024 + " MiB").toList(),
                pss.values().stream().mapToLong(Long::longValue).sum() / 1024);
    }

    private static long proportionalKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended meanwhile
        }
        return 0;
    }

    /** Starts a JFR recording of {@code seconds} in each service (jcmd), written under {@code directory}. */
    private void record(Path directory, int seconds) throws IOException {
        Files.createDirectories(directory);
        for (Map.Entry<String, List<ProcessHandle>> process : stack().entrySet()) {
            if (SERVICES.contains(process.getKey())) {
                new ProcessBuilder("jcmd", Long.toString(process.getValue().get(0).pid()), "JFR.start",
                        "settings=profile", "duration=" + seconds + "s",
                        "filename=" + directory.resolve(process.getKey() + ".jfr").toAbsolutePath())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            }
        }
    }
}

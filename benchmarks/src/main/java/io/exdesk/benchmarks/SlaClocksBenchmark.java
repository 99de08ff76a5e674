package io.exdesk.benchmarks;

import io.exdesk.events.EventType;
import io.exdesk.events.SlaBreached;
import io.exdesk.events.SlaClock;
import io.exdesk.events.SlaWarning;
import io.exdesk.events.Topics;
import io.exdesk.testkit.FreePorts;
import io.exdesk.testkit.JwtIssuer;
import io.exdesk.testkit.KafkaBroker;
import io.exdesk.testkit.PostgresServer;
import io.exdesk.testkit.ServiceProcess;
import io.exdesk.testkit.TestEventPublisher;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * A million open SLA clocks in a real, durable PostgreSQL, fired by a real sla-service process
 * through a real Kafka broker. Self-contained: it starts its own servers and service in
 * {@code benchmarks/target/sla-clocks/} and stops them at the end. Three figures:
 * <ol>
 *   <li><b>restore</b>: the service is stopped, the clocks are loaded (some already overdue), and the
 *       time from starting the process to ready, and to every overdue timer fired, is measured;</li>
 *   <li><b>idle cost</b>: CPU of the service and of PostgreSQL over a minute with a million clocks
 *       open and none due;</li>
 *   <li><b>lateness</b>: the clocks were loaded so that their next warning or breach falls uniformly
 *       in {@code spreadMinutes} starting a few minutes after the load (time for the first two
 *       phases); for {@code measureSeconds} from then every {@code sla-warning} and
 *       {@code sla-breached} record is matched with the instant it was due: fire time (the event's
 *       occurredAt) and publish time (the Kafka record) minus that instant, plus how many were
 *       missed, duplicated or early.</li>
 * </ol>
 * Usage: {@code benchmarks/sla-clocks.sh [clocks] [spreadMinutes] [measureSeconds]}.
 */
public final class SlaClocksBenchmark {

    /** Every clock: a 30-minute target in 24x7 time, warnings at 50, 75 and 90 %. */
    private static final long TARGET_SECONDS = 1800;
    /** The last warning comes 10 % of the target before the due time. */
    private static final Duration LAST_WARNING_BEFORE_DUE = Duration.ofSeconds(TARGET_SECONDS / 10);
    private static final int OVERDUE = 1000;
    /** From the end of the load to the first due instant: restart, restore and the idle minute fit in it. */
    private static final Duration FIRST_DUE_AFTER_LOAD = Duration.ofMinutes(4);
    private static final long MSB = 0x5EA5_C10C_0000_0000L; // ticket i is UUID(MSB, i)
    private static final Path HOME = Path.of("benchmarks", "target", "sla-clocks").toAbsolutePath();

    private final int clocks;
    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    private final Map<String, String> environment;
    private final Path jar = ServiceProcess.runnerJar(Path.of("sla-service"));
    private final int port = FreePorts.next();
    private ServiceProcess service;

    // What arrived, per clock index j = 2 * ticket + (clock == RESOLUTION ? 1 : 0).
    private final byte[] warnings;
    private final byte[] breaches;
    private final long[] dueMillis; // the instant each clock is due, known to the harness
    private final Histogram fireLateness = new Histogram(3_600_000, 3);
    private final Histogram publishLateness = new Histogram(3_600_000, 3);
    private final AtomicLong early = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private volatile long measureFrom = Long.MAX_VALUE;

    private SlaClocksBenchmark(int clocks, KafkaBroker kafka, PostgresServer postgres, JwtIssuer jwt) {
        this.clocks = clocks;
        this.kafka = kafka;
        this.postgres = postgres;
        this.environment = ServiceProcess.environment(postgres, "sla", kafka.bootstrapServers(), jwt);
        this.warnings = new byte[clocks];
        this.breaches = new byte[clocks];
        this.dueMillis = new long[clocks];
    }

    public static void main(String[] args) throws Exception {
        int clocks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int spreadMinutes = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int measureSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        deleteRecursively(HOME);
        Files.createDirectories(HOME);
        System.out.printf("Starting Kafka and a durable PostgreSQL in %s%n", HOME);
        try (KafkaBroker kafka = new KafkaBroker(HOME.resolve("kafka"), 0, 3).start();
             PostgresServer postgres = PostgresServer.embedded(HOME.resolve("postgres"), 0, true)) {
            postgres.createDatabase("sla");
            SlaClocksBenchmark bench = new SlaClocksBenchmark(clocks - clocks % 2, kafka, postgres,
                    JwtIssuer.inDirectory(HOME.resolve("keys")));
            bench.run(Duration.ofMinutes(spreadMinutes), Duration.ofSeconds(measureSeconds));
        }
    }

    private void run(Duration spread, Duration measure) throws Exception {
        // Let the service create its schema and policies, then stop it: the load happens "while it is down".
        startService().close();
        long loadStart = System.nanoTime();
        Instant firstDue = load(spread);
        System.out.printf("Loaded %,d open clocks (%,d tickets) in %.1f s: %,d overdue, the others due from %s over"
                + " %d minutes%n", clocks, clocks / 2, seconds(loadStart), OVERDUE, firstDue, spread.toMinutes());

        AtomicBoolean consuming = new AtomicBoolean(true);
        Thread consumer = new Thread(() -> consume(consuming), "sla-events");
        consumer.start();
        try {
            restore();
            idle(firstDue);
            lateness(firstDue, measure);
        } finally {
            consuming.set(false);
            consumer.join();
            if (service != null) {
                service.close();
            }
        }
    }

    private ServiceProcess startService() {
        service = ServiceProcess.start("sla-service", jar, port, environment, HOME.resolve("sla-service.log"),
                "-Xmx512m");
        return service.awaitReady(Duration.ofMinutes(3));
    }

    /** Restart with a million clocks: ready, then every timer that fell due while down fired. */
    private void restore() {
        long start = System.nanoTime();
        startService();
        double ready = seconds(start);
        awaitCondition(Duration.ofMinutes(5), () -> received.get() >= OVERDUE);
        System.out.printf("%nRestore: ready %.1f s after the process started; all %,d overdue timers fired and"
                + " published after %.1f s%n", ready, OVERDUE, seconds(start));
    }

    /** CPU while a million clocks are open and none is due. */
    private void idle(Instant firstDue) {
        Duration window = Duration.ofSeconds(60);
        if (Instant.now().plus(window).isAfter(firstDue)) {
            System.out.println("Idle: skipped, the restore took too long to leave a quiet minute before the first due time");
            return;
        }
        ProcessHandle sla = ProcessHandle.of(service.pid()).orElseThrow();
        ProcessHandle pg = ProcessHandle.of(postgres.pid().orElseThrow()).orElseThrow();
        Duration slaBefore = cpu(sla);
        Duration pgBefore = cpuWithChildren(pg);
        long start = System.nanoTime();
        LockSupport.parkNanos(window.toNanos());
        double wall = seconds(start);
        System.out.printf("Idle with %,d open clocks, none due, over %.0f s: sla-service %.2f %% of a core,"
                + " PostgreSQL %.2f %% of a core%n", clocks, wall,
                100.0 * cpu(sla).minus(slaBefore).toNanos() / 1e9 / wall,
                100.0 * cpuWithChildren(pg).minus(pgBefore).toNanos() / 1e9 / wall);
    }

    /** Measures how late each warning and breach due in the window fires. */
    private void lateness(Instant from, Duration measure) {
        measureFrom = from.toEpochMilli();
        Instant until = from.plus(measure);
        long firingsStart = received.get();
        System.out.printf("%nMeasuring the firings due from %s for %d s%n", from, measure.toSeconds());
        awaitCondition(Duration.between(Instant.now(), until).plusSeconds(30), () -> Instant.now().isAfter(until));
        Instant settle = Instant.now().plusSeconds(5); // what was due by `until` has had 5 s to arrive
        awaitCondition(Duration.ofSeconds(10), () -> Instant.now().isAfter(settle));
        report(until, received.get() - firingsStart, measure);
    }

    private void report(Instant until, long firings, Duration measure) {
        long cutoff = until.toEpochMilli();
        long expected = 0;
        long missing = 0;
        long duplicated = 0;
        for (int j = OVERDUE; j < clocks; j++) {
            long due = dueMillis[j];
            if (j % 2 == 1 && due - LAST_WARNING_BEFORE_DUE.toMillis() <= cutoff) {
                expected++;
                missing += warnings[j] == 0 ? 1 : 0;
                duplicated += warnings[j] > 1 ? 1 : 0;
            }
            if (due <= cutoff) {
                expected++;
                missing += breaches[j] == 0 ? 1 : 0;
                duplicated += breaches[j] > 1 ? 1 : 0;
            }
        }
        synchronized (fireLateness) {
            System.out.printf("Firing: %,d warnings and breaches due in %d s (%.0f/s); received %,d;"
                    + " missing %,d; duplicated %,d; early %,d%n", expected, measure.toSeconds(),
                    expected / (double) measure.toSeconds(), firings, missing, duplicated, early.get());
            print("  fired     (occurredAt - due)", fireLateness);
            print("  published (Kafka record - due)", publishLateness);
        }
    }

    private static void print(String what, Histogram h) {
        System.out.printf("%s ms: p50 %d, p90 %d, p99 %d, p99.9 %d, max %d (n=%,d)%n", what,
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue(), h.getTotalCount());
    }

    /**
     * Loads the tickets and clocks with COPY, in the 24x7 calendar the policies use. The first
     * {@link #OVERDUE} clocks fell due while the service was down; clock j of the others fires at
     * {@code firstDue} plus a permutation of j over the spread: the even ones breach then, the odd
     * ones send their last warning then and breach {@link #LAST_WARNING_BEFORE_DUE} later.
     * Returns {@code firstDue}.
     */
    private Instant load(Duration spread) throws Exception {
        try (Connection c = postgres.connect("sla")) {
            c.setAutoCommit(false);
            String calendar;
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT calendar FROM sla_policy WHERE priority = 'NORMAL' AND customer_tier = 'STANDARD'"
                            + " ORDER BY version DESC LIMIT 1");
                 ResultSet rs = q.executeQuery()) {
                rs.next();
                calendar = rs.getString(1);
            }
            CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
            Instant now = Instant.now();
            Instant overdue = now.minusSeconds(10);
            Instant firstDue = now.plus(FIRST_DUE_AFTER_LOAD).plusSeconds(clocks / 20_000); // COPY time included
            long spreadMs = spread.toMillis();
            String quotedCalendar = "\"" + calendar.replace("\"", "\"\"") + "\"";
            int chunk = 100_000;
            for (int first = 0; first < clocks / 2; first += chunk) {
                StringBuilder tickets = new StringBuilder();
                StringBuilder rows = new StringBuilder();
                for (int i = first; i < Math.min(first + chunk, clocks / 2); i++) {
                    UUID ticket = new UUID(MSB, i);
                    tickets.append(ticket).append(",1,NORMAL,STANDARD,NEW,EXD-").append(100_000 + i).append(",GENERAL\n");
                    for (SlaClock clock : SlaClock.values()) {
                        int j = 2 * i + clock.ordinal();
                        Instant fire = j < OVERDUE ? overdue
                                : firstDue.plusMillis((long) j * 7919 % clocks * spreadMs / clocks);
                        boolean warnsFirst = j >= OVERDUE && j % 2 == 1;
                        Instant due = warnsFirst ? fire.plus(LAST_WARNING_BEFORE_DUE) : fire;
                        dueMillis[j] = due.toEpochMilli();
                        Instant start = due.minusSeconds(TARGET_SECONDS);
                        rows.append(ticket).append(',').append(clock).append(",RUNNING,1,").append(TARGET_SECONDS)
                                .append(",\"{0.5,0.75,0.9}\",").append(quotedCalendar).append(",0,")
                                .append(start).append(',').append(due).append(',').append(warnsFirst ? 2 : 3)
                                .append(",false,").append(fire).append(',').append(start).append('\n');
                    }
                }
                copy.copyIn("COPY sla_ticket (ticket_id, version, priority, customer_tier, status, ticket_number, category)"
                        + " FROM STDIN (FORMAT csv)",
                        new StringReader(tickets.toString()));
                copy.copyIn("COPY sla_clock (ticket_id, clock, state, policy_version, target_seconds, warning_fractions,"
                        + " calendar, consumed_millis, segment_start, due_at, warnings_emitted, breached, next_fire_at,"
                        + " started_at) FROM STDIN (FORMAT csv)", new StringReader(rows.toString()));
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE sla_clock");
                s.execute("VACUUM ANALYZE sla_ticket");
            }
            return firstDue;
        }
    }

    private void consume(AtomicBoolean running) {
        String warning = EventType.SLA_WARNING.ceType();
        String breach = EventType.SLA_BREACHED.ceType();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "sla-clocks-benchmark",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.SLA_EVENTS));
            while (running.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    String type = header(r, "ce_type");
                    if (warning.equals(type)) {
                        SlaWarning w = TestEventPublisher.decode(r.value(), SlaWarning.class);
                        record(w.ticketId(), w.clock(), warnings, w.occurredAt(), w.dueAt().minus(LAST_WARNING_BEFORE_DUE),
                                r.timestamp());
                    } else if (breach.equals(type)) {
                        SlaBreached b = TestEventPublisher.decode(r.value(), SlaBreached.class);
                        record(b.ticketId(), b.clock(), breaches, b.occurredAt(), b.dueAt(), r.timestamp());
                    }
                }
            }
        }
    }

    private void record(UUID ticket, SlaClock clock, byte[] seen, Instant fired, Instant due, long publishedMillis) {
        int j = (int) (2 * ticket.getLeastSignificantBits() + clock.ordinal());
        received.incrementAndGet();
        synchronized (fireLateness) {
            seen[j] = (byte) Math.min(seen[j] + 1, 100);
            if (j < OVERDUE || due.toEpochMilli() < measureFrom) {
                return; // the overdue ones are late by design: they measure the restore
            }
            long late = fired.toEpochMilli() - due.toEpochMilli();
            if (late < 0) {
                early.incrementAndGet();
            }
            fireLateness.recordValue(Math.max(0, late));
            publishLateness.recordValue(Math.max(0, publishedMillis - due.toEpochMilli()));
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static Duration cpuWithChildren(ProcessHandle process) {
        return Stream.concat(Stream.of(process), process.descendants()).map(SlaClocksBenchmark::cpu)
                .reduce(Duration.ZERO, Duration::plus);
    }

    private static void awaitCondition(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + timeout);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

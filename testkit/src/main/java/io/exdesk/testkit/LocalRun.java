package io.exdesk.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The local run ({@code ./run.sh}): Kafka, PostgreSQL and every built service on fixed ports,
 * with data kept in {@code .exdesk/} so a restart keeps the tickets. Ctrl-C stops everything.
 */
public final class LocalRun {

    /** A service module, its fixed HTTP port and its own database. */
    record Service(String module, int port, String database) {
    }

    static final List<Service> SERVICES = List.of(
            new Service("ticket-service", 8081, "tickets"),
            new Service("routing-service", 8082, "routing"),
            new Service("sla-service", 8083, "sla"),
            new Service("notification-service", 8084, "notifications"));

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    /** The printed tokens outlive a working day; services accept no longer lifetime than they are told to. */
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    private final Path home;
    private final Set<String> chosen;
    private final List<ServiceProcess> services = new ArrayList<>();
    private KafkaBroker kafka;
    private PostgresServer postgres;

    LocalRun(Path home, Set<String> chosen) {
        this.home = home;
        this.chosen = chosen;
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        if (!Files.isDirectory(Path.of("testkit"))) {
            System.err.println("Run from the repository root: ./run.sh");
            System.exit(2);
        }
        Set<String> chosen;
        try {
            chosen = chosen(System.getenv("EXDESK_SERVICES"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LocalRun run = new LocalRun(Path.of(".exdesk").toAbsolutePath(), chosen);
        Runtime.getRuntime().addShutdownHook(new Thread(run::stop, "exdesk-local-stop"));
        run.start();
        System.out.printf("%nExDesk is ready in %.1f s. Press Ctrl-C to stop everything.%n",
                (System.nanoTime() - started) / 1e9);
        Thread.currentThread().join();
    }

    void start() throws IOException, InterruptedException {
        Files.createDirectories(home.resolve("logs"));
        int kafkaPort = Integer.parseInt(System.getenv().getOrDefault("EXDESK_KAFKA_PORT", "19092"));
        int postgresPort = Integer.parseInt(System.getenv().getOrDefault("EXDESK_DB_PORT", "15432"));
        System.out.println("Starting Kafka on 127.0.0.1:" + kafkaPort + " and PostgreSQL on 127.0.0.1:"
                + postgresPort + " (data in " + home + ")");
        CompletableFuture<KafkaBroker> broker = CompletableFuture.supplyAsync(
                () -> new KafkaBroker(home.resolve("kafka"), kafkaPort, 3).start());
        CompletableFuture<PostgresServer> database = CompletableFuture.supplyAsync(
                () -> PostgresServer.embedded(home.resolve("postgres"), postgresPort, true));
        kafka = broker.join();
        postgres = database.join();
        JwtIssuer jwt = JwtIssuer.inDirectory(home.resolve("keys"));

        List<Service> present = SERVICES.stream()
                .filter(service -> chosen.contains(service.module()) && Files.exists(runnerJar(service)))
                .toList();
        for (Service service : present) {
            postgres.createDatabase(service.database());
            services.add(launch(service, jwt));
        }
        for (ServiceProcess service : services) {
            service.awaitReady(READY_TIMEOUT);
        }
        printSummary(present, jwt);
    }

    /**
     * The modules EXDESK_SERVICES names (comma-separated, e.g. one service for a benchmark); all of them
     * when it is unset or blank. A name that is no service is refused rather than silently skipped.
     */
    static Set<String> chosen(String setting) {
        Set<String> all = SERVICES.stream().map(Service::module).collect(Collectors.toCollection(LinkedHashSet::new));
        if (setting == null || setting.isBlank()) {
            return all;
        }
        Set<String> chosen = Arrays.stream(setting.split(",")).map(String::trim).filter(name -> !name.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> unknown = chosen.stream().filter(name -> !all.contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "EXDESK_SERVICES names no service " + unknown + "; the services are " + all);
        }
        return chosen;
    }

    private ServiceProcess launch(Service service, JwtIssuer jwt) {
        Map<String, String> environment = new LinkedHashMap<>(
                ServiceProcess.environment(postgres, service.database(), kafka.bootstrapServers(), jwt));
        // Local only, off or tighter in production (docs/security.md): Swagger UI and the OpenAPI
        // document, and the lifetime of the printed tokens.
        environment.put("EXDESK_HTTP_API_DOCS", "true");
        environment.put("NOTIFICATION_CALLBACKS_ALLOW_HTTP_LOOPBACK", "true"); // callbacks to a local receiver
        environment.put("SMALLRYE_JWT_TIME_TO_LIVE", Long.toString(TOKEN_LIFETIME.toSeconds()));
        ServiceProcess process = ServiceProcess.start(service.module(), runnerJar(service), service.port(),
                environment, home.resolve("logs").resolve(service.module() + ".log"), "-Xmx256m");
        System.out.println("Starting " + service.module() + " on port " + service.port()
                + " (log: .exdesk/logs/" + service.module() + ".log)");
        return process;
    }

    private void printSummary(List<Service> present, JwtIssuer jwt) {
        System.out.println();
        System.out.println("Kafka:      " + kafka.bootstrapServers());
        System.out.println("PostgreSQL: " + postgres.jdbcUrl("<database>") + " (user postgres)");
        for (Service service : present) {
            String base = "http://127.0.0.1:" + service.port();
            System.out.printf("%-21s %s/q/swagger-ui   %s/q/metrics   %s/q/health%n",
                    service.module(), base, base, base);
        }
        System.out.println();
        System.out.println("Webhook signing secret of notification-service (local only): "
                + ServiceProcess.LOCAL_WEBHOOK_SIGNING_SECRET);
        System.out.println();
        System.out.println("Bearer tokens (valid " + TOKEN_LIFETIME.toHours()
                + " h), e.g. curl -H \"Authorization: Bearer $TOKEN\":");
        Map<String, String> subjects = Map.of(
                "platform", "exchange-platform", "agent", "agent-1", "supervisor", "supervisor-1",
                "admin", "admin-1", "ops", "ops-1");
        for (String role : List.of("platform", "agent", "supervisor", "admin", "ops")) {
            System.out.println(role.toUpperCase() + "_TOKEN="
                    + jwt.mint(subjects.get(role), Set.of(role), TOKEN_LIFETIME));
        }
    }

    void stop() {
        // In parallel: each may take a few seconds to drain its consumers and outbox.
        services.parallelStream().forEach(ServiceProcess::close);
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
        System.out.println("ExDesk stopped.");
    }

    private static Path runnerJar(Service service) {
        return ServiceProcess.runnerJar(Path.of(service.module()));
    }
}

package io.exdesk.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * The local run ({@code ./run.sh}): Kafka, PostgreSQL and every built service on fixed ports, with data kept in
 * {@code .exdesk/} so a restart keeps the tickets; the web console with demo accounts; a mail catcher and webhook log ({@link LocalInbox}) that
 * notification-service sends to; demo agents ({@link LocalDemo}); and a summary of how to try it. Ctrl-C stops
 * everything.
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

    /**
     * The agents' web console: started after the services (it calls them), signing its service tokens with the
     * local run's key ({@code .exdesk/keys/private.pem}), whose public half the services verify.
     */
    static final Service CONSOLE = new Service("console", 8085, "console");

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration ARCHIVING_STOP_GRACE = Duration.ofSeconds(90);

    /** The printed tokens outlive a working day; services accept no longer lifetime than they are told to. */
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    /** Who the printed tokens are: the agent and supervisor are demo agents, so their inbox has tickets. */
    private static final Map<String, String> TOKEN_SUBJECTS = new LinkedHashMap<>();

    static {
        TOKEN_SUBJECTS.put("platform", "exchange-platform");
        TOKEN_SUBJECTS.put("agent", "chen.jing");
        TOKEN_SUBJECTS.put("supervisor", "zhang.min");
        TOKEN_SUBJECTS.put("admin", "admin-1");
        TOKEN_SUBJECTS.put("ops", "ops-1");
    }

    private final Path home;
    private final Set<String> chosen;
    /** Thread-safe: the stop (a shutdown hook) may read it while the start is still adding to it. */
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private volatile KafkaBroker kafka;
    private PostgresServer postgres;
    private LocalInbox inbox;
    private final ClassArchives archives;

    LocalRun(Path home, Set<String> chosen) {
        this.home = home;
        this.chosen = chosen;
        this.archives = new ClassArchives(home.resolve("cds"));
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
        long phase = System.nanoTime();
        // SLF4J set up here, before two threads log at once (Kafka's admin client, embedded PostgreSQL): set up by
        // both, it printed six lines of "substitute loggers" warnings into the summary on some starts.
        LoggerFactory.getILoggerFactory();
        // The services start once PostgreSQL is there (they create their schema first thing) but not Kafka: its
        // clients connect when it is, after the services' own start, so the broker's start overlaps theirs.
        // Set at once, so a stop during the start stops the broker too (after its start: both are synchronized).
        KafkaBroker broker = kafka = new KafkaBroker(home.resolve("kafka"), kafkaPort, 3);
        long kafkaStarting = phase;
        CompletableFuture<KafkaBroker> brokerStarted = CompletableFuture.supplyAsync(broker::start);
        postgres = PostgresServer.embedded(home.resolve("postgres"), postgresPort, true);
        phase = printPhase("PostgreSQL ready", phase);
        JwtIssuer jwt = JwtIssuer.inDirectory(home.resolve("keys"));
        if (!"off".equalsIgnoreCase(System.getenv("EXDESK_MAIL_CATCHER"))) {
            inbox = LocalInbox.start(Integer.parseInt(System.getenv().getOrDefault("EXDESK_SMTP_PORT", "1025")),
                    Integer.parseInt(System.getenv().getOrDefault("EXDESK_INBOX_PORT", "8025")));
        }

        List<Service> present = SERVICES.stream()
                .filter(service -> chosen.contains(service.module()) && Files.exists(runnerJar(service)))
                .toList();
        for (Service service : present) {
            postgres.createDatabase(service.database());
            services.add(launch(service, broker, jwt));
        }
        boolean console = chosen.contains(CONSOLE.module()) && Files.exists(runnerJar(CONSOLE));
        if (console) {
            postgres.createDatabase(CONSOLE.database());
            services.add(launchConsole(broker, jwt));
        }
        join(brokerStarted);
        printPhase("Kafka ready", kafkaStarting); // since the start: beside PostgreSQL and the services
        // The demo data goes in as soon as the services it needs are ready, while the others still start.
        CompletableFuture<List<String>> demo = seed(present, jwt);
        for (ServiceProcess service : services) {
            service.awaitReady(READY_TIMEOUT);
        }
        phase = printPhase("Services ready", phase);
        List<String> demoLines = join(demo);
        printPhase("Demo data in place", phase);
        printSummary(present, jwt, demoLines, console);
    }

    /** Prints how long a phase of the start took, so a slow start shows where its time went; returns now. */
    private static long printPhase(String what, long since) {
        long now = System.nanoTime();
        System.out.printf("%s in %.1f s%n", what, (now - since) / 1e9);
        return now;
    }

    /**
     * The demo data, once: what exists is kept (and what the user changed in it). Each part waits for its service and
     * runs beside the others: a just-started service answers its first requests slowly, one after another they took
     * 15 s of every start on 2 cores.
     */
    private CompletableFuture<List<String>> seed(List<Service> present, JwtIssuer jwt) {
        LocalDemo demo = new LocalDemo(jwt);
        CompletableFuture<List<String>> agents = whenReady(present, "routing-service", routing -> {
            List<String> registered = demo.registerAgents(routing, inbox);
            List<String> lines = new ArrayList<>();
            lines.add(registered.isEmpty() ? "Demo agents (registered by an earlier start, kept as they are):"
                    : "Demo agents (registered now, in routing-service's agent directory, so notification-service reaches them too):");
            for (String team : List.of("asia", "emea")) {
                lines.add("  " + team + ": " + LocalDemo.AGENTS.stream().filter(agent -> agent.team().equals(team))
                        .map(agent -> agent.id() + " " + agent.tier() + (agent.vipCapable() ? " VIP" : "") + " "
                                + agent.languages())
                        .collect(Collectors.joining(", ")));
            }
            return lines;
        });
        CompletableFuture<List<String>> customer = whenReady(present, "notification-service", notification -> {
            demo.registerCustomer(notification);
            return List.of();
        });
        CompletableFuture<List<String>> policies = whenReady(present, "sla-service", sla -> {
            List<String> lines = new ArrayList<>();
            lines.add("SLA policies (sla-service's defaults until changed):");
            demo.policies(sla).forEach(policy -> lines.add("  " + policy));
            return lines;
        });
        return CompletableFuture.allOf(agents, customer, policies).thenApply(done -> {
            List<String> lines = new ArrayList<>(agents.join());
            lines.addAll(policies.join());
            return lines;
        });
    }

    /**
     * {@code part} with the service's base URL once {@code module} is ready, on a thread of its own (it mostly waits);
     * nothing if the module does not run.
     */
    private CompletableFuture<List<String>> whenReady(List<Service> present, String module,
                                                      Function<String, List<String>> part) {
        if (!running(present, module)) {
            return CompletableFuture.completedFuture(List.of());
        }
        ServiceProcess process = services.stream().filter(service -> service.name().equals(module)).findFirst()
                .orElseThrow();
        return CompletableFuture.supplyAsync(() -> part.apply(process.awaitReady(READY_TIMEOUT).baseUrl()),
                task -> {
                    Thread thread = new Thread(task, "exdesk-demo-" + module);
                    thread.setDaemon(true);
                    thread.start();
                });
    }

    /** The result, or the part's own exception (as the start would have thrown it), not a CompletionException. */
    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static boolean running(List<Service> present, String module) {
        return present.stream().anyMatch(service -> service.module().equals(module));
    }

    /**
     * The modules EXDESK_SERVICES names (comma-separated, e.g. one service for a benchmark); all of them
     * when it is unset or blank. A name that is no service is refused rather than silently skipped.
     */
    static Set<String> chosen(String setting) {
        Set<String> all = SERVICES.stream().map(Service::module).collect(Collectors.toCollection(LinkedHashSet::new));
        all.add(CONSOLE.module());
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

    private ServiceProcess launch(Service service, KafkaBroker broker, JwtIssuer jwt) {
        Map<String, String> environment = new LinkedHashMap<>(
                ServiceProcess.environment(postgres, service.database(), broker.bootstrapServers(), jwt));
        // Local only, off or tighter in production (docs/security.md): Swagger UI and the OpenAPI
        // document, and the lifetime of the printed tokens.
        environment.put("EXDESK_HTTP_API_DOCS", "true");
        environment.put("NOTIFICATION_CALLBACKS_ALLOW_HTTP_LOOPBACK", "true"); // callbacks to a local receiver
        environment.put("SMALLRYE_JWT_TIME_TO_LIVE", Long.toString(TOKEN_LIFETIME.toSeconds()));
        if (inbox != null) {
            // E-mail to the mail catcher, the ops and VIP-desk channels to the webhook log (the default would be a
            // closed port, where a new user's e-mails retry until they die).
            environment.put("QUARKUS_MAILER_HOST", "127.0.0.1");
            environment.put("QUARKUS_MAILER_PORT", Integer.toString(inbox.smtpPort()));
            environment.put("NOTIFICATION_CHANNELS_OPS_URL", inbox.hookUrl("ops"));
            environment.put("NOTIFICATION_CHANNELS_VIP_DESK_URL", inbox.hookUrl("vip-desk"));
        }
        ServiceProcess process = ServiceProcess.start(service.module(), runnerJar(service), service.port(),
                environment, home.resolve("logs").resolve(service.module() + ".log"), jvmOptions(service, "-Xmx256m"));
        System.out.println("Starting " + service.module() + " on port " + service.port()
                + " (log: .exdesk/logs/" + service.module() + ".log)");
        return process;
    }

    /**
     * The console on 8085, over plain local HTTP (so its cookies are not {@code Secure}), with the demo accounts
     * of {@link LocalDemo#writeConsoleAccounts} (created once; a password changed later is kept).
     */
    private ServiceProcess launchConsole(KafkaBroker broker, JwtIssuer jwt) throws IOException {
        Path accounts = home.resolve("console-accounts");
        LocalDemo.writeConsoleAccounts(accounts);
        Map<String, String> environment = new LinkedHashMap<>(
                ServiceProcess.environment(postgres, CONSOLE.database(), broker.bootstrapServers(), jwt));
        environment.put("CONSOLE_TOKEN_SIGNING_KEY_LOCATION", jwt.privateKeyFile().toUri().toString());
        environment.put("CONSOLE_SESSION_SECURE_COOKIE", "false");
        environment.put("CONSOLE_BOOTSTRAP_ACCOUNTS_FILE", accounts.toString());
        // The demo passwords are printed anyway: a quarter of the default bcrypt work keeps the first start and
        // each sign-in quick on a busy laptop.
        environment.put("CONSOLE_SIGN_IN_BCRYPT_COST", "10");
        for (Service service : SERVICES) {
            String name = service.module().replace("-service", "");
            if (!name.equals("notification")) {
                environment.put("CONSOLE_SERVICES_" + name.toUpperCase(), "http://127.0.0.1:" + service.port());
            }
        }
        ServiceProcess process = ServiceProcess.start(CONSOLE.module(), runnerJar(CONSOLE), CONSOLE.port(),
                environment, home.resolve("logs").resolve("console.log"), jvmOptions(CONSOLE, "-Xmx128m"));
        System.out.println("Starting console on port " + CONSOLE.port() + " (log: .exdesk/logs/console.log)");
        return process;
    }

    /**
     * The service's class archive ({@link ClassArchives}), the heap, then whatever EXDESK_JVM_OPTIONS adds
     * (whitespace-separated) for every service and the console. Options of its own about class data sharing
     * ({@code -Xshare:off}, an archive of its own) replace the local run's archive.
     */
    private String[] jvmOptions(Service service, String heap) {
        List<String> options = new ArrayList<>(List.of(heap));
        String extra = System.getenv("EXDESK_JVM_OPTIONS");
        if (extra != null && !extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        boolean ownSharing = options.stream().anyMatch(option -> option.startsWith("-Xshare")
                || option.startsWith("-XX:SharedArchiveFile") || option.startsWith("-XX:ArchiveClassesAtExit"));
        List<String> all = new ArrayList<>();
        if (!ownSharing) {
            all.addAll(archives.options(service.module(), runnerJar(service).getParent(), options));
        }
        all.addAll(options);
        return all.toArray(String[]::new);
    }

    private void printSummary(List<Service> present, JwtIssuer jwt, List<String> demo, boolean console)
            throws IOException {
        System.out.println();
        System.out.println("Kafka:      " + kafka.bootstrapServers());
        System.out.println("PostgreSQL: " + postgres.jdbcUrl("<database>") + " (user postgres)");
        for (Service service : present) {
            String base = "http://127.0.0.1:" + service.port();
            System.out.printf("%-21s %s/q/swagger-ui   %s/q/metrics   %s/q/health%n",
                    service.module(), base, base, base);
        }
        if (inbox != null) {
            System.out.println("E-mails and chat messages sent: " + inbox.url() + "  (SMTP 127.0.0.1:" + inbox.smtpPort()
                    + ", chat webhooks " + inbox.hookUrl("…") + ")");
        }
        if (console) {
            System.out.println("Console (agents, supervisors): http://127.0.0.1:" + CONSOLE.port()
                    + "/  (log: .exdesk/logs/console.log)");
        }
        System.out.println();
        demo.forEach(System.out::println);
        if (console) {
            System.out.println("Console sign-ins at http://127.0.0.1:" + CONSOLE.port() + "/ (password "
                    + LocalDemo.CONSOLE_PASSWORD + " for each, local only):");
            for (String role : List.of("agent", "supervisor")) {
                System.out.println("  " + role + "s: " + LocalDemo.AGENTS.stream()
                        .filter(agent -> LocalDemo.consoleRole(agent).equals(role))
                        .map(agent -> agent.id() + " (" + agent.team() + ", " + String.join("/", agent.languages()) + ")")
                        .collect(Collectors.joining(", ")));
            }
            System.out.println("  admin: " + LocalDemo.CONSOLE_ADMIN);
        }
        System.out.println();
        System.out.println("Webhook signing secret of notification-service (local only): "
                + ServiceProcess.LOCAL_WEBHOOK_SIGNING_SECRET);
        System.out.println();
        Path tokens = home.resolve("tokens.env");
        System.out.println("Bearer tokens (valid " + TOKEN_LIFETIME.toHours() + " h; also in .exdesk/tokens.env: "
                + "source it), e.g. curl -H \"Authorization: Bearer $PLATFORM_TOKEN\":");
        StringBuilder exports = new StringBuilder();
        TOKEN_SUBJECTS.forEach((role, subject) -> exports.append("export ").append(role.toUpperCase()).append("_TOKEN=")
                .append(jwt.mint(subject, Set.of(role), TOKEN_LIFETIME)).append('\n'));
        Files.writeString(tokens, exports, StandardCharsets.UTF_8);
        System.out.print(exports);
        if (present.size() == SERVICES.size()) {
            printTryIt();
        }
    }

    /** How to watch one ticket go through all four services. */
    private void printTryIt() {
        String agent = TOKEN_SUBJECTS.get("agent");
        System.out.println();
        System.out.println("Try it, in another terminal (docs/quickstart.md walks through it):");
        System.out.println("  source .exdesk/tokens.env");
        System.out.println("  # 1. Watch " + agent + "'s live stream (SSE; AGENT_TOKEN is " + agent + "'s):");
        System.out.println("  curl -N http://127.0.0.1:8082/api/v1/agents/" + agent + "/stream -H \"Authorization: Bearer $AGENT_TOKEN\"");
        System.out.println("  # 2. In a third terminal, open a ticket as the exchange platform: a VIP customer writes, in Chinese,");
        System.out.println("  #    that their funds were stolen. Triage makes it SECURITY/URGENT; routing gives it to " + agent + ".");
        System.out.println("  curl -s -X POST http://127.0.0.1:8081/api/v1/tickets -H \"Authorization: Bearer $PLATFORM_TOKEN\" \\");
        System.out.println("    -H 'Content-Type: application/json' -d '{\"customer\":{\"id\":\"" + LocalDemo.DEMO_CUSTOMER
                + "\",\"tier\":\"VIP\",\"language\":\"zh-CN\"},\"channel\":\"CHAT\",\"subject\":\"资金被盗\",\"description\":\"我的账户资金被盗了！请立即冻结我的账户。\"}'");
        System.out.println("  # 3. The agent's inbox, and the ticket with its assignee and SLA due times (<id> from step 2):");
        System.out.println("  curl -s http://127.0.0.1:8082/api/v1/agents/" + agent + "/inbox -H \"Authorization: Bearer $AGENT_TOKEN\"");
        System.out.println("  curl -s http://127.0.0.1:8081/api/v1/tickets/<id> -H \"Authorization: Bearer $SUPERVISOR_TOKEN\"");
        if (inbox != null) {
            System.out.println("  # 4. " + agent + "'s e-mail and chat message (in Chinese), and the VIP desk's chat: " + inbox.url());
        }
        // Numbered on: without the mail catcher (EXDESK_MAIL_CATCHER=off) there is no step 4 to show.
        System.out.println("  # " + (inbox != null ? 5 : 4) + ". Metrics: tickets_created_total (8081), routing_assignments_total (8082),");
        System.out.println("  #    sla_open_clocks (8083), notification_deliveries_total (8084), e.g.");
        System.out.println("  curl -s http://127.0.0.1:8084/q/metrics | grep ^notification_deliveries_total");
    }

    /**
     * Services first (all at once), while Kafka and PostgreSQL are still there for them to finish their batches
     * and leave their consumer groups, then Kafka, then PostgreSQL.
     */
    void stop() {
        long started = System.nanoTime();
        // Writing the class archives at the first stop after a build took 10-15 s with five JVMs on 2 cores: a service
        // killed at the usual 20 s would lose its archive, and record it again on every start.
        if (archives.recording()) {
            ServiceProcess.closeAll(services, ARCHIVING_STOP_GRACE);
        } else {
            ServiceProcess.closeAll(services);
        }
        for (ServiceProcess service : services) {
            archives.stopped(service.name(), service.exitCode().orElse(-1));
        }
        long servicesStopped = System.nanoTime();
        if (kafka != null) {
            kafka.stop();
        }
        long kafkaStopped = System.nanoTime();
        if (postgres != null) {
            postgres.close();
        }
        long postgresStopped = System.nanoTime();
        if (inbox != null) {
            inbox.close();
        }
        System.out.printf("ExDesk stopped in %.1f s (services %.1f s, then Kafka %.1f s, then PostgreSQL %.1f s).%n",
                (System.nanoTime() - started) / 1e9, (servicesStopped - started) / 1e9,
                (kafkaStopped - servicesStopped) / 1e9, (postgresStopped - kafkaStopped) / 1e9);
    }

    private static Path runnerJar(Service service) {
        return ServiceProcess.runnerJar(Path.of(service.module()));
    }
}

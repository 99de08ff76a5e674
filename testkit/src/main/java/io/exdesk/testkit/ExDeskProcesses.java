package io.exdesk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole of ExDesk as a user runs it, for tests that need every service at once (deploy's live
 * monitoring test, the system tests): the four services as processes from their packaged jars, each
 * on a free port with a database of its own on the testkit's PostgreSQL ({@link TestServers}), the
 * testkit's Kafka broker, and notification-service sending to the real SMTP server
 * ({@link MailServer#get()}) and webhook receiver ({@link WebhookReceiver#get()}) of this JVM, its
 * channels {@code ops} and {@code vip-desk} at {@code /hooks/ops} and {@code /hooks/vip-desk}.
 *
 * <p>The gauges counted from the databases are refreshed every second, so what a test or a
 * Prometheus reads follows changes at once. A caller adds or overrides settings per service (as
 * environment variables). Services can be killed and restarted, on the same port and database.
 * The caller that needs e-mail must have GreenMail on its classpath (the testkit's is optional).
 */
public final class ExDeskProcesses implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    // A 2-core machine starts four services at once: the client compiler and serial GC start faster.
    private static final String[] JVM_OPTIONS = {"-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"};

    /** How one service was started, to start it again as it was. */
    private record Launch(String service, Path jar, int port, Map<String, String> environment, Path log) {
        ServiceProcess start() {
            return ServiceProcess.start(service, jar, port, environment, log, JVM_OPTIONS);
        }
    }

    private final Map<String, Launch> launches;
    private final Map<String, String> databases;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private ExDeskProcesses(Map<String, Launch> launches, Map<String, String> databases) {
        this.launches = launches;
        this.databases = databases;
    }

    /** Starts the four services with the default settings and waits until each is ready. */
    public static ExDeskProcesses start(Path logs) {
        return start(logs, Map.of());
    }

    /**
     * Starts the four services, each with its {@link #defaultSettings} and then {@code settings} of
     * its name (environment variables; these win), on fresh databases; waits until each is ready.
     */
    public static ExDeskProcesses start(Path logs, Map<String, Map<String, String>> settings) {
        return start(logs, settings, LocalRun.SERVICES.stream().map(LocalRun.Service::module).toList());
    }

    /**
     * Starts only the named services (e.g. the three the console calls), as {@link #start(Path, Map)} does;
     * {@link #names()} then lists just those.
     */
    public static ExDeskProcesses start(Path logs, Map<String, Map<String, String>> settings, List<String> only) {
        List<String> unknown = only.stream().filter(name -> LocalRun.SERVICES.stream()
                .noneMatch(service -> service.module().equals(name))).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(unknown + " is no ExDesk service; the services are "
                    + LocalRun.SERVICES.stream().map(LocalRun.Service::module).toList());
        }
        TestServers servers = TestServers.get();
        Path root = repositoryRoot();
        Map<String, Launch> launches = new LinkedHashMap<>();
        Map<String, String> databases = new LinkedHashMap<>();
        for (LocalRun.Service service : LocalRun.SERVICES) {
            String name = service.module();
            if (!only.contains(name)) {
                continue;
            }
            servers.postgres().recreateDatabase(service.database());
            databases.put(name, service.database());
            Map<String, String> env = new LinkedHashMap<>(ServiceProcess.environment(servers.postgres(),
                    service.database(), servers.kafkaBootstrapServers(), servers.jwt()));
            env.putAll(defaultSettings(name));
            env.putAll(settings.getOrDefault(name, Map.of()));
            Path log = logs.resolve(name + ".log").toAbsolutePath();
            deleteIfExists(log); // a restart appends to it; a new system starts a new log
            launches.put(name, new Launch(name, ServiceProcess.runnerJar(root.resolve(name)), FreePorts.next(),
                    Map.copyOf(env), log));
        }
        ExDeskProcesses exdesk = new ExDeskProcesses(launches, databases);
        try {
            launches.values().forEach(launch -> exdesk.services.put(launch.service(), launch.start()));
            exdesk.services.values().forEach(service -> service.awaitReady(READY_TIMEOUT));
        } catch (RuntimeException notReady) {
            exdesk.close();
            throw notReady;
        }
        return exdesk;
    }

    /** What each service needs besides its database, broker and token issuer. */
    public static Map<String, String> defaultSettings(String service) {
        return switch (service) {
            case "routing-service" -> Map.of("ROUTING_GAUGES_REFRESH", "1s");
            case "sla-service" -> Map.of("SLA_GAUGES_REFRESH", "1s");
            case "notification-service" -> Map.of(
                    "NOTIFICATION_GAUGES_REFRESH", "1s",
                    "QUARKUS_MAILER_HOST", "127.0.0.1",
                    "QUARKUS_MAILER_PORT", Integer.toString(MailServer.get().port()),
                    "NOTIFICATION_CHANNELS_OPS_URL", WebhookReceiver.get().url("/hooks/ops"),
                    "NOTIFICATION_CHANNELS_VIP_DESK_URL", WebhookReceiver.get().url("/hooks/vip-desk"));
            default -> Map.of();
        };
    }

    /** The names of the services started, in start order. */
    public List<String> names() {
        return List.copyOf(launches.keySet());
    }

    public String url(String service) {
        return "http://127.0.0.1:" + launch(service).port();
    }

    /** The HTTP port of each service, by name. */
    public Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        launches.forEach((name, launch) -> ports.put(name, launch.port()));
        return ports;
    }

    /** The file a service's output (every log line) is appended to, across restarts. */
    public Path log(String service) {
        return launch(service).log();
    }

    /** A connection to a service's own database. */
    public Connection connect(String service) throws SQLException {
        launch(service);
        return TestServers.get().postgres().connect(databases.get(service));
    }

    /** A bearer token every service accepts, valid 30 minutes. */
    public static String token(String subject, String role) {
        return TestServers.get().jwt().mint(subject, Set.of(role), Duration.ofMinutes(30));
    }

    /** Stops one service (SIGTERM), as an outage would. */
    public synchronized void stop(String service) {
        process(service).close();
    }

    /** Kills one service (SIGKILL), as a crash would: no shutdown hooks, nothing drained. */
    public synchronized void kill(String service) {
        process(service).kill();
    }

    /** Starts a stopped or killed service again, on its port and database, and waits until it is ready. */
    public void restart(String service) {
        ServiceProcess started;
        synchronized (this) {
            if (process(service).isAlive()) {
                throw new IllegalStateException(service + " still runs");
            }
            started = launch(service).start();
            services.put(service, started);
        }
        started.awaitReady(READY_TIMEOUT);
    }

    public synchronized boolean isAlive(String service) {
        return process(service).isAlive();
    }

    @Override
    public void close() {
        List<ServiceProcess> running;
        synchronized (this) {
            running = List.copyOf(services.values());
        }
        ServiceProcess.closeAll(running);
    }

    private Launch launch(String service) {
        Launch launch = launches.get(service);
        if (launch == null) {
            throw new IllegalArgumentException(service + " is no ExDesk service; the services are " + names());
        }
        return launch;
    }

    private ServiceProcess process(String service) {
        launch(service);
        return services.get(service);
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file, e);
        }
    }

    /** The repository's top directory: the tests run in a module below it. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("No mvnw above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}

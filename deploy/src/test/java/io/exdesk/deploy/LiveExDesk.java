package io.exdesk.deploy;

import io.exdesk.testkit.FreePorts;
import io.exdesk.testkit.MailServer;
import io.exdesk.testkit.ServiceProcess;
import io.exdesk.testkit.TestServers;
import io.exdesk.testkit.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The four ExDesk services as processes from their packaged jars, each on a free port with a database of
 * its own on the testkit's PostgreSQL, the testkit's Kafka broker, and notification-service sending to a
 * real SMTP server and webhook receiver. The gauges counted from the databases are refreshed every second,
 * so a Prometheus scraping every second sees changes at once.
 */
final class LiveExDesk implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    // A 2-core machine starts four services at once: the client compiler and serial GC start faster.
    private static final String[] JVM_OPTIONS = {"-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"};

    private final Map<String, ServiceProcess> services;

    private LiveExDesk(Map<String, ServiceProcess> services) {
        this.services = services;
    }

    static LiveExDesk start(Path logs) {
        TestServers servers = TestServers.get();
        Map<String, ServiceProcess> started = new LinkedHashMap<>();
        for (String service : ServiceSettings.SERVICES) {
            String database = "live_" + ServiceSettings.of(service).database();
            servers.postgres().recreateDatabase(database);
            Map<String, String> env = new LinkedHashMap<>(ServiceProcess.environment(servers.postgres(), database,
                    servers.kafkaBootstrapServers(), servers.jwt()));
            env.putAll(settings(service));
            Path jar = ServiceProcess.runnerJar(ServiceSettings.repositoryRoot().resolve(service));
            started.put(service, ServiceProcess.start(service, jar, FreePorts.next(), env,
                    logs.resolve(service + ".log"), JVM_OPTIONS));
        }
        LiveExDesk exdesk = new LiveExDesk(started);
        try {
            started.values().forEach(service -> service.awaitReady(READY_TIMEOUT));
        } catch (RuntimeException notReady) {
            exdesk.close();
            throw notReady;
        }
        return exdesk;
    }

    /** What each service needs besides its database, broker and token issuer. */
    private static Map<String, String> settings(String service) {
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

    String url(String service) {
        return services.get(service).baseUrl();
    }

    /** The HTTP port of each service, by name (the job names of the scrape configuration). */
    Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        services.forEach((name, process) -> ports.put(name, process.port()));
        return ports;
    }

    List<String> names() {
        return List.copyOf(services.keySet());
    }

    /** A bearer token every service accepts. */
    static String token(String subject, String role) {
        return TestServers.get().jwt().mint(subject, Set.of(role), Duration.ofMinutes(30));
    }

    /** Stops one service for good (SIGTERM), as an outage would. */
    void stop(String service) {
        services.get(service).close();
    }

    @Override
    public void close() {
        services.values().parallelStream().forEach(ServiceProcess::close);
    }
}

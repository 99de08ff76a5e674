package io.exdesk.console.browser;

import io.exdesk.testkit.FreePorts;
import io.exdesk.testkit.ServiceProcess;
import io.exdesk.testkit.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three services the console calls (ticket, routing, sla), each from its packaged jar in a JVM of its own
 * with a fresh database on the testkit's PostgreSQL and the testkit's Kafka, verifying the testkit's token key:
 * the same one the console under test signs with. Started once per test JVM, stopped at its exit.
 */
final class LiveServices {

    static final List<String> SERVICES = List.of("ticket-service", "routing-service", "sla-service");
    private static final Map<String, String> DATABASES = Map.of(
            "ticket-service", "tickets", "routing-service", "routing", "sla-service", "sla");
    // Three services start at once on two cores: the client compiler and the serial collector start faster.
    private static final String[] JVM_OPTIONS = {"-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"};

    private static LiveServices started;

    private final Map<String, ServiceProcess> processes;

    private LiveServices(Map<String, ServiceProcess> processes) {
        this.processes = processes;
    }

    static synchronized LiveServices get() {
        if (started == null) {
            started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.processes.values().parallelStream()
                    .forEach(ServiceProcess::close)));
        }
        return started;
    }

    private static LiveServices start() {
        TestServers servers = TestServers.get();
        Path root = Path.of(System.getProperty("exdesk.repository.root", ".."));
        Path logs = Path.of("target", "live-services").toAbsolutePath();
        Map<String, ServiceProcess> processes = new LinkedHashMap<>();
        for (String service : SERVICES) {
            String database = "console_live_" + DATABASES.get(service);
            servers.postgres().recreateDatabase(database);
            Map<String, String> env = new LinkedHashMap<>(ServiceProcess.environment(servers.postgres(), database,
                    servers.kafkaBootstrapServers(), servers.jwt()));
            processes.put(service, ServiceProcess.start(service, ServiceProcess.runnerJar(root.resolve(service)),
                    FreePorts.next(), env, logs.resolve(service + ".log"), JVM_OPTIONS));
        }
        try {
            processes.values().forEach(p -> p.awaitReady(Duration.ofMinutes(3)));
        } catch (RuntimeException notReady) {
            processes.values().forEach(ServiceProcess::close);
            throw notReady;
        }
        return new LiveServices(processes);
    }

    String url(String service) {
        return processes.get(service).baseUrl();
    }
}

package io.exdesk.console.browser;

import io.exdesk.testkit.ExDeskProcesses;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The three services the console calls (ticket, routing, sla), started by the testkit's {@link ExDeskProcesses}
 * as the system tests start them: each from its packaged jar in a JVM of its own, with a fresh database on the
 * testkit's PostgreSQL and the testkit's Kafka, verifying the testkit's token key, the same one the console
 * under test signs with. Started once per test JVM, stopped at its exit. notification-service is left out:
 * no page shows what it does, and a fourth JVM would slow the start on two cores.
 */
final class LiveServices {

    static final List<String> SERVICES = List.of("ticket-service", "routing-service", "sla-service");

    private static ExDeskProcesses started;

    private LiveServices() {
    }

    static synchronized ExDeskProcesses get() {
        if (started == null) {
            // The services' own gauge refresh, not the system tests' every second: no page reads the gauges, and
            // recounting them each second takes CPU the assignment-to-screen measurement shares on two cores.
            started = ExDeskProcesses.start(Path.of("target", "live-services").toAbsolutePath(), Map.of(
                    "routing-service", Map.of("ROUTING_GAUGES_REFRESH", "5s"),
                    "sla-service", Map.of("SLA_GAUGES_REFRESH", "30s")), SERVICES);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "console-live-services-stop"));
        }
        return started;
    }
}

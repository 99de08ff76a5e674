package io.exdesk.systemtests;

import static io.exdesk.systemtests.Users.NOTIFICATIONS;
import static io.exdesk.systemtests.Users.ROUTING;
import static io.exdesk.systemtests.Users.SLA;
import static io.exdesk.systemtests.Users.TICKETS;
import static org.awaitility.Awaitility.await;

import io.exdesk.testkit.ExDeskProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The one ExDesk every scenario of this JVM shares, started by the first that asks and stopped when
 * the JVM exits: starting four services costs about a minute on two cores, a scenario seconds.
 * Scenarios keep out of each other's way with agents, teams, customers and (where routing would
 * otherwise mix them) languages of their own, and close the tickets whose clocks they no longer need.
 */
final class RunningExDesk {

    private static final String JVM_OPTIONS = "JAVA_TOOL_OPTIONS";
    /**
     * A killed instance's consumers leave their groups after 6 s (the broker's minimum) instead of 45 s,
     * so its restarted self gets the partitions back soon: time compressed like the SLA policies.
     */
    private static final String KAFKA_SESSION = "-Dmp.messaging.connector.smallrye-kafka.session.timeout.ms=6000"
            + " -Dmp.messaging.connector.smallrye-kafka.heartbeat.interval.ms=1000";

    private static ExDeskProcesses shared;

    private RunningExDesk() {
    }

    static synchronized ExDeskProcesses get() {
        if (shared == null) {
            long started = System.nanoTime();
            ExDeskProcesses exdesk = ExDeskProcesses.start(logs(), Map.of(
                    TICKETS, Map.of(JVM_OPTIONS, KAFKA_SESSION),
                    // A queued ticket is drained on every change anyway; the safety net need not wait 15 s.
                    ROUTING, Map.of(JVM_OPTIONS, KAFKA_SESSION, "ROUTING_HOUSEKEEPING_INTERVAL", "2s"),
                    SLA, Map.of(JVM_OPTIONS, KAFKA_SESSION),
                    // A failed e-mail or webhook is tried again soon, and one a killed instance had leased
                    // is taken again after 15 s rather than 2 min.
                    NOTIFICATIONS, Map.of(JVM_OPTIONS, KAFKA_SESSION, "NOTIFICATION_DELIVERY_INITIAL_BACKOFF", "500ms",
                            "NOTIFICATION_DELIVERY_MAX_BACKOFF", "2s", "NOTIFICATION_DELIVERY_LEASE", "15s")));
            Runtime.getRuntime().addShutdownHook(new Thread(exdesk::close, "exdesk-system-stop"));
            System.out.printf("System tests: the four services ready in %.1f s (logs in %s)%n",
                    (System.nanoTime() - started) / 1e9, logs());
            shared = exdesk;
            long flowing = System.nanoTime();
            awaitEventsFlowing();
            System.out.printf("System tests: events flowing between the services after %.1f s more%n",
                    (System.nanoTime() - flowing) / 1e9);
        }
        return shared;
    }

    /**
     * Ready is not yet flowing: each service's consumers still join their groups after it answers ready. One
     * ticket no agent can take (Esperanto) must be queued by routing and get its clocks from sla-service back
     * in ticket-service before the scenarios, whose clocks run in seconds, begin.
     */
    private static void awaitEventsFlowing() {
        Map<String, Object> request = Users.ticket("warm-up-customer", "STANDARD", "eo", "Saluton", "Mi havas demandon.");
        request.put("category", "GENERAL");
        request.put("priority", "LOW");
        String id = Users.openTicket(request).getString("id");
        // In this thread: Awaitility's own would wait for get(), which this thread holds until the system flows.
        await("the first ticket through routing and SLA").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .pollInSameThread()
                .until(() -> Users.ticketView(id).getString("sla.RESOLUTION.dueAt") != null
                        && Users.as(Users.SUPERVISOR, ROUTING).get("/api/v1/routing/tickets/" + id).statusCode() == 200);
        Users.close(id);
    }

    static Path logs() {
        return Path.of("target", "system-tests", "logs").toAbsolutePath();
    }
}

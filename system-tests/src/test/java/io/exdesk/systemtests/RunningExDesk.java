package io.exdesk.systemtests;

import io.exdesk.testkit.ExDeskProcesses;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one ExDesk every scenario of this JVM shares, started by the first that asks and stopped when
 * the JVM exits: starting four services costs about a minute on two cores, a scenario seconds.
 * Scenarios keep out of each other's way with agents, teams, customers and (where routing would
 * otherwise mix them) languages of their own, and close the tickets whose clocks they no longer need.
 */
final class RunningExDesk {

    private static ExDeskProcesses shared;

    private RunningExDesk() {
    }

    static synchronized ExDeskProcesses get() {
        if (shared == null) {
            long started = System.nanoTime();
            ExDeskProcesses exdesk = ExDeskProcesses.start(logs(), Map.of(
                    // A queued ticket is drained on every change anyway; the safety net need not wait 15 s.
                    "routing-service", Map.of("ROUTING_HOUSEKEEPING_INTERVAL", "2s"),
                    // A failed e-mail or webhook is tried again soon, not after 10 s and more.
                    "notification-service", Map.of("NOTIFICATION_DELIVERY_INITIAL_BACKOFF", "500ms",
                            "NOTIFICATION_DELIVERY_MAX_BACKOFF", "2s")));
            Runtime.getRuntime().addShutdownHook(new Thread(exdesk::close, "exdesk-system-stop"));
            System.out.printf("System tests: the four services ready in %.1f s (logs in %s)%n",
                    (System.nanoTime() - started) / 1e9, logs());
            shared = exdesk;
        }
        return shared;
    }

    static Path logs() {
        return Path.of("target", "system-tests", "logs").toAbsolutePath();
    }
}

package io.exdesk.routing.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Time-driven routing work: shift edges change availability, and a periodic drain is the safety net
 * for the queue (every capacity-freeing change drains it already).
 */
@ApplicationScoped
public class RoutingHousekeeping {

    private final AgentService agents;
    private final RoutingService routing;

    public RoutingHousekeeping(AgentService agents, RoutingService routing) {
        this.agents = agents;
        this.routing = routing;
    }

    // The scheduler keeps firing until it is destroyed, which is after the persistence unit has closed: a round
    // started then fails (Session/EntityManager is closed) and is logged as an ERROR. None starts once shutdown begins.
    @Scheduled(every = "${routing.housekeeping.interval:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        agents.applyShifts();
        routing.drainQueue();
    }
}

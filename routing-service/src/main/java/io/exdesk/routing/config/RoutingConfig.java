package io.exdesk.routing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of routing-service, under {@code routing.*}. */
@ConfigMapping(prefix = "routing")
public interface RoutingConfig {

    Escalation escalation();

    Housekeeping housekeeping();

    Gauges gauges();

    /** Time-driven work: shift edges and the safety-net drain of the queue. */
    interface Housekeeping {
        @WithDefault("15s")
        Duration interval();
    }

    /** How often the queue-depth, utilisation and agent gauges are counted from the database. */
    interface Gauges {
        @WithDefault("5s")
        Duration refresh();
    }

    /** Escalation on sla-warning. */
    interface Escalation {
        /**
         * The warning level (1-based) from which a clock escalates its ticket, once per clock. The default 3 is
         * the last warning before breach under the default policies (50, 75, 90 %).
         */
        @WithDefault("3")
        int level();
    }
}

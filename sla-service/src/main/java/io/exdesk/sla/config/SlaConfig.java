package io.exdesk.sla.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of sla-service, under {@code sla.*} (like {@code routing.*}, {@code ticket.*} and
 * {@code notification.*} of the other services; {@code exdesk.*} is the platform's).
 */
@ConfigMapping(prefix = "sla")
public interface SlaConfig {

    Timer timer();

    Gauges gauges();

    /** The loop that fires warnings and breaches. */
    interface Timer {
        /** {@code false} runs an instance that applies ticket facts but fires no timers. */
        @WithDefault("true")
        boolean enabled();
    }

    /** {@code sla_open_clocks} and {@code sla_at_risk_tickets}, counted from the database. */
    interface Gauges {
        /**
         * How often they are counted. At a million open clocks one count costs about a second of
         * PostgreSQL CPU, hence 30 s; every instance exports the same global figure.
         */
        @WithDefault("30s")
        Duration refresh();
    }
}

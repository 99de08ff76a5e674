package io.exdesk.ticket.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Settings of ticket-service, under {@code ticket.*}. */
@ConfigMapping(prefix = "ticket")
public interface TicketConfig {

    Creations creations();

    Erasure erasure();

    /** Customers' erasure requests. */
    interface Erasure {
        /**
         * The services that must confirm each erasure (erasure-confirmed) before its record is complete:
         * every service that consumes customer-erasures.
         */
        @WithDefault("routing-service,sla-service,notification-service")
        List<String> services();
    }

    /** Ticket creation by group commit. */
    interface Creations {
        /** The most creations one transaction writes: enough to amortise a commit, small enough to stay milliseconds. */
        @WithDefault("256")
        int maxBatch();

        /** Beyond this many creations waiting for a commit, new ones are refused with 503 and Retry-After. */
        @WithDefault("10000")
        int maxWaiting();
    }
}

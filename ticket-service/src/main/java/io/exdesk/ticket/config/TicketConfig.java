package io.exdesk.ticket.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of ticket-service, under {@code ticket.*}. */
@ConfigMapping(prefix = "ticket")
public interface TicketConfig {

    Creations creations();

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

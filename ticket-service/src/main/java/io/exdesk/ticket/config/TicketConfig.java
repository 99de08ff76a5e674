package io.exdesk.ticket.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Period;
import java.util.List;

/** Settings of ticket-service, under {@code ticket.*}. */
@ConfigMapping(prefix = "ticket")
public interface TicketConfig {

    Creations creations();

    Erasure erasure();

    Retention retention();

    /**
     * Retention of closed tickets ({@code TicketRetention}): how long a closed ticket keeps its contact data
     * and its other personal data. Periods are ISO-8601 ({@code P5Y}, {@code P18M}, {@code P90D}), counted in
     * UTC from the closing.
     */
    interface Retention {
        /**
         * After this, a closed ticket is anonymised: the customer id and every word and identifier of theirs
         * go, the record (number, classification, channel, tier, times, SLA, audit trail) stays, so the
         * exchange's counts survive. Five years: the record-keeping duty exchanges commonly have (AML, MiCA
         * complaint records); set it to yours.
         */
        @WithDefault("P5Y")
        Period closedTickets();

        /**
         * After this, a closed ticket loses the customer's contact data (name, e-mail, phone) and every other
         * service drops its copies of the ticket's customer data ({@code ticket-erased}, reason
         * {@code RETENTION}); the ticket's own record and words stay until {@link #closedTickets()}. At most
         * that period.
         */
        @WithDefault("P1Y")
        Period contactData();

        /** How often the job runs (a Quarkus scheduler interval such as {@code 1h}); {@code off} disables it. */
        @WithDefault("1h")
        String every();

        /** Tickets per transaction: a run works through everything due, a batch at a time. */
        @WithDefault("200")
        int batchSize();
    }

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

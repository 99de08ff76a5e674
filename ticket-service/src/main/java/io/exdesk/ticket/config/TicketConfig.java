package io.exdesk.ticket.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Optional;

/** Settings of ticket-service, under {@code ticket.*}. */
@ConfigMapping(prefix = "ticket")
public interface TicketConfig {

    Creations creations();

    Erasure erasure();

    Retention retention();

    MailIntake mailIntake();

    /**
     * E-mail intake ({@code MailboxPoller}): a support mailbox read over IMAP, each new mail a ticket of channel
     * {@code EMAIL}, each reply a customer reply. Off unless {@link #host()} is set.
     */
    interface MailIntake {
        /** The IMAP server; unset (the default) turns intake off. */
        Optional<String> host();

        /** 993 for IMAPS, 143 for plain IMAP (or STARTTLS). */
        @WithDefault("993")
        int port();

        /** Whether to speak IMAP over TLS (IMAPS); false means plain IMAP, for a loopback server only. */
        @WithDefault("true")
        boolean tls();

        Optional<String> user();

        Optional<String> password();

        /** The folder read; a mail is flagged seen there once its ticket or reply is committed. */
        @WithDefault("INBOX")
        String folder();

        /**
         * The mailbox's own address (default: {@link #user()}): mail from it is a loop and dropped. The address
         * notification-service sends replies from must be the same, or listed in {@link #ownAddresses()}.
         */
        Optional<String> address();

        /** Further addresses of ExDesk's own (e.g. notification-service's sender): their mail is a loop too. */
        Optional<List<String>> ownAddresses();

        /** How often the mailbox is read (a Quarkus scheduler interval such as {@code 30s}). */
        @WithDefault("30s")
        String every();

        /** The most mails one poll takes; the rest wait for the next poll, so one flood cannot stall a poll. */
        @WithDefault("50")
        int batchSize();

        /** Connect and read timeout of the IMAP connection. */
        @WithDefault("20s")
        Duration timeout();
    }

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

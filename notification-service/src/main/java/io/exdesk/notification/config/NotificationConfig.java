package io.exdesk.notification.config;

import io.exdesk.notification.domain.ChatFormat;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings of notification-service, under {@code notification.*} (the {@code exdesk.*} prefix belongs to the platform). */
@ConfigMapping(prefix = "notification")
public interface NotificationConfig {

    /** Who gets what: each rule lists {@code recipient:channel} targets (see the README). */
    Rules rules();

    /** From this {@code sla-warning} level on, the {@code sla-escalation} rule adds the team supervisor. */
    @WithDefault("2")
    int escalationLevel();

    /** The template language when neither the recipient nor the ticket has a supported one. */
    @WithDefault("en")
    String defaultLanguage();

    /** Messages link to this URL followed by the ticket id. */
    @WithDefault("http://localhost:8081/api/v1/tickets/")
    String ticketLinkBase();

    /** Named chat channels (e.g. {@code ops}, {@code vip-desk}) that rules can address. */
    Map<String, ChatChannel> channels();

    Webhook webhook();

    Delivery delivery();

    Gauges gauges();

    Callbacks callbacks();

    interface Callbacks {
        /**
         * Attempts before a callback is dead-lettered: more than a person's message gets, since the
         * platform's endpoint may be down for a deploy (16 with the default backoff is about 2.5 hours).
         */
        @WithDefault("16")
        int maxAttempts();

        /** The CloudEvents {@code source} of every callback. */
        @WithDefault("/exdesk/notification-service")
        String source();

        /** Accept {@code http://} URLs on loopback (dev mode, tests, the local run); otherwise https only. */
        @WithDefault("false")
        boolean allowHttpLoopback();

        /** How long the old secret keeps signing after a rotation, unless the request says otherwise. */
        @WithDefault("24h")
        Duration rotationOverlap();

        /** Subscriptions one platform client may hold. */
        @WithDefault("20")
        int maxPerClient();

        /**
         * Callbacks being sent at once to one subscription (per instance), out of the channel's
         * {@code notification.delivery.concurrency}: a slow receiver holds at most this many slots, so the
         * others' callbacks keep flowing. As many again are leased ahead and wait, holding no slot, to go the
         * moment one of the subscription's sends finishes.
         */
        @WithDefault("8")
        int maxInFlight();
    }

    interface Gauges {
        /** How often the pending-deliveries gauge is counted from the database. */
        @WithDefault("5s")
        Duration refresh();
    }

    interface Rules {
        @WithDefault("assignee:email,assignee:chat")
        List<String> ticketAssigned();

        @WithDefault("assignee:email,assignee:chat")
        List<String> slaWarning();

        @WithDefault("supervisor:email,supervisor:chat")
        List<String> slaEscalation();

        @WithDefault("supervisor:email,supervisor:chat,ops:chat")
        List<String> slaBreached();

        @WithDefault("vip-desk:chat")
        List<String> vipTicketCreated();

        @WithDefault("customer:email")
        List<String> secretsRedacted();
    }

    interface ChatChannel {
        /** The incoming-webhook URL; without one, deliveries to the channel are dead-lettered visibly. */
        Optional<String> url();

        @WithDefault("SLACK")
        ChatFormat format();

        @WithDefault("en")
        String language();
    }

    interface Webhook {
        /**
         * Key of the HMAC-SHA256 signature of {@code SIGNED} webhooks; receivers verify with the same key.
         * Required: {@link WebhookSigningSecret} stops the service at startup without it.
         */
        Optional<String> signingSecret();

        /** Connect and response timeout of one webhook call. */
        @WithDefault("5s")
        Duration timeout();
    }

    interface Delivery {
        /** Attempts before a delivery is dead-lettered. */
        @WithDefault("8")
        int maxAttempts();

        /** First retry delay; doubles per attempt, with jitter, up to {@code max-backoff}. */
        @WithDefault("10s")
        Duration initialBackoff();

        @WithDefault("15m")
        Duration maxBackoff();

        /** A claimed delivery whose worker died is attempted again after this; keep it above the send timeouts. */
        @WithDefault("2m")
        Duration lease();

        /**
         * Deliveries in flight at once per channel. Sends wait on the network, so a channel delivers at
         * most this many per send latency: 32 at 50 ms is 640/s.
         */
        @WithDefault("32")
        int concurrency();

        /**
         * How long a delivery to an agent waits for the agent's profile from routing-service's directory when the
         * event came first (a just-registered agent's first ticket); then it is dead, with the reason.
         */
        @WithDefault("10m")
        Duration profileWait();

        /** Set false to record deliveries without sending them (never in production). */
        @WithDefault("true")
        boolean enabled();
    }
}

package io.exdesk.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of the shared platform pieces, under {@code exdesk.*}. */
@ConfigMapping(prefix = "exdesk")
public interface PlatformConfig {

    Outbox outbox();

    Consumer consumer();

    Http http();

    Idempotency idempotency();

    @WithName("rate-limit")
    RateLimit rateLimit();

    Erasure erasure();

    /**
     * Topics this service publishes that hold the latest record per key, made compacted at startup by
     * {@code CompactedTopics}.
     */
    @WithName("compacted-topics")
    Optional<List<String>> compactedTopics();

    /** Customers' erasure. */
    interface Erasure {
        /**
         * The secret key of erased customers' pseudonyms (at least 32 bytes). Optional here, since only
         * ticket-service and notification-service use it: {@code CustomerPseudonyms} stops those at startup
         * without it. No profile of a packaged service has a default.
         */
        @WithName("pseudonym-key")
        Optional<String> pseudonymKey();
    }

    /**
     * Per-client request rate of the APIs marked {@code @RateLimited}: a token bucket per
     * authenticated client, refilled continuously. Over the limit a request gets 429 with Retry-After.
     */
    interface RateLimit {
        /** Requests one client may send per {@link #period()}, sustained. */
        @WithDefault("1000")
        int requests();

        @WithDefault("1s")
        Duration period();

        /** Requests one client may send at once after being quiet. */
        @WithDefault("2000")
        int burst();
    }

    /** Idempotency-Key records. */
    interface Idempotency {
        /** How long a completed key replays its response; documented for API clients. */
        @WithDefault("P1D")
        Duration retention();

        /** A claim older than this whose request never finished is taken over by a retry. */
        @WithDefault("60s")
        Duration inFlightTimeout();
    }

    /** The transactional outbox relay. */
    interface Outbox {
        /** Safety-net poll; commits wake the relay at once. */
        @WithDefault("500ms")
        Duration pollInterval();

        @WithDefault("500")
        int batchSize();

        /** Published rows are deleted after this long. */
        @WithDefault("P7D")
        Duration retention();

        /** Readiness goes DOWN when the oldest unpublished event is older than this. */
        @WithDefault("60s")
        Duration maxBacklogAge();

        /** Set false to run the service without publishing (never in production). */
        @WithDefault("true")
        boolean enabled();
    }

    /** Idempotent consumption. */
    interface Consumer {
        /** Attempts of a failing handler before its message goes to {@code <topic>.dlq}. */
        @WithDefault("4")
        int maxAttempts();

        @WithDefault("200ms")
        Duration initialBackoff();

        /** processed_event rows older than this are deleted; keep it above the topics' retention. */
        @WithDefault("P30D")
        Duration dedupRetention();
    }

    /** HTTP limits. */
    interface Http {
        /** Requests with a larger Content-Length get 413 problem+json. */
        @WithName("max-body-size")
        @WithDefault("1M")
        io.quarkus.runtime.configuration.MemorySize maxBodySize();

        /**
         * Serve the OpenAPI document ({@code /q/openapi}) and Swagger UI ({@code /q/swagger-ui}). The shared
         * defaults turn both Quarkus switches by this one key: off in production, on in dev and tests; the
         * local run turns it on (docs/security.md).
         */
        @WithName("api-docs")
        @WithDefault("false")
        boolean apiDocs();
    }
}

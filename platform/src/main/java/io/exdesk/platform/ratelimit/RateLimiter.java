package io.exdesk.platform.ratelimit;

import io.exdesk.platform.config.PlatformConfig;
import io.exdesk.platform.problem.ProblemException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client (the token's subject): {@code exdesk.rate-limit.burst} requests at once,
 * refilled at {@code exdesk.rate-limit.requests} per {@code exdesk.rate-limit.period}. A request over the limit is refused
 * with 429 and Retry-After before it does any work.
 *
 * <p>The buckets live in this instance's memory: with N instances behind a load balancer a client
 * gets up to N times the rate, which is what the limit is for (protecting each instance). Clients
 * are authenticated callers (the exchange platform, agents, staff), a bounded set, so the map is
 * not evicted.
 */
@ApplicationScoped
public class RateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Bandwidth limit;
    private final String rate;
    private final Counter refused;
    private final TimeMeter time;

    public RateLimiter(PlatformConfig config, MeterRegistry registry, Clock clock) {
        PlatformConfig.RateLimit rate = config.rateLimit();
        this.rate = rate.requests() + " requests per " + rate.period();
        this.limit = Bandwidth.builder()
                .capacity(rate.burst())
                .refillGreedy(rate.requests(), rate.period())
                .build();
        this.refused = Counter.builder("http.rate.limited")
                .description("Requests refused with 429 because their client was over its rate limit")
                .register(registry);
        // Refills follow the platform clock, like every other time-based decision, so tests control them.
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Takes one request from the client's bucket, or throws the 429 problem. */
    public void acquire(String clientId) {
        Bucket bucket = buckets.computeIfAbsent(clientId, id -> Bucket.builder().addLimit(limit).withCustomTimePrecision(time).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            refused.increment();
            throw ProblemException.tooManyRequests("Client " + clientId + " is over its rate limit of " + rate
                            + "; retry after the seconds in Retry-After",
                    Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }
}

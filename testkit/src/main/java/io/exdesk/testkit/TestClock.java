package io.exdesk.testkit;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The application's clock in every module's tests (a bean of the testkit's bean archive, it replaces
 * the platform's default {@code Clock}; inject it as {@code @Inject TestClock clock}): the system clock plus an
 * offset that a test advances to make backoffs and leases run out at once, and that a test can
 * freeze so that nothing falls due by itself however slow the machine. It never goes back, so every
 * test class of the shared application sees time only move forward.
 */
@Singleton
public class TestClock extends Clock {

    private Duration offset = Duration.ZERO;
    private Instant frozenAt;

    @Override
    public synchronized Instant instant() {
        return frozenAt != null ? frozenAt : Instant.now().plus(offset);
    }

    /** Stops the application's time where it is, until {@link #advance} or {@link #unfreeze}. */
    public synchronized void freeze() {
        // Whole microseconds, PostgreSQL's precision, rounded up: a time read back equals the time written.
        Instant now = instant();
        Instant micros = now.truncatedTo(ChronoUnit.MICROS);
        frozenAt = micros.equals(now) ? now : micros.plus(1, ChronoUnit.MICROS);
    }

    /** Lets time run again from where it stands. */
    public synchronized void unfreeze() {
        if (frozenAt != null) {
            offset = Duration.between(Instant.now(), frozenAt);
            frozenAt = null;
        }
    }

    /** Moves the application's time forward. */
    public synchronized void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + by);
        }
        if (frozenAt != null) {
            frozenAt = frozenAt.plus(by);
        } else {
            offset = offset.plus(by);
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the application's clock is UTC");
    }
}

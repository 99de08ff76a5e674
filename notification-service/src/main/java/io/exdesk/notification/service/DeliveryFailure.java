package io.exdesk.notification.service;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed attempt. Retryable failures (SMTP errors, timeouts, webhook 5xx, 408, 429) are tried
 * again with backoff; the others (other webhook 4xx) are dead at once.
 */
public class DeliveryFailure extends Exception {

    private final boolean retryable;
    private final Duration retryAfter;

    private DeliveryFailure(String message, boolean retryable, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public static DeliveryFailure retryable(String message, Throwable cause) {
        return new DeliveryFailure(message, true, null, cause);
    }

    /** The receiver said when to come back ({@code Retry-After}). */
    public static DeliveryFailure retryAfter(String message, Duration retryAfter) {
        return new DeliveryFailure(message, true, retryAfter, null);
    }

    public static DeliveryFailure permanent(String message) {
        return new DeliveryFailure(message, false, null, null);
    }

    public boolean retryable() {
        return retryable;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

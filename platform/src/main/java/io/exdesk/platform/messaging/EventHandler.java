package io.exdesk.platform.messaging;

/** A service's reaction to one event; it runs inside the transaction that records the event as processed. */
@FunctionalInterface
public interface EventHandler {

    void handle(ReceivedEvent event) throws Exception;

    /**
     * Runs first in every transaction of events, before any of them is recorded as processed. A handler
     * that serialises its work on a lock takes it here, so every transaction takes the lock before the
     * {@code processed_event} row: taken after it, a redelivered event (another instance or a direct
     * delivery holding the same row, uncommitted, while it waits for the lock) deadlocks with the
     * lock's holder, and the database aborts whichever transaction it picks, an API request included.
     */
    default void beforeEvents() throws Exception {
    }
}

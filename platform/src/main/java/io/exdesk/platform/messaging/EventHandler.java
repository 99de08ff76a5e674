package io.exdesk.platform.messaging;

import java.util.List;

/** A service's reaction to one event; it runs inside the transaction that records the event as processed. */
@FunctionalInterface
public interface EventHandler {

    void handle(ReceivedEvent event) throws Exception;

    /**
     * Runs first in every transaction of events, with the events it applies (one, or a poll's in order), before
     * any of them is recorded as processed. A handler that serialises its work on a lock takes it here, so every
     * transaction takes the lock before the {@code processed_event} row: taken after it, a redelivered event
     * (another instance or a direct delivery holding the same row, uncommitted, while it waits for the lock)
     * deadlocks with the lock's holder, and the database aborts whichever transaction it picks, an API request
     * included. A handler whose events lock rows of their own (one per ticket) locks them all here, in one fixed
     * order: locked event by event, two batches naming the same rows in different orders deadlock.
     */
    default void beforeEvents(List<ReceivedEvent> events) throws Exception {
    }
}

package io.exdesk.platform.messaging;

/** A service's reaction to one event; it runs inside the transaction that records the event as processed. */
@FunctionalInterface
public interface EventHandler {

    void handle(ReceivedEvent event) throws Exception;
}

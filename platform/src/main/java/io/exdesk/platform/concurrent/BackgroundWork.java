package io.exdesk.platform.concurrent;

/**
 * Work that runs beside the requests while the application runs: the outbox relay, the SLA timer,
 * the delivery workers, the group commit of ticket creations. A bean that implements it is started
 * when the application has started and stopped when it shuts down, by {@link BackgroundWorkLifecycle}
 * alone, so no service writes its own start and stop observers.
 */
public interface BackgroundWork {

    /** Whether the application starts it; configuration may keep it off (e.g. a test drives it by hand). */
    default boolean enabled() {
        return true;
    }

    /** Starts the work (idempotent). */
    void start();

    /** Stops the work, letting what is in progress finish (idempotent). */
    void stop();
}

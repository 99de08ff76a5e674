package io.exdesk.platform.concurrent;

import java.time.Duration;

/**
 * A single daemon thread that repeats {@link #runOnce()} until stopped; stopping lets the pass in
 * progress finish. The outbox relay and the SLA timer are such loops.
 */
public abstract class BackgroundLoop implements BackgroundWork {

    private final String name;
    private final WakeUpSignal signal;
    private volatile boolean running;
    private Thread thread;

    protected BackgroundLoop(String name, WakeUpSignal signal) {
        this.name = name;
        this.signal = signal;
    }

    /** Starts the thread (idempotent). */
    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the pass in progress (idempotent). */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        signal.wake();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    protected boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            try {
                runOnce();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One pass: do the work, then wait on the signal; handle its own failures. */
    protected abstract void runOnce() throws InterruptedException;
}

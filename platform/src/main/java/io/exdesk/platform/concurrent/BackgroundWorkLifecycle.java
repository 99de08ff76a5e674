package io.exdesk.platform.concurrent;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts every {@link BackgroundWork} bean once the application has started and stops them, in the
 * reverse order, before it shuts down; anything scheduled that depends on them (gauges, Kafka
 * consumers) is stopped by Quarkus after this.
 */
@Singleton
public class BackgroundWorkLifecycle {

    private final Instance<BackgroundWork> works;
    private final List<BackgroundWork> started = new ArrayList<>();

    public BackgroundWorkLifecycle(@Any Instance<BackgroundWork> works) {
        this.works = works;
    }

    synchronized void onStart(@Observes StartupEvent event) {
        for (BackgroundWork work : works) {
            if (work.enabled()) {
                work.start();
                started.add(work);
            }
        }
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).stop();
        }
        started.clear();
    }
}

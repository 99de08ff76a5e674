package io.exdesk.notification.delivery;

import io.exdesk.notification.config.NotificationConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/** Runs one {@link DeliveryWorker} per channel for the life of the application. */
@Singleton
public class DeliveryWorkers {

    private final Map<DeliveryChannel, DeliveryWorker> workers = new EnumMap<>(DeliveryChannel.class);
    private final boolean enabled;

    public DeliveryWorkers(Instance<ChannelSender> senders, DeliveryStore store, DeliverySignals signals, Clock clock,
                           NotificationConfig config) {
        this.enabled = config.delivery().enabled();
        for (ChannelSender sender : senders) {
            workers.put(sender.channel(), new DeliveryWorker(sender, store, signals.of(sender.channel()), clock,
                    config.delivery().concurrency()));
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts every channel's worker; after a stop, this is what a restarted instance does. */
    public void start() {
        workers.values().forEach(DeliveryWorker::start);
    }

    /** Stops claiming on every channel and waits for the sends in flight. */
    public void stop() {
        workers.values().forEach(DeliveryWorker::stop);
    }
}

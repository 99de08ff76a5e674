package io.exdesk.notification.service;

import io.exdesk.notification.config.NotificationConfig;
import io.exdesk.notification.domain.DeliveryChannel;
import io.exdesk.platform.concurrent.BackgroundWork;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/** Runs one {@link DeliveryWorker} per channel for the life of the application. */
@Singleton
public class DeliveryWorkers implements BackgroundWork {

    private final Map<DeliveryChannel, DeliveryWorker> workers = new EnumMap<>(DeliveryChannel.class);
    private final boolean enabled;

    public DeliveryWorkers(Instance<ChannelSender> senders, DeliveryStore store, DeliverySignals signals, Clock clock,
                           NotificationConfig config) {
        this.enabled = config.delivery().enabled();
        for (ChannelSender sender : senders) {
            int concurrency = config.delivery().concurrency();
            // Only callbacks have a cap per recipient (subscription); other channels' recipients are people.
            int perRecipient = sender.channel() == DeliveryChannel.CALLBACK ? config.callbacks().maxInFlight() : concurrency;
            workers.put(sender.channel(), new DeliveryWorker(sender, store, signals.of(sender.channel()), clock,
                    concurrency, perRecipient));
        }
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    /** Starts every channel's worker; after a stop, this is what a restarted instance does. */
    @Override
    public void start() {
        workers.values().forEach(DeliveryWorker::start);
    }

    /** Stops claiming on every channel and waits for the sends in flight. */
    @Override
    public void stop() {
        workers.values().forEach(DeliveryWorker::stop);
    }
}

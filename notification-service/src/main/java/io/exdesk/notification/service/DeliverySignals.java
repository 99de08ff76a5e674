package io.exdesk.notification.service;

import io.exdesk.notification.domain.DeliveryChannel;
import io.exdesk.platform.concurrent.WakeUpSignal;
import io.exdesk.platform.transaction.AfterCommit;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;

/** One wake-up signal per channel worker, so a commit that owes an e-mail wakes only the e-mail worker. */
@Singleton
public class DeliverySignals {

    private final Map<DeliveryChannel, WakeUpSignal> signals = new EnumMap<>(DeliveryChannel.class);
    private final AfterCommit afterCommit;

    public DeliverySignals(AfterCommit afterCommit) {
        this.afterCommit = afterCommit;
        for (DeliveryChannel channel : DeliveryChannel.values()) {
            signals.put(channel, new WakeUpSignal());
        }
    }

    public WakeUpSignal of(DeliveryChannel channel) {
        return signals.get(channel);
    }

    /** Wakes the channel's worker once the current transaction has committed its deliveries. */
    public void wakeAfterCommit(DeliveryChannel channel) {
        signals.get(channel).wakeAfterCommit(afterCommit);
    }
}

package io.exdesk.platform.outbox;

import io.exdesk.platform.concurrent.WakeUpSignal;
import jakarta.inject.Singleton;

/** Wakes the outbox relay when a transaction with outbox rows commits, so publishing adds no poll delay. */
@Singleton
public class OutboxSignal extends WakeUpSignal {
}

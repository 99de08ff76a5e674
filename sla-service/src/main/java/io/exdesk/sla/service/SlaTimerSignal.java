package io.exdesk.sla.service;

import io.exdesk.platform.concurrent.WakeUpSignal;
import jakarta.inject.Singleton;

/** Wakes the timer loop after a transaction changed clocks, so a new earliest timer is not missed. */
@Singleton
public class SlaTimerSignal extends WakeUpSignal {
}

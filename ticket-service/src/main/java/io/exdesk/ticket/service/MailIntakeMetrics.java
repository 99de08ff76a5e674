package io.exdesk.ticket.service;

import io.exdesk.ticket.domain.mail.DropReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What e-mail intake did: {@code ticket_mail_received_total}, {@code ticket_mail_intake_total{outcome}}
 * ({@code ticketed}, {@code threaded}, {@code duplicate}, {@code failed}), {@code ticket_mail_dropped_total{reason}},
 * and {@code ticket_mail_mailbox_up} (1 when the last poll reached the mailbox), which the readiness check reports.
 */
@Singleton
public class MailIntakeMetrics {

    /** How one mail ended. */
    public enum Outcome {
        TICKETED, THREADED, DUPLICATE, FAILED
    }

    /** The last poll: when, whether the mailbox answered, and the kind of failure (never its text). */
    public record LastPoll(Instant at, boolean reachable, String failure) {
    }

    private final Counter received;
    private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);
    private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
    private final AtomicInteger mailboxUp = new AtomicInteger();
    private volatile LastPoll lastPoll;

    public MailIntakeMetrics(MeterRegistry registry) {
        received = Counter.builder("ticket.mail.received").description("Mails read from the support mailbox")
                .register(registry);
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, Counter.builder("ticket.mail.intake")
                    .description("Mails that made a ticket, a reply, nothing new (read before) or failed (left unseen)")
                    .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
        }
        for (DropReason reason : DropReason.values()) {
            dropped.put(reason, Counter.builder("ticket.mail.dropped")
                    .description("Mails dropped as automatic (auto-replies, lists, bounces) or loops")
                    .tag("reason", reason.label()).register(registry));
        }
        registry.gauge("ticket.mail.mailbox.up", mailboxUp);
    }

    public void received() {
        received.increment();
    }

    public void outcome(Outcome outcome) {
        outcomes.get(outcome).increment();
    }

    public void dropped(DropReason reason) {
        dropped.get(reason).increment();
    }

    public void polled(Instant at, String failure) {
        mailboxUp.set(failure == null ? 1 : 0);
        lastPoll = new LastPoll(at, failure == null, failure);
    }

    /** The last poll, or null before the first. */
    public LastPoll lastPoll() {
        return lastPoll;
    }
}

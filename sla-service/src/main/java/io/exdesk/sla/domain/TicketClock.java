package io.exdesk.sla.domain;

import io.exdesk.events.SlaClock;
import io.exdesk.sla.domain.calendar.BusinessCalendar;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One SLA clock of a ticket. Calendar time is accounted as {@code consumed} (before the current
 * running stretch) plus the calendar time since {@code segmentStart}; pausing folds the stretch into
 * {@code consumed}, so due times shift by exactly the paused time. {@code nextFireAt} is the next
 * warning or the breach, the only thing the timer loop looks at.
 */
@Entity
@Table(name = "sla_clock")
public class TicketClock extends PanacheEntityBase {

    /** Where a clock is in its life. */
    public enum State { RUNNING, PAUSED, MET, BREACHED_STOPPED }

    /** Ticket and clock. */
    @Embeddable
    public record Key(@Column(name = "ticket_id") UUID ticketId,
                      @Enumerated(EnumType.STRING) @Column(name = "clock") SlaClock clock) implements Serializable {
    }

    @EmbeddedId
    public Key key;
    @Enumerated(EnumType.STRING)
    public State state;
    @Column(name = "policy_version")
    public int policyVersion;
    @Column(name = "target_seconds")
    public long targetSeconds;
    @Column(name = "warning_fractions")
    public double[] warningFractions;
    public String calendar;
    @Column(name = "consumed_millis")
    public long consumedMillis;
    @Column(name = "segment_start")
    public Instant segmentStart;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "warnings_emitted")
    public int warningsEmitted;
    public boolean breached;
    @Column(name = "next_fire_at")
    public Instant nextFireAt;
    @Column(name = "started_at")
    public Instant startedAt;

    public boolean isOpen() {
        return state == State.RUNNING || state == State.PAUSED;
    }

    /** Calendar time used up to {@code now}. */
    public Duration consumed(BusinessCalendar calendar, Instant now) {
        Duration before = Duration.ofMillis(consumedMillis);
        return state == State.RUNNING ? before.plus(calendar.between(segmentStart, now)) : before;
    }

    /** Sets the due time and the next timer from the target and what is consumed. */
    public void schedule(BusinessCalendar calendar) {
        if (state != State.RUNNING) {
            nextFireAt = null;
            return;
        }
        Duration remaining = target().minusMillis(consumedMillis);
        dueAt = remaining.isNegative() ? segmentStart : calendar.plus(segmentStart, remaining);
        if (breached) {
            nextFireAt = null;
        } else if (warningsEmitted < warningFractions.length) {
            Instant warning = warningInstant(calendar, warningsEmitted);
            nextFireAt = warning.isBefore(dueAt) ? warning : dueAt;
        } else {
            nextFireAt = dueAt;
        }
    }

    /** When the warning at {@code index} (0-based) falls due. */
    public Instant warningInstant(BusinessCalendar calendar, int index) {
        long at = Math.round(targetSeconds * 1000 * warningFractions[index]);
        long after = at - consumedMillis;
        return after <= 0 ? segmentStart : calendar.plus(segmentStart, Duration.ofMillis(after));
    }

    public void pause(BusinessCalendar calendar, Instant now) {
        consumedMillis = consumed(calendar, now).toMillis();
        segmentStart = null;
        state = State.PAUSED;
        nextFireAt = null;
    }

    public void resume(BusinessCalendar calendar, Instant now) {
        segmentStart = now;
        state = State.RUNNING;
        schedule(calendar);
    }

    public Duration target() {
        return Duration.ofSeconds(targetSeconds);
    }
}

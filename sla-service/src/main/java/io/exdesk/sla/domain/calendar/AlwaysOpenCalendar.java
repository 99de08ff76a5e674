package io.exdesk.sla.domain.calendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** The 24x7 calendar; a record so that every instance is equal and it can be matched in a switch. */
public record AlwaysOpenCalendar() implements BusinessCalendar {

    static final AlwaysOpenCalendar INSTANCE = new AlwaysOpenCalendar();

    @Override
    public Instant plus(Instant start, Duration businessTime) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(businessTime, "businessTime");
        BusinessCalendar.requireNonNegative(businessTime);
        return start.plus(businessTime);
    }

    @Override
    public Duration between(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
    }
}

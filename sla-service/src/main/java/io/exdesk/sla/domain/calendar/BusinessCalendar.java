package io.exdesk.sla.domain.calendar;

import java.time.Duration;
import java.time.Instant;

/**
 * The working time in which SLA time elapses: SLA targets are amounts of calendar time, not wall-clock time.
 *
 * <p>Open time is a set of half-open instant ranges {@code [opens, closes)}. Both operations are exact to
 * the nanosecond and consistent with each other: for every {@code d >= 0},
 * {@code between(start, plus(start, d)).equals(d)}.
 */
public sealed interface BusinessCalendar permits WeeklyCalendar, AlwaysOpenCalendar {

    /**
     * The instant at which {@code businessTime} of open time has elapsed after {@code start}.
     *
     * <p>If {@code start} is outside open time, counting begins at the next opening. {@code Duration.ZERO}
     * returns {@code start} itself when it is inside open time, else the next opening (an instant exactly at a
     * close is outside, because ranges are half-open). For {@code businessTime > 0} the result is inside an
     * open range or exactly at its close, never at the following opening: a target that ends as the office
     * closes is due at closing time.
     *
     * @throws IllegalArgumentException if {@code businessTime} is negative
     * @throws IllegalStateException if the calendar has no open time for 3 years in a row (e.g. every open day
     *         is a holiday), rather than looping forever
     * @throws IllegalArgumentException if {@code businessTime} is not reached within 100 years of calendar days
     */
    Instant plus(Instant start, Duration businessTime);

    /** Open time inside {@code [from, to)}; zero if {@code to <= from}. */
    Duration between(Instant from, Instant to);

    /** The 24x7 calendar: every instant is open, so both operations are plain instant arithmetic. */
    static BusinessCalendar alwaysOpen() {
        return AlwaysOpenCalendar.INSTANCE;
    }

    /** Shared argument check, so both implementations reject the same inputs with the same message. */
    static void requireNonNegative(Duration businessTime) {
        if (businessTime.isNegative()) {
            throw new IllegalArgumentException("businessTime must not be negative: " + businessTime);
        }
    }
}

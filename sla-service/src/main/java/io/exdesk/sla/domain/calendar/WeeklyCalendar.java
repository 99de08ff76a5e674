package io.exdesk.sla.domain.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Business hours: weekly open intervals in a time zone, closed all day on holidays (local dates).
 *
 * <p>DST: an interval is open from the first instant the wall clock reads {@code opens} until the last instant
 * it reads {@code closes}. So a skipped spring-forward hour inside an interval is not open time (01:00–03:00
 * on the Europe/Berlin spring-forward day lasts 1 h), a repeated fall-back hour is (the same interval lasts
 * 3 h on the fall-back day), and a time that does not exist (in the gap) means the moment the clock jumps.
 * Each instant counts at most once even if two intervals map onto the same instants around a transition.
 *
 * <p>Arithmetic walks day by day (never minute by minute), so its cost is proportional to the number of
 * calendar days spanned.
 */
public record WeeklyCalendar(ZoneId zone, Map<DayOfWeek, List<OpenInterval>> hours, Set<LocalDate> holidays)
        implements BusinessCalendar {

    /** A calendar with no open day for this long is treated as broken rather than looped over forever. */
    static final int MAX_CLOSED_DAYS = 3 * 366;
    /** Bounds {@link #plus} for absurd durations on sparse calendars instead of walking for minutes. */
    static final int MAX_SCANNED_DAYS = 100 * 366;

    public WeeklyCalendar {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(holidays, "holidays");
        EnumMap<DayOfWeek, List<OpenInterval>> copy = new EnumMap<>(DayOfWeek.class);
        int total = 0;
        for (DayOfWeek day : DayOfWeek.values()) {
            List<OpenInterval> intervals = hours.get(day);
            if (intervals == null || intervals.isEmpty()) {
                continue; // closed that day; keeping absent days out of the map makes equals() canonical
            }
            for (int i = 0; i < intervals.size(); i++) {
                OpenInterval current = intervals.get(i);
                if (current == null) {
                    throw new IllegalArgumentException("hours." + day + "[" + i + "]: must not be null");
                }
                if (i > 0 && current.opens().isBefore(intervals.get(i - 1).closes())) {
                    throw new IllegalArgumentException("hours." + day + "[" + i + "]: " + current
                            + " must start at or after the previous interval " + intervals.get(i - 1)
                            + " ends (intervals must be sorted and must not overlap)");
                }
            }
            copy.put(day, List.copyOf(intervals));
            total += intervals.size();
        }
        if (total == 0) {
            throw new IllegalArgumentException("hours: at least one open interval in the week is required");
        }
        hours = Collections.unmodifiableMap(copy);
        holidays = Set.copyOf(holidays);
    }

    /** Open on {@code days} during {@code intervals} each, no holidays; a convenience for code and tests. */
    public static WeeklyCalendar of(ZoneId zone, Set<DayOfWeek> days, OpenInterval... intervals) {
        Map<DayOfWeek, List<OpenInterval>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : days) {
            hours.put(day, List.of(intervals));
        }
        return new WeeklyCalendar(zone, hours, Set.of());
    }

    /** The same weekly hours with these holidays instead. */
    public WeeklyCalendar withHolidays(Set<LocalDate> newHolidays) {
        return new WeeklyCalendar(zone, hours, newHolidays);
    }

    @Override
    public Instant plus(Instant start, Duration businessTime) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(businessTime, "businessTime");
        BusinessCalendar.requireNonNegative(businessTime);
        Duration remaining = businessTime;
        Instant cursor = start;
        // Start a day early: with an overlap at midnight, the previous local date's last interval can still
        // cover `start`. Segments before the cursor are clipped away, so this never counts time twice.
        LocalDate date = localDate(start).minusDays(1);
        int closedDays = 0;
        for (int scanned = 0; ; scanned++, date = date.plusDays(1)) {
            if (scanned > MAX_SCANNED_DAYS) {
                throw new IllegalArgumentException("businessTime " + businessTime + " after " + start
                        + " is not reached within " + MAX_SCANNED_DAYS + " days of this calendar");
            }
            boolean foundOpenTime = false;
            for (Segment segment : segments(date)) {
                Instant from = later(segment.start(), cursor);
                if (!from.isBefore(segment.end())) {
                    continue;
                }
                foundOpenTime = true;
                Duration available = Duration.between(from, segment.end());
                if (remaining.isZero()) {
                    return from; // ZERO: start itself if open, else the next opening
                }
                if (remaining.compareTo(available) <= 0) {
                    return from.plus(remaining);
                }
                remaining = remaining.minus(available);
                cursor = segment.end();
            }
            closedDays = foundOpenTime ? 0 : closedDays + 1;
            if (closedDays > MAX_CLOSED_DAYS) {
                throw new IllegalStateException("calendar has no open time for " + MAX_CLOSED_DAYS
                        + " consecutive days up to " + date + " (every open day is a holiday?); zone " + zone);
            }
        }
    }

    @Override
    public Duration between(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        Instant cursor = from;
        // One day of margin on both sides, as in plus(): local dates and instants are not strictly aligned
        // around transitions; the cursor clip keeps every instant counted once.
        LocalDate last = localDate(to).plusDays(1);
        for (LocalDate date = localDate(from).minusDays(1); !date.isAfter(last); date = date.plusDays(1)) {
            for (Segment segment : segments(date)) {
                Instant start = later(segment.start(), cursor);
                Instant end = segment.end().isBefore(to) ? segment.end() : to;
                if (start.isBefore(end)) {
                    total = total.plus(Duration.between(start, end));
                    cursor = end;
                }
            }
        }
        return total;
    }

    private LocalDate localDate(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    /** The open instant ranges of one local date, in order; empty on holidays and closed days. */
    private List<Segment> segments(LocalDate date) {
        List<OpenInterval> intervals = hours.get(date.getDayOfWeek());
        if (intervals == null || holidays.contains(date)) {
            return List.of();
        }
        ZoneRules rules = zone.getRules();
        List<Segment> result = new ArrayList<>(intervals.size());
        for (OpenInterval interval : intervals) {
            Instant start = firstInstant(rules, date.atTime(interval.opens()));
            Instant end = interval.closesAtEndOfDay()
                    ? firstInstant(rules, date.plusDays(1).atStartOfDay())
                    : lastInstant(rules, date.atTime(interval.closes()));
            if (start.isBefore(end)) { // an interval wholly inside a DST gap is empty that day
                result.add(new Segment(start, end));
            }
        }
        return result;
    }

    /** The first instant the wall clock reads {@code local}, or the jump over it if it is in a gap. */
    private static Instant firstInstant(ZoneRules rules, LocalDateTime local) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        Instant result = local.toInstant(offsets.get(0));
        for (ZoneOffset offset : offsets) {
            result = earlier(result, local.toInstant(offset));
        }
        return result;
    }

    /** The last instant the wall clock reads {@code local}, or the jump over it if it is in a gap. */
    private static Instant lastInstant(ZoneRules rules, LocalDateTime local) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        Instant result = local.toInstant(offsets.get(0));
        for (ZoneOffset offset : offsets) {
            result = later(result, local.toInstant(offset));
        }
        return result;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private record Segment(Instant start, Instant end) {
    }
}

package io.exdesk.sla.domain.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.LongRange;

/** The laws every {@link BusinessCalendar} obeys, checked on random calendars around DST transitions. */
class BusinessCalendarPropertiesTest {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"),
            ZoneId.of("Asia/Shanghai"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("UTC"));
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2028-01-01T00:00:00Z");
    private static final long MAX_NANOS = Duration.ofHours(100).toNanos();

    /** A random calendar and a start instant near one of its zone's DST transitions. */
    record Case(WeeklyCalendar calendar, Instant start) {
    }

    @Property(tries = 400)
    void plusThenBetweenRoundTrips(@ForAll("cases") Case c, @ForAll("durations") Duration d) {
        Instant end = c.calendar().plus(c.start(), d);

        assertThat(end).isAfterOrEqualTo(c.start());
        assertThat(c.calendar().between(c.start(), end)).isEqualTo(d);
    }

    @Property(tries = 300)
    void plusIsMonotonicInTheDuration(@ForAll("cases") Case c, @ForAll("durations") Duration d1,
            @ForAll("durations") Duration d2) {
        Duration smaller = d1.compareTo(d2) <= 0 ? d1 : d2;
        Duration larger = d1.compareTo(d2) <= 0 ? d2 : d1;

        assertThat(c.calendar().plus(c.start(), smaller)).isBeforeOrEqualTo(c.calendar().plus(c.start(), larger));
    }

    @Property(tries = 300)
    void plusComposesForPositiveSteps(@ForAll("cases") Case c, @ForAll("durations") Duration d1,
            @ForAll("durations") Duration d2) {
        // Not for d2 == 0: plus(closingInstant, ZERO) moves on to the next opening by design.
        if (d2.isZero()) {
            return;
        }
        WeeklyCalendar calendar = c.calendar();

        assertThat(calendar.plus(calendar.plus(c.start(), d1), d2)).isEqualTo(calendar.plus(c.start(), d1.plus(d2)));
    }

    @Property(tries = 300)
    void betweenIsAdditive(@ForAll("cases") Case c, @ForAll @LongRange(max = 200 * 3600) long s1,
            @ForAll @LongRange(max = 200 * 3600) long s2) {
        Instant a = c.start();
        Instant b = a.plusSeconds(Math.min(s1, s2)).plusNanos(s1 % 7 * 1_000_000);
        Instant cc = a.plusSeconds(Math.max(s1, s2) + 1);
        BusinessCalendar calendar = c.calendar();

        assertThat(calendar.between(a, b).plus(calendar.between(b, cc))).isEqualTo(calendar.between(a, cc));
        assertThat(calendar.between(a, cc)).isLessThanOrEqualTo(Duration.between(a, cc));
    }

    @Property(tries = 400)
    void dueTimeIsInOpenTimeOrAtItsClose(@ForAll("cases") Case c, @ForAll("durations") Duration d) {
        if (d.isZero()) {
            return;
        }
        WeeklyCalendar calendar = c.calendar();
        Instant end = calendar.plus(c.start(), d);
        Instant justBefore = end.minusNanos(1);
        LocalDate date = LocalDate.ofInstant(justBefore, calendar.zone());

        // The nanosecond before the due time is open time, so the due time is inside or at the close of an interval.
        assertThat(calendar.between(justBefore, end)).isEqualTo(Duration.ofNanos(1));
        assertThat(calendar.holidays()).doesNotContain(date);
        assertThat(calendar.hours()).containsKey(date.getDayOfWeek());
    }

    @Property(tries = 200)
    void zeroDurationStaysPutWhenOpenElseMovesToTheNextOpening(@ForAll("cases") Case c) {
        WeeklyCalendar calendar = c.calendar();
        Instant next = calendar.plus(c.start(), Duration.ZERO);

        assertThat(next).isAfterOrEqualTo(c.start());
        assertThat(calendar.between(c.start(), next)).isZero();
        assertThat(calendar.between(next, next.plusNanos(1))).isEqualTo(Duration.ofNanos(1));
    }

    @Property(tries = 200)
    void alwaysOpenIsPlainArithmetic(@ForAll("cases") Case c, @ForAll("durations") Duration d) {
        BusinessCalendar calendar = BusinessCalendar.alwaysOpen();

        assertThat(calendar.plus(c.start(), d)).isEqualTo(c.start().plus(d));
        assertThat(calendar.between(c.start(), c.start().plus(d))).isEqualTo(d);
    }

    @Provide
    Arbitrary<Duration> durations() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, MAX_NANOS).map(Duration::ofNanos),
                Arbitraries.longs().between(0, 100 * 60).map(Duration::ofMinutes),
                Arbitraries.of(Duration.ZERO, Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(72)));
    }

    @Provide
    Arbitrary<Case> cases() {
        return Arbitraries.of(ZONES).flatMap(zone -> Combinators
                .combine(weeklyHours(), holidays(), startNearTransition(zone))
                .as((hours, holidays, start) -> new Case(new WeeklyCalendar(zone, hours, holidays), start)));
    }

    /** Each day closed, or open in 1–3 intervals on a half-hour grid, so 02:00–03:00 edges come up often. */
    private static Arbitrary<Map<DayOfWeek, List<OpenInterval>>> weeklyHours() {
        Arbitrary<List<OpenInterval>> day = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(List.<OpenInterval>of())),
                Tuple.of(3, dayIntervals()));
        return day.list().ofSize(7).map(days -> {
            Map<DayOfWeek, List<OpenInterval>> hours = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek dow : DayOfWeek.values()) {
                hours.put(dow, days.get(dow.ordinal()));
            }
            if (days.stream().allMatch(List::isEmpty)) {
                hours.put(DayOfWeek.WEDNESDAY, List.of(new OpenInterval(LocalTime.of(1, 30), LocalTime.of(2, 30))));
            }
            return hours;
        });
    }

    private static Arbitrary<List<OpenInterval>> dayIntervals() {
        // Distinct sorted half-hour points 0..48 (48 = 24:00); consecutive pairs become intervals.
        return Arbitraries.integers().between(0, 48).set().ofMinSize(2).ofMaxSize(6).map(points -> {
            List<Integer> sorted = new ArrayList<>(new TreeSet<>(points));
            List<OpenInterval> intervals = new ArrayList<>();
            for (int i = 0; i + 1 < sorted.size(); i += 2) {
                intervals.add(new OpenInterval(halfHour(sorted.get(i)), halfHour(sorted.get(i + 1))));
            }
            return intervals;
        });
    }

    private static LocalTime halfHour(int index) {
        return index == 48 ? OpenInterval.END_OF_DAY : LocalTime.of(index / 2, index % 2 * 30);
    }

    private static Arbitrary<Set<LocalDate>> holidays() {
        LocalDate first = LocalDate.of(2025, 12, 1);
        return Arbitraries.integers().between(0, 800).map(first::plusDays).set().ofMaxSize(60);
    }

    /** Within ±10 days of a DST transition of 2026–2027 in the zone (anywhere in those years for UTC). */
    private static Arbitrary<Instant> startNearTransition(ZoneId zone) {
        List<Instant> transitions = new ArrayList<>();
        var rules = zone.getRules();
        for (var t = rules.nextTransition(FROM); t != null && t.getInstant().isBefore(UNTIL);
                t = rules.nextTransition(t.getInstant())) {
            transitions.add(t.getInstant());
        }
        if (transitions.isEmpty()) {
            long span = Duration.between(FROM, UNTIL).toSeconds();
            return Arbitraries.longs().between(0, span).map(FROM::plusSeconds);
        }
        Arbitrary<Long> offsetSeconds = Arbitraries.oneOf(
                Arbitraries.longs().between(-10 * 86_400, 10 * 86_400),
                Arbitraries.longs().between(-4 * 3600, 4 * 3600).map(s -> s / 1800 * 1800)); // on the half-hour grid
        return Combinators.combine(Arbitraries.of(transitions), offsetSeconds).as(Instant::plusSeconds);
    }
}

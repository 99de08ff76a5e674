package io.exdesk.sla.domain.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Worked examples for the calendar arithmetic; the general laws are in {@link BusinessCalendarProperties}. */
class WeeklyCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    private static final Set<DayOfWeek> ALL_DAYS = EnumSet.allOf(DayOfWeek.class);

    private static final WeeklyCalendar SHANGHAI_OFFICE =
            WeeklyCalendar.of(SHANGHAI, WEEKDAYS, interval("09:00", "18:00"));

    // 2026-03-29 (Sunday): Berlin springs forward 02:00 CET -> 03:00 CEST.
    private static final LocalDate SPRING_FORWARD = LocalDate.of(2026, 3, 29);
    // 2026-10-25 (Sunday): Berlin falls back 03:00 CEST -> 02:00 CET.
    private static final LocalDate FALL_BACK = LocalDate.of(2026, 10, 25);

    @Test
    void fridayEveningTicketIsDueMondayMorning() {
        Instant friday1730 = shanghai(2026, 11, 27, 17, 30);

        assertThat(SHANGHAI_OFFICE.plus(friday1730, Duration.ofHours(1))).isEqualTo(shanghai(2026, 11, 30, 9, 30));
    }

    @Test
    void holidayMondayPushesTheDueTimeToTuesday() {
        WeeklyCalendar withHoliday = SHANGHAI_OFFICE.withHolidays(Set.of(LocalDate.of(2026, 11, 30)));

        assertThat(withHoliday.plus(shanghai(2026, 11, 27, 17, 30), Duration.ofHours(1)))
                .isEqualTo(shanghai(2026, 12, 1, 9, 30));
        assertThat(withHoliday.between(shanghai(2026, 11, 27, 17, 30), shanghai(2026, 12, 1, 9, 30)))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void targetEndingAtClosingTimeIsDueAtClosingNotAtTheNextOpening() {
        assertThat(SHANGHAI_OFFICE.plus(shanghai(2026, 11, 27, 17, 0), Duration.ofHours(1)))
                .isEqualTo(shanghai(2026, 11, 27, 18, 0));
    }

    @Test
    void zeroDurationIsStartWhenOpenElseTheNextOpening() {
        Instant open = shanghai(2026, 11, 25, 10, 0);
        assertThat(SHANGHAI_OFFICE.plus(open, Duration.ZERO)).isEqualTo(open);
        assertThat(SHANGHAI_OFFICE.plus(shanghai(2026, 11, 25, 7, 0), Duration.ZERO))
                .isEqualTo(shanghai(2026, 11, 25, 9, 0));
        // Intervals are half-open: the closing instant itself is outside.
        assertThat(SHANGHAI_OFFICE.plus(shanghai(2026, 11, 25, 18, 0), Duration.ZERO))
                .isEqualTo(shanghai(2026, 11, 26, 9, 0));
    }

    @Test
    void seventyTwoHoursSpanFourWeeksOfOfficeDays() {
        Instant monday9 = shanghai(2026, 11, 2, 9, 0);
        // 72 h / 9 h per day = 8 office days: Mon..Fri, Mon..Wed, ending Wednesday 18:00.
        assertThat(SHANGHAI_OFFICE.plus(monday9, Duration.ofHours(72))).isEqualTo(shanghai(2026, 11, 11, 18, 0));
        assertThat(SHANGHAI_OFFICE.between(monday9, shanghai(2026, 11, 30, 9, 0))).isEqualTo(Duration.ofHours(180));
    }

    @Test
    void springForwardSkipsTheMissingHour() {
        WeeklyCalendar nights = WeeklyCalendar.of(BERLIN, ALL_DAYS, interval("01:00", "04:00"));

        // 01:00 CET = 00:00Z to 04:00 CEST = 02:00Z: 2 h instead of 3 h.
        assertThat(nights.between(berlin(SPRING_FORWARD, 0, 0), berlin(SPRING_FORWARD, 5, 0)))
                .isEqualTo(Duration.ofHours(2));
        // 01:30 CET + 1 h is 03:30 CEST by the wall clock.
        assertThat(nights.plus(berlin(SPRING_FORWARD, 1, 30), Duration.ofHours(1)))
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"))
                .isEqualTo(berlin(SPRING_FORWARD, 3, 30));
        // Only 1.5 h remain that night: the rest of the target moves to the next night.
        assertThat(nights.plus(berlin(SPRING_FORWARD, 1, 30), Duration.ofHours(2)))
                .isEqualTo(berlin(SPRING_FORWARD.plusDays(1), 1, 30));
    }

    @Test
    void springForwardIntervalAcrossTheGapIsOneHourLong() {
        WeeklyCalendar calendar = WeeklyCalendar.of(BERLIN, ALL_DAYS, interval("01:00", "03:00"));

        assertThat(calendar.between(berlin(SPRING_FORWARD, 0, 0), berlin(SPRING_FORWARD, 12, 0)))
                .isEqualTo(Duration.ofHours(1));
        assertThat(calendar.between(berlin(SPRING_FORWARD.minusDays(1), 0, 0), berlin(SPRING_FORWARD.minusDays(1), 12, 0)))
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void intervalInsideTheGapIsEmptyThatDayAndOpeningInTheGapMeansTheJump() {
        WeeklyCalendar inGap = WeeklyCalendar.of(BERLIN, ALL_DAYS, interval("02:15", "02:45"));
        assertThat(inGap.between(berlin(SPRING_FORWARD, 0, 0), berlin(SPRING_FORWARD, 12, 0))).isZero();
        assertThat(inGap.plus(berlin(SPRING_FORWARD, 0, 0), Duration.ofMinutes(10)))
                .isEqualTo(berlin(SPRING_FORWARD.plusDays(1), 2, 25));

        WeeklyCalendar fromGap = WeeklyCalendar.of(BERLIN, ALL_DAYS, interval("02:30", "04:00"));
        // The wall clock jumps from 02:00 to 03:00 (01:00Z): from then on it is past 02:30, so it is open.
        assertThat(fromGap.plus(berlin(SPRING_FORWARD, 0, 0), Duration.ZERO))
                .isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(fromGap.between(berlin(SPRING_FORWARD, 0, 0), berlin(SPRING_FORWARD, 12, 0)))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void fallBackCountsTheRepeatedHour() {
        WeeklyCalendar calendar = WeeklyCalendar.of(BERLIN, ALL_DAYS, interval("01:00", "03:00"));

        // 01:00 CEST = 23:00Z to 03:00 CET = 02:00Z: 2 h + 1.
        assertThat(calendar.between(berlin(FALL_BACK, 0, 0), berlin(FALL_BACK, 12, 0))).isEqualTo(Duration.ofHours(3));

        WeeklyCalendar nights = WeeklyCalendar.of(BERLIN, ALL_DAYS, interval("01:00", "04:00"));
        Instant cest0130 = Instant.parse("2026-10-24T23:30:00Z");
        // Two hours later the wall clock reads 02:30 again, now CET.
        assertThat(nights.plus(cest0130, Duration.ofHours(2)))
                .isEqualTo(LocalDateTime.of(FALL_BACK, LocalTime.of(2, 30)).toInstant(ZoneOffset.ofHours(1)));
        assertThat(nights.plus(cest0130, Duration.ofHours(3).plusMinutes(30))).isEqualTo(berlin(FALL_BACK, 4, 0));
    }

    @Test
    void closingInsideTheRepeatedHourMeansItsLastOccurrence() {
        WeeklyCalendar calendar = WeeklyCalendar.of(BERLIN, ALL_DAYS, interval("01:00", "02:30"));

        // 01:00 CEST (23:00Z) until 02:30 CET (01:30Z).
        assertThat(calendar.between(berlin(FALL_BACK, 0, 0), berlin(FALL_BACK, 12, 0)))
                .isEqualTo(Duration.ofMinutes(150));
    }

    @Test
    void intervalsTouchingAcrossMidnightAreContinuous() {
        WeeklyCalendar calendar = new WeeklyCalendar(SHANGHAI, Map.of(
                DayOfWeek.MONDAY, List.of(interval("22:00", "24:00")),
                DayOfWeek.TUESDAY, List.of(interval("00:00", "02:00"))), Set.of());

        assertThat(calendar.plus(shanghai(2026, 11, 23, 23, 0), Duration.ofHours(2)))
                .isEqualTo(shanghai(2026, 11, 24, 1, 0));
    }

    @Test
    void calendarWhoseOpenDaysAreAllHolidaysFailsInsteadOfLooping() {
        Set<LocalDate> everyMonday = new HashSet<>();
        for (LocalDate d = LocalDate.of(2026, 11, 30); d.getYear() < 2031; d = d.plusWeeks(1)) {
            everyMonday.add(d);
        }
        WeeklyCalendar calendar = new WeeklyCalendar(SHANGHAI,
                Map.of(DayOfWeek.MONDAY, List.of(interval("09:00", "18:00"))), everyMonday);

        assertThatThrownBy(() -> calendar.plus(shanghai(2026, 11, 25, 9, 0), Duration.ofHours(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no open time");
        assertThat(calendar.between(shanghai(2026, 11, 25, 9, 0), shanghai(2028, 1, 1, 0, 0))).isZero();
    }

    @Test
    void hugeTargetOnASparseCalendarFailsInsteadOfWalkingForever() {
        assertThatThrownBy(() -> SHANGHAI_OFFICE.plus(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofDays(400_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not reached within");
    }

    @Test
    void rejectsInvalidHours() {
        assertThatThrownBy(() -> interval("18:00", "09:00"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be before");
        assertThatThrownBy(() -> new WeeklyCalendar(SHANGHAI,
                Map.of(DayOfWeek.MONDAY, List.of(interval("09:00", "12:00"), interval("11:00", "13:00"))), Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hours.MONDAY[1]: 11:00-13:00 must start at or after the previous interval 09:00-12:00");
        assertThatThrownBy(() -> new WeeklyCalendar(SHANGHAI,
                Map.of(DayOfWeek.MONDAY, List.of(interval("13:00", "14:00"), interval("09:00", "12:00"))), Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hours.MONDAY[1]");
        assertThatThrownBy(() -> new WeeklyCalendar(SHANGHAI, Map.of(DayOfWeek.MONDAY, List.of()), Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hours: at least one open interval in the week is required");
    }

    @Test
    void rejectsNegativeDurations() {
        assertThatThrownBy(() -> SHANGHAI_OFFICE.plus(Instant.EPOCH, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BusinessCalendar.alwaysOpen().plus(Instant.EPOCH, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void betweenIsZeroForEmptyOrReversedRanges() {
        Instant t = shanghai(2026, 11, 25, 10, 0);
        assertThat(SHANGHAI_OFFICE.between(t, t)).isZero();
        assertThat(SHANGHAI_OFFICE.between(t, t.minusSeconds(60))).isZero();
        assertThat(BusinessCalendar.alwaysOpen().between(t, t.minusSeconds(60))).isZero();
    }

    @Test
    void alwaysOpenIsPlainArithmetic() {
        Instant t = Instant.parse("2026-10-25T00:30:00Z");
        assertThat(BusinessCalendar.alwaysOpen().plus(t, Duration.ofHours(3))).isEqualTo(t.plusSeconds(3 * 3600));
        assertThat(BusinessCalendar.alwaysOpen().between(t, t.plusSeconds(90))).isEqualTo(Duration.ofSeconds(90));
        assertThat(BusinessCalendar.alwaysOpen()).isEqualTo(new AlwaysOpenCalendar());
    }

    static OpenInterval interval(String opens, String closes) {
        return new OpenInterval(LocalTime.parse(opens),
                closes.equals("24:00") ? OpenInterval.END_OF_DAY : LocalTime.parse(closes));
    }

    private static Instant shanghai(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(SHANGHAI).toInstant();
    }

    private static Instant berlin(LocalDate date, int hour, int minute) {
        return date.atTime(hour, minute).atZone(BERLIN).toInstant();
    }
}

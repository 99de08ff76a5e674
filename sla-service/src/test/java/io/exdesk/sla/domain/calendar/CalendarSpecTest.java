package io.exdesk.sla.domain.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON form: parsing, validation messages that name the field, and Jackson round trips. */
class CalendarSpecTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void buildsAWeeklyCalendar() {
        CalendarSpec spec = new CalendarSpec("cn", "Asia/Shanghai",
                Map.of(DayOfWeek.MONDAY, List.of("09:00-12:00", "13:00-18:00"), DayOfWeek.SATURDAY, List.of("20:00-24:00")),
                List.of(LocalDate.of(2026, 10, 1)));

        BusinessCalendar calendar = spec.toCalendar();

        assertThat(calendar).isInstanceOfSatisfying(WeeklyCalendar.class, weekly -> {
            assertThat(weekly.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
            assertThat(weekly.hours().get(DayOfWeek.MONDAY)).containsExactly(
                    new OpenInterval(LocalTime.of(9, 0), LocalTime.of(12, 0)),
                    new OpenInterval(LocalTime.of(13, 0), LocalTime.of(18, 0)));
            assertThat(weekly.hours().get(DayOfWeek.SATURDAY))
                    .containsExactly(new OpenInterval(LocalTime.of(20, 0), OpenInterval.END_OF_DAY));
            assertThat(weekly.hours()).doesNotContainKey(DayOfWeek.TUESDAY);
            assertThat(weekly.holidays()).containsExactly(LocalDate.of(2026, 10, 1));
        });
        // Saturday 2026-11-28 20:00 to Sunday 00:00 in Shanghai.
        assertThat(calendar.between(Instant.parse("2026-11-28T00:00:00Z"), Instant.parse("2026-11-29T00:00:00Z")))
                .isEqualTo(Duration.ofHours(4));
    }

    @Test
    void builtIn24x7IsAlwaysOpen() {
        assertThat(CalendarSpec.ALWAYS_OPEN.name()).isEqualTo("24x7");
        assertThat(CalendarSpec.ALWAYS_OPEN.toCalendar()).isEqualTo(BusinessCalendar.alwaysOpen());
    }

    @Test
    void fullyOpenWeekWithHolidaysStaysWeekly() {
        CalendarSpec spec = new CalendarSpec("x", "UTC", CalendarSpec.ALWAYS_OPEN.hours(), List.of(LocalDate.of(2026, 12, 25)));

        BusinessCalendar calendar = spec.toCalendar();

        assertThat(calendar).isInstanceOf(WeeklyCalendar.class);
        assertThat(calendar.between(Instant.parse("2026-12-24T00:00:00Z"), Instant.parse("2026-12-27T00:00:00Z")))
                .isEqualTo(Duration.ofHours(48));
    }

    @Test
    void namesTheBadIntervalField() {
        assertInvalid(hours(DayOfWeek.MONDAY, "25:00-26:00"), "hours.MONDAY[0]: \"25:00-26:00\" is not HH:mm-HH:mm");
        assertInvalid(hours(DayOfWeek.TUESDAY, "09:00-12:00", "9-5"), "hours.TUESDAY[1]: \"9-5\" is not HH:mm-HH:mm");
        assertInvalid(hours(DayOfWeek.MONDAY, "24:00-24:00"), "hours.MONDAY[0]: \"24:00-24:00\" is not HH:mm-HH:mm");
        assertInvalid(hours(DayOfWeek.MONDAY, "09:60-10:00"), "hours.MONDAY[0]: \"09:60-10:00\" is not HH:mm-HH:mm");
        assertInvalid(hours(DayOfWeek.FRIDAY, "18:00-09:00"), "hours.FRIDAY[0]: \"18:00-09:00\" opens at or after it closes");
        assertInvalid(hours(DayOfWeek.FRIDAY, "09:00-09:00"), "hours.FRIDAY[0]: \"09:00-09:00\" opens at or after it closes");
        assertInvalid(hours(DayOfWeek.MONDAY, "09:00-12:00", "11:00-13:00"), "hours.MONDAY[1]: 11:00-13:00 must start");
        assertInvalid(hours(DayOfWeek.MONDAY, "13:00-14:00", "09:00-12:00"), "hours.MONDAY[1]: 09:00-12:00 must start");
        assertInvalid(hours(DayOfWeek.MONDAY, (String) null), "hours.MONDAY[0]: must not be null");
        assertInvalid(Map.of(), "hours: at least one open interval in the week is required");
        assertInvalid(Map.of(DayOfWeek.SUNDAY, List.of()), "hours: at least one open interval in the week is required");
    }

    @Test
    void namesTheOtherBadFields() {
        Map<DayOfWeek, List<String>> ok = hours(DayOfWeek.MONDAY, "09:00-18:00");
        assertThatThrownBy(() -> new CalendarSpec("x", "Mars/Base", ok, List.of()).toCalendar())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeZone: unknown zone \"Mars/Base\"");
        assertThatThrownBy(() -> new CalendarSpec("x", "not a zone!", ok, List.of()).toCalendar())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeZone: unknown zone \"not a zone!\"");
        assertThatThrownBy(() -> new CalendarSpec("x", null, ok, List.of()).toCalendar())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("timeZone: is required");
        assertThatThrownBy(() -> new CalendarSpec(" ", "UTC", ok, List.of()).toCalendar())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name: must not be blank");
        assertThatThrownBy(() -> new CalendarSpec("x", "UTC", null, List.of()).toCalendar())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("hours: is required");
        assertThatThrownBy(() -> new CalendarSpec("x", "UTC", ok, Arrays.asList(LocalDate.of(2026, 1, 1), null)).toCalendar())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("holidays[1]: must not be null");
        // Holidays are optional.
        assertThat(new CalendarSpec("x", "UTC", ok, null).toCalendar()).isInstanceOf(WeeklyCalendar.class);
    }

    @Test
    void readsAndWritesJson() throws Exception {
        String text = """
                {"name":"cn-business","timeZone":"Asia/Shanghai",
                 "hours":{"MONDAY":["09:00-12:00","13:00-18:00"],"FRIDAY":["09:00-24:00"]},
                 "holidays":["2026-10-01","2026-10-02"]}""";

        CalendarSpec spec = JSON.readValue(text, CalendarSpec.class);

        assertThat(spec.hours()).containsEntry(DayOfWeek.FRIDAY, List.of("09:00-24:00"));
        assertThat(spec.holidays()).containsExactly(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2));
        assertThat(spec.toCalendar()).isInstanceOf(WeeklyCalendar.class);
        assertThat(JSON.readValue(JSON.writeValueAsString(spec), CalendarSpec.class)).isEqualTo(spec);
        CalendarSpec builtIn = JSON.readValue(JSON.writeValueAsString(CalendarSpec.ALWAYS_OPEN), CalendarSpec.class);
        assertThat(builtIn.toCalendar()).isEqualTo(BusinessCalendar.alwaysOpen());
    }

    @Test
    void openIntervalParsesAndPrintsTheSpecForm() {
        assertThat(OpenInterval.parse("09:30-24:00")).isEqualTo(new OpenInterval(LocalTime.of(9, 30), OpenInterval.END_OF_DAY));
        assertThat(OpenInterval.parse("09:30-24:00")).hasToString("09:30-24:00");
    }

    private static void assertInvalid(Map<DayOfWeek, List<String>> hours, String messageStart) {
        assertThatThrownBy(() -> new CalendarSpec("x", "UTC", hours, List.of()).toCalendar())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(messageStart);
    }

    private static Map<DayOfWeek, List<String>> hours(DayOfWeek day, String... intervals) {
        Map<DayOfWeek, List<String>> map = new EnumMap<>(DayOfWeek.class);
        map.put(day, Arrays.asList(intervals));
        return map;
    }
}

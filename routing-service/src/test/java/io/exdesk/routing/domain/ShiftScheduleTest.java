package io.exdesk.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a weekly shift is on, including overnight shifts and time zones (a pure unit test). */
class ShiftScheduleTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void aDayShiftCoversItsDaysFromStartUntilEnd() {
        ShiftSchedule shift = new ShiftSchedule(SHANGHAI, Set.of(DayOfWeek.MONDAY), LocalTime.of(9, 0), LocalTime.of(18, 0));
        // 2026-11-23 is a Monday; 09:00 in Shanghai is 01:00 UTC.
        assertThat(shift.covers(Instant.parse("2026-11-23T01:00:00Z"))).isTrue();
        assertThat(shift.covers(Instant.parse("2026-11-23T00:59:59Z"))).isFalse();
        assertThat(shift.covers(Instant.parse("2026-11-23T09:59:59Z"))).isTrue();
        assertThat(shift.covers(Instant.parse("2026-11-23T10:00:00Z"))).isFalse(); // 18:00, the end
        assertThat(shift.covers(Instant.parse("2026-11-24T01:00:00Z"))).isFalse(); // Tuesday
    }

    @Test
    void anOvernightShiftEndsTheNextMorning() {
        ShiftSchedule shift = new ShiftSchedule(ZoneId.of("UTC"), Set.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0),
                LocalTime.of(6, 0));
        // 2026-11-27 is a Friday.
        assertThat(shift.covers(Instant.parse("2026-11-27T21:59:00Z"))).isFalse();
        assertThat(shift.covers(Instant.parse("2026-11-27T23:00:00Z"))).isTrue();
        assertThat(shift.covers(Instant.parse("2026-11-28T05:59:00Z"))).isTrue(); // Saturday morning: Friday's shift
        assertThat(shift.covers(Instant.parse("2026-11-28T06:00:00Z"))).isFalse();
        assertThat(shift.covers(Instant.parse("2026-11-28T23:00:00Z"))).isFalse(); // Saturday night: no shift
        assertThat(shift.covers(Instant.parse("2026-11-27T03:00:00Z"))).isFalse(); // Friday morning: Thursday's
    }
}

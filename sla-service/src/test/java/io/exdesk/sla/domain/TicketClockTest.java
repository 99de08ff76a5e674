package io.exdesk.sla.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.events.SlaClock;
import io.exdesk.sla.domain.calendar.BusinessCalendar;
import io.exdesk.sla.domain.calendar.CalendarSpec;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The clock arithmetic on its own, no Quarkus, no database: due times, warning instants, pauses, targets. */
class TicketClockTest {

    private static final BusinessCalendar ALWAYS = CalendarSpec.ALWAYS_OPEN.toCalendar();
    /** Monday 2026-03-16 09:00 in Shanghai (01:00 UTC). */
    private static final Instant MONDAY_NINE = Instant.parse("2026-03-16T01:00:00Z");
    /** 09:00-12:00 and 13:00-18:00 on weekdays in Shanghai; no holidays. */
    private static final BusinessCalendar OFFICE = new CalendarSpec("office", "Asia/Shanghai", Map.of(
            DayOfWeek.MONDAY, List.of("09:00-12:00", "13:00-18:00"),
            DayOfWeek.TUESDAY, List.of("09:00-12:00", "13:00-18:00")), List.<LocalDate>of()).toCalendar();

    @Test
    void dueTimeIsTheTargetAfterTheStartOnA24x7Calendar() {
        TicketClock clock = running(Duration.ofMinutes(15), MONDAY_NINE, 0.5, 0.75, 0.9);

        clock.schedule(ALWAYS);

        assertThat(clock.dueAt).isEqualTo(MONDAY_NINE.plus(Duration.ofMinutes(15)));
        assertThat(clock.nextFireAt).as("the first warning").isEqualTo(MONDAY_NINE.plus(Duration.ofSeconds(450)));
    }

    @Test
    void dueTimeCountsOnlyOpenHours() {
        // Four hours from 09:00: three before lunch, then 13:00-14:00.
        TicketClock clock = running(Duration.ofHours(4), MONDAY_NINE, 0.5);

        clock.schedule(OFFICE);

        assertThat(clock.dueAt).isEqualTo(MONDAY_NINE.plus(Duration.ofHours(5)));
        assertThat(clock.warningInstant(OFFICE, 0)).as("half of it: 11:00").isEqualTo(MONDAY_NINE.plus(Duration.ofHours(2)));
    }

    @Test
    void warningsFallAtTheirFractionsAndTheNextTimerMovesThroughThemToTheBreach() {
        TicketClock clock = running(Duration.ofSeconds(1000), MONDAY_NINE, 0.5, 0.75, 0.9);
        clock.schedule(ALWAYS);

        assertThat(List.of(0, 1, 2)).map(i -> clock.warningInstant(ALWAYS, i)).containsExactly(
                MONDAY_NINE.plusSeconds(500), MONDAY_NINE.plusSeconds(750), MONDAY_NINE.plusSeconds(900));
        clock.warningsEmitted = 2;
        clock.schedule(ALWAYS);
        assertThat(clock.nextFireAt).isEqualTo(MONDAY_NINE.plusSeconds(900));
        clock.warningsEmitted = 3;
        clock.schedule(ALWAYS);
        assertThat(clock.nextFireAt).as("no warning left: the breach").isEqualTo(clock.dueAt);
        clock.breached = true;
        clock.schedule(ALWAYS);
        assertThat(clock.nextFireAt).as("breached: nothing more").isNull();
    }

    @Test
    void pausingStopsTheTimersAndResumingShiftsTheDueTimeByThePausedTime() {
        TicketClock clock = running(Duration.ofMinutes(30), MONDAY_NINE, 0.5);
        clock.schedule(ALWAYS);
        Instant dueBefore = clock.dueAt;

        clock.pause(ALWAYS, MONDAY_NINE.plus(Duration.ofMinutes(10)));
        assertThat(clock.state).isEqualTo(TicketClock.State.PAUSED);
        assertThat(clock.nextFireAt).isNull();
        assertThat(clock.consumed(ALWAYS, MONDAY_NINE.plus(Duration.ofHours(5)))).as("frozen while paused")
                .isEqualTo(Duration.ofMinutes(10));

        clock.resume(ALWAYS, MONDAY_NINE.plus(Duration.ofMinutes(10 + 47)));
        assertThat(clock.dueAt).isEqualTo(dueBefore.plus(Duration.ofMinutes(47)));
        // 10 of 30 minutes used: the 50 % warning is 5 minutes after the resume.
        assertThat(clock.nextFireAt).isEqualTo(MONDAY_NINE.plus(Duration.ofMinutes(10 + 47 + 5)));
    }

    @Test
    void pausedTimeOutsideOpenHoursShiftsNothingExtra() {
        // Paused at 11:30 with 2.5 h used, resumed at 13:00: only the half hour before lunch was open time.
        TicketClock clock = running(Duration.ofHours(4), MONDAY_NINE, 0.5);
        clock.schedule(OFFICE);
        Instant dueBefore = clock.dueAt; // 14:00

        clock.pause(OFFICE, MONDAY_NINE.plus(Duration.ofMinutes(150)));
        clock.resume(OFFICE, MONDAY_NINE.plus(Duration.ofHours(4)));

        assertThat(clock.dueAt).isEqualTo(dueBefore.plus(Duration.ofMinutes(30)));
    }

    @Test
    void aClockAlreadyPastItsTargetIsDueAtOnce() {
        TicketClock clock = running(Duration.ofMinutes(5), MONDAY_NINE, 0.5);
        clock.consumedMillis = Duration.ofMinutes(7).toMillis();

        clock.schedule(ALWAYS);

        assertThat(clock.dueAt).isEqualTo(MONDAY_NINE);
        assertThat(clock.warningInstant(ALWAYS, 0)).as("a warning already passed").isEqualTo(MONDAY_NINE);
    }

    @ParameterizedTest
    @EnumSource(Priority.class)
    void vipTargetsAreHalfTheStandardOnes(Priority priority) {
        assertThat(SlaPolicyDefaults.firstResponse(priority, CustomerTier.VIP).multipliedBy(2))
                .isEqualTo(SlaPolicyDefaults.firstResponse(priority, CustomerTier.STANDARD));
        assertThat(SlaPolicyDefaults.resolution(priority, CustomerTier.VIP).multipliedBy(2))
                .isEqualTo(SlaPolicyDefaults.resolution(priority, CustomerTier.STANDARD));
    }

    @Test
    void theDesignedTargets() {
        assertThat(SlaPolicyDefaults.firstResponse(Priority.URGENT, CustomerTier.STANDARD)).isEqualTo(Duration.ofMinutes(5));
        assertThat(SlaPolicyDefaults.firstResponse(Priority.LOW, CustomerTier.VIP)).isEqualTo(Duration.ofHours(2));
        assertThat(SlaPolicyDefaults.resolution(Priority.NORMAL, CustomerTier.VIP)).isEqualTo(Duration.ofHours(12));
        assertThat(SlaPolicyDefaults.resolution(Priority.HIGH, CustomerTier.STANDARD)).isEqualTo(Duration.ofHours(4));
    }

    private static TicketClock running(Duration target, Instant start, double... fractions) {
        TicketClock clock = new TicketClock();
        clock.key = new TicketClock.Key(UUID.randomUUID(), SlaClock.FIRST_RESPONSE);
        clock.state = TicketClock.State.RUNNING;
        clock.targetSeconds = target.toSeconds();
        clock.warningFractions = fractions;
        clock.segmentStart = start;
        clock.startedAt = start;
        return clock;
    }
}

package io.exdesk.routing.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * A weekly shift that sets an agent's availability automatically: ONLINE when it starts, OFFLINE
 * when it ends. {@code end} before {@code start} is an overnight shift that ends the next day.
 *
 * @param zone IANA time zone of the times, e.g. {@code Asia/Shanghai}
 * @param days the days a shift starts on
 */
public record ShiftSchedule(ZoneId zone, Set<DayOfWeek> days, LocalTime start, LocalTime end) {

    public boolean covers(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        LocalTime time = local.toLocalTime();
        if (!end.isBefore(start)) {
            return days.contains(local.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
        }
        // Overnight: the evening part belongs to today's shift, the morning part to yesterday's.
        return (days.contains(local.getDayOfWeek()) && !time.isBefore(start))
                || (days.contains(local.getDayOfWeek().minus(1)) && time.isBefore(end));
    }
}

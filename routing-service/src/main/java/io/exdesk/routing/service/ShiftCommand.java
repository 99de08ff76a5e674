package io.exdesk.routing.service;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

/**
 * A weekly shift as asked for: {@code zone} is still text, so the service can name the field when it is
 * not a time zone.
 */
public record ShiftCommand(String zone, Set<DayOfWeek> days, LocalTime start, LocalTime end) {
}

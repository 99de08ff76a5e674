package io.exdesk.routing.rest;

import io.exdesk.routing.service.ShiftCommand;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

/** A weekly shift: on {@code days}, from {@code start} to {@code end} (end before start: overnight) in {@code zone}. */
public record ShiftRequest(@NotBlank String zone, @NotEmpty Set<@NotNull DayOfWeek> days, @NotNull LocalTime start,
                           @NotNull LocalTime end) {

    ShiftCommand toCommand() {
        return new ShiftCommand(zone, days, start, end);
    }
}

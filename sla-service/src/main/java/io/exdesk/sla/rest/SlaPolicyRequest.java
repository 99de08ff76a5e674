package io.exdesk.sla.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.exdesk.sla.service.SlaPolicyChange;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;

/**
 * A new version of a policy. Targets are ISO-8601 durations ("PT15M"); warning fractions default to
 * 0.5, 0.75, 0.9; the calendar defaults to 24x7.
 */
public record SlaPolicyRequest(@NotNull Duration firstResponse, @NotNull Duration resolution,
                               List<Double> warningFractions, JsonNode calendar) {

    SlaPolicyChange toChange() {
        return new SlaPolicyChange(firstResponse, resolution, warningFractions, calendar);
    }
}

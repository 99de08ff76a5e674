package io.exdesk.sla.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import java.time.Instant;
import java.util.List;

/** A policy in force: targets as ISO-8601 durations and in seconds. */
public record SlaPolicyView(Priority priority, CustomerTier customerTier, int version, String firstResponse,
                            long firstResponseSeconds, String resolution, long resolutionSeconds,
                            List<Double> warningFractions, JsonNode calendar, Instant updatedAt, String updatedBy) {
}

package io.exdesk.sla.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;

/**
 * A new version of a policy as asked for, before validation: {@code warningFractions} {@code null}
 * means the defaults, {@code calendar} {@code null} (or JSON null) means 24x7; the calendar stays raw
 * JSON so that what is wrong with it is reported in the words of its parser.
 */
public record SlaPolicyChange(Duration firstResponse, Duration resolution, List<Double> warningFractions,
                              JsonNode calendar) {
}

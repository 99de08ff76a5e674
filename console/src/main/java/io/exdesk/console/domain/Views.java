package io.exdesk.console.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the console reads from the services' APIs, as records of the fields its pages show (unknown fields
 * are ignored, so a service may add fields without breaking the console).
 */
public final class Views {

    private Views() {
    }

    /** ticket-service {@code GET /api/v1/tickets/{id}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Ticket(UUID id, String number, long version, String status, String priority, String category,
                         String channel, Customer customer, String subject, String description, Crypto crypto,
                         String assigneeId, boolean secretsRedacted, Map<String, Sla> sla,
                         Instant expectedFirstResponseAt, Instant firstRespondedAt, Instant resolvedAt,
                         Instant createdAt) {

        public List<SlaClockView> clocks() {
            if (sla == null) {
                return List.of();
            }
            return sla.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> new SlaClockView(e.getKey(), e.getValue().dueAt(), e.getValue().state(),
                            e.getValue().warningLevel()))
                    .toList();
        }

        public boolean open() {
            return !"RESOLVED".equals(status) && !"CLOSED".equals(status);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Customer(String id, String tier, String language, Contact contact) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Contact(String name, String email, String phone) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Crypto(String asset, String network, String txId, BigDecimal amount) {

        /** The amount as written, without the trailing zeros of the stored scale. */
        public String amountText() {
            return amount == null ? "" : amount.stripTrailingZeros().toPlainString();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sla(Instant dueAt, String state, int warningLevel) {
    }

    /** One SLA clock as a page shows it: counting down while running, coloured by warning level. */
    public record SlaClockView(String clock, Instant dueAt, String state, int warningLevel) {

        public boolean running() {
            return "RUNNING".equals(state);
        }

        /** CSS class: ok, warn-1..3, breached. */
        public String level() {
            if ("BREACHED".equals(state) || "BREACHED_STOPPED".equals(state)) {
                return "breached";
            }
            return warningLevel <= 0 ? "ok" : "warn-" + Math.min(warningLevel, 3);
        }
    }

    /** ticket-service {@code GET /api/v1/tickets/{id}/messages}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(UUID id, String authorType, String authorId, String body, Instant createdAt) {

        public boolean fromAgent() {
            return !"CUSTOMER".equals(authorType);
        }
    }

    /** routing-service's routed ticket: an inbox row, a queued ticket. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RoutedTicket(UUID ticketId, String ticketNumber, String priority, String category, String language,
                               String customerTier, String ticketStatus, String state, String assigneeId,
                               Instant assignedAt, Instant createdAt) {
    }

    /** routing-service {@code GET /api/v1/agents/{id}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Agent(String id, String name, String tier, String team, List<String> skills, List<String> languages,
                        int capacity, boolean vipCapable, String status, int openTickets, Instant lastAssignedAt) {

        /** Open tickets as a share of capacity, 0..100, for the load bar. */
        public int loadPercent() {
            return capacity == 0 ? 100 : Math.min(100, openTickets * 100 / capacity);
        }

        public boolean canTakeMore() {
            return !"OFFLINE".equals(status) && openTickets < capacity;
        }
    }

    /** sla-service {@code GET /api/v1/sla/at-risk} and {@code /breaches}: one clock of a ticket at risk or breached. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ClockAtRisk(UUID ticketId, String ticketNumber, String priority, String customerTier, String clock,
                              String state, Instant dueAt, int warningLevel, boolean breached, String assigneeId) {

        public String level() {
            return breached ? "breached" : "warn-" + Math.max(1, Math.min(warningLevel, 3));
        }
    }

    /** ticket-service {@code GET /api/v1/csat}: the customers' ratings over a period and the latest low ones. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CsatReport(long count, Double average, Map<Integer, Long> ratings, List<LowRating> low) {

        /** The average to one decimal, or a dash without ratings. */
        public String averageText() {
            return average == null ? "—" : String.format(java.util.Locale.ROOT, "%.1f", average);
        }

        /** How many ratings of each value, 5 down to 1. */
        public List<RatingCount> distribution() {
            return java.util.stream.IntStream.iterate(5, r -> r >= 1, r -> r - 1)
                    .mapToObj(r -> new RatingCount(r, ratings == null ? 0L : ratings.getOrDefault(r, 0L))).toList();
        }
    }

    /** The number of ratings of one value. */
    public record RatingCount(int rating, long count) {
    }

    /** A low CSAT rating, with its ticket and the customer's (redacted) comment. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LowRating(UUID ticketId, String ticketNumber, int rating, String comment, String category,
                            String priority, String agentId, String agentTier, Instant submittedAt) {
    }

    /** A page of a paged list. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page<T>(List<T> items, String nextCursor) {
    }
}

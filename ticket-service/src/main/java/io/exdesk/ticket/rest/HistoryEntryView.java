package io.exdesk.ticket.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.exdesk.ticket.domain.TicketHistory;
import java.time.Instant;

/** One audit-trail entry: at version {@code version}, {@code actor} did {@code action}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntryView(long version, String action, String actor, String field, String from, String to,
                               Instant at) {

    public static HistoryEntryView of(TicketHistory h) {
        return new HistoryEntryView(h.version, h.action, h.actor, h.field, h.oldValue, h.newValue, h.at);
    }
}

package io.exdesk.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code reason} was added to ticket-erased as an optional field: an event without it is a request's. */
class TicketErasedReasonTest {

    private static final UUID TICKET = UUID.fromString("0d6b2a57-4b8f-4f07-9d0c-6f1e2b3a4c5d");

    @Test
    void anEventPublishedBeforeTheFieldReadsAsARequest() throws Exception {
        String old = """
                {"ticketId":"%s","version":3,"occurredAt":"2026-11-01T10:00:00Z","customerId":"erased-0a1b",
                 "erasureId":"7f3e9c1a-2b4d-4e6f-8a0b-1c2d3e4f5a6b"}""".formatted(TICKET);

        TicketErased read = Json.MAPPER.readValue(old, TicketErased.class);

        assertThat(read.reason()).isEqualTo(ErasureReason.REQUEST);
        assertThat(Json.validate(EventType.TICKET_ERASED, old)).isEmpty();
    }

    @Test
    void retentionTravelsAndIsValidWithoutAnErasureRequest() throws Exception {
        TicketErased retained = new TicketErased(TICKET, 7, Instant.parse("2031-11-01T10:00:00Z"), "erased-0a1b",
                null, ErasureReason.RETENTION);
        String json = Json.write(retained);

        assertThat(json).contains("\"reason\":\"RETENTION\"");
        assertThat(Json.validate(EventType.TICKET_ERASED, json)).isEmpty();
        assertThat(Json.MAPPER.readValue(json, TicketErased.class)).isEqualTo(retained);
    }
}

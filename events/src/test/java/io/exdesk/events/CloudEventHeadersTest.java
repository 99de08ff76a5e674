package io.exdesk.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloudEventHeadersTest {

    private static final UUID EVENT_ID = UUID.fromString("5b0c2f7e-8a3d-4c1b-b6e2-9f4a7d1c3e58");
    private static final String SOURCE = CloudEvents.source("ticket-service");

    @Test
    void forEventTakesTypeTimeAndSubjectFromThePayload() {
        ExDeskEvent created = Samples.of(EventType.TICKET_CREATED);

        CloudEventHeaders headers = CloudEventHeaders.forEvent(created, EVENT_ID, SOURCE);

        assertThat(headers).isEqualTo(new CloudEventHeaders(EVENT_ID, "ticket-created", "/exdesk/ticket-service",
                Samples.CREATED_AT, Samples.TICKET_ID.toString()));
        assertThat(headers.eventType()).isEqualTo(EventType.TICKET_CREATED);
    }

    @Test
    void policySubjectIsPriorityAndTier() {
        CloudEventHeaders headers = CloudEventHeaders.forEvent(Samples.of(EventType.SLA_POLICY), EVENT_ID,
                CloudEvents.source("sla-service"));

        assertThat(headers.subject()).isEqualTo("URGENT:VIP");
        assertThat(headers.type()).isEqualTo("sla-policy");
    }

    @Test
    void toMapHasAllBinaryModeHeadersInOrder() {
        Map<String, String> map = CloudEventHeaders.forEvent(Samples.of(EventType.TICKET_CREATED), EVENT_ID, SOURCE)
                .toMap();

        assertThat(map).containsExactly(
                entry("ce_specversion", "1.0"),
                entry("ce_id", "5b0c2f7e-8a3d-4c1b-b6e2-9f4a7d1c3e58"),
                entry("ce_type", "ticket-created"),
                entry("ce_source", "/exdesk/ticket-service"),
                entry("ce_time", "2026-03-14T02:17:45.123Z"),
                entry("ce_subject", "0f8b6c2e-3d4a-4f7e-9a51-6b2c8d9e1f03"),
                entry("content-type", "application/json"));
    }

    @Test
    void roundTripsThroughHeaders() {
        for (EventType type : EventType.values()) {
            CloudEventHeaders headers = CloudEventHeaders.forEvent(Samples.of(type), UUID.randomUUID(), SOURCE);

            assertThat(CloudEventHeaders.from(headers.toMap()::get)).isEqualTo(headers);
        }
    }

    @Test
    void acceptsTimeWithOffsetAndMissingContentType() {
        Map<String, String> map = validHeaders();
        map.put(CloudEvents.TIME, "2026-03-14T10:17:45.123+08:00");
        map.remove(CloudEvents.CONTENT_TYPE);

        assertThat(CloudEventHeaders.from(map::get).time()).isEqualTo(Samples.CREATED_AT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time", "ce_subject"})
    void rejectsMissingRequiredHeader(String name) {
        Map<String, String> map = validHeaders();
        map.remove(name);

        assertThatThrownBy(() -> CloudEventHeaders.from(map::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing required CloudEvents header " + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "1-2-3-4-5", "5b0c2f7e8a3d4c1bb6e29f4a7d1c3e58"})
    void rejectsMalformedId(String id) {
        Map<String, String> map = validHeaders();
        map.put(CloudEvents.ID, id);

        assertThatThrownBy(() -> CloudEventHeaders.from(map::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed CloudEvents header ce_id: '" + id + "' is not a UUID");
    }

    @Test
    void rejectsBlankId() {
        Map<String, String> map = validHeaders();
        map.put(CloudEvents.ID, " ");

        assertThatThrownBy(() -> CloudEventHeaders.from(map::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ce_id");
    }

    @Test
    void rejectsMalformedTime() {
        Map<String, String> map = validHeaders();
        map.put(CloudEvents.TIME, "1710382665");

        assertThatThrownBy(() -> CloudEventHeaders.from(map::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ce_time");
    }

    @Test
    void rejectsOtherSpecVersion() {
        Map<String, String> map = validHeaders();
        map.put(CloudEvents.SPECVERSION, "0.3");

        assertThatThrownBy(() -> CloudEventHeaders.from(map::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ce_specversion")
                .hasMessageContaining("'0.3'");
    }

    @Test
    void rejectsNonJsonContentType() {
        Map<String, String> map = validHeaders();
        map.put(CloudEvents.CONTENT_TYPE, "application/avro");

        assertThatThrownBy(() -> CloudEventHeaders.from(map::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("content-type");
    }

    @Test
    void readsUnknownTypeButEventTypeNamesIt() {
        Map<String, String> map = validHeaders();
        map.put(CloudEvents.TYPE, "ticket-merged");

        CloudEventHeaders headers = CloudEventHeaders.from(map::get);

        // Tolerant consumers skip types newer than their contract instead of dead-lettering them.
        assertThat(EventType.find(headers.type())).isEmpty();
        assertThatThrownBy(headers::eventType)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ticket-merged'");
    }

    @Test
    void constructorRejectsMissingValues() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> new CloudEventHeaders(null, "ticket-created", SOURCE, now, "s"))
                .isInstanceOf(NullPointerException.class).hasMessage("id");
        assertThatThrownBy(() -> new CloudEventHeaders(EVENT_ID, " ", SOURCE, now, "s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type");
    }

    private static Map<String, String> validHeaders() {
        return new HashMap<>(CloudEventHeaders.forEvent(Samples.of(EventType.TICKET_CREATED), EVENT_ID, SOURCE)
                .toMap());
    }
}

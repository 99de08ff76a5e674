package io.exdesk.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * The CloudEvents attributes of one Kafka record, as string headers; the platform converts values to and from
 * UTF-8 bytes, so this stays free of kafka-clients.
 *
 * @param id      unique per event (not per delivery); the deduplication key
 * @param type    the {@code ce_type}, see {@link EventType#ceType()}
 * @param source  the producing service, see {@link CloudEvents#source(String)}
 * @param time    when the fact happened: the payload's {@code occurredAt}
 * @param subject the record key: the ticket id, or {@code PRIORITY:TIER} for policies
 */
public record CloudEventHeaders(UUID id, String type, String source, Instant time, String subject) {

    public CloudEventHeaders {
        Objects.requireNonNull(id, "id");
        requireText(type, "type");
        requireText(source, "source");
        Objects.requireNonNull(time, "time");
        requireText(subject, "subject");
    }

    /** The headers of {@code event}: type from the catalogue, time from {@code occurredAt}, subject = key. */
    public static CloudEventHeaders forEvent(ExDeskEvent event, UUID id, String source) {
        Objects.requireNonNull(event, "event");
        return new CloudEventHeaders(id, EventType.of(event).ceType(), source, event.occurredAt(), event.key());
    }

    /** The catalogue entry of {@link #type()}; throws {@link IllegalArgumentException} for an unknown type. */
    public EventType eventType() {
        return EventType.fromCeType(type);
    }

    /** All headers to put on the record, in a stable order, including spec version and content type. */
    public Map<String, String> toMap() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(CloudEvents.SPECVERSION, CloudEvents.SPEC_VERSION);
        headers.put(CloudEvents.ID, id.toString());
        headers.put(CloudEvents.TYPE, type);
        headers.put(CloudEvents.SOURCE, source);
        headers.put(CloudEvents.TIME, time.toString());
        headers.put(CloudEvents.SUBJECT, subject);
        headers.put(CloudEvents.CONTENT_TYPE, CloudEvents.CONTENT_TYPE_JSON);
        return Collections.unmodifiableMap(headers);
    }

    /**
     * Reads the headers back; {@code header} returns a header's value or {@code null} when absent.
     *
     * @throws IllegalArgumentException when a required header is missing or malformed, so the caller can
     *                                  dead-letter the record instead of retrying it forever
     */
    public static CloudEventHeaders from(Function<String, String> header) {
        Objects.requireNonNull(header, "header");
        String specVersion = required(header, CloudEvents.SPECVERSION);
        if (!CloudEvents.SPEC_VERSION.equals(specVersion)) {
            throw new IllegalArgumentException("unsupported CloudEvents header " + CloudEvents.SPECVERSION + ": '"
                    + specVersion + "', expected '" + CloudEvents.SPEC_VERSION + "'");
        }
        String contentType = header.apply(CloudEvents.CONTENT_TYPE);
        // Absent is fine (JSON is implied); a different media type means a payload we cannot read.
        if (contentType != null
                && !contentType.trim().toLowerCase(Locale.ROOT).startsWith(CloudEvents.CONTENT_TYPE_JSON)) {
            throw new IllegalArgumentException("unsupported header " + CloudEvents.CONTENT_TYPE + ": '" + contentType
                    + "', expected '" + CloudEvents.CONTENT_TYPE_JSON + "'");
        }
        return new CloudEventHeaders(
                parse(header, CloudEvents.ID, CloudEventHeaders::strictUuid, "a UUID"),
                required(header, CloudEvents.TYPE),
                required(header, CloudEvents.SOURCE),
                // RFC 3339 allows any offset; other producers may not write UTC with 'Z'.
                parse(header, CloudEvents.TIME, v -> OffsetDateTime.parse(v).toInstant(), "an RFC 3339 timestamp"),
                required(header, CloudEvents.SUBJECT));
    }

    private static String required(Function<String, String> header, String name) {
        String value = header.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing required CloudEvents header " + name);
        }
        return value;
    }

    private static <T> T parse(Function<String, String> header, String name, Function<String, T> parser,
            String expected) {
        String value = required(header, name);
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException("malformed CloudEvents header " + name + ": '" + value
                    + "' is not " + expected, e);
        }
    }

    private static UUID strictUuid(String value) {
        // UUID.fromString accepts abbreviated forms like "1-2-3-4-5"; only the canonical 36-character form is an id.
        if (value.length() != 36) {
            throw new IllegalArgumentException("not a canonical UUID");
        }
        return UUID.fromString(value);
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}

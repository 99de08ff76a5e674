package io.exdesk.platform.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exdesk.events.EventType;
import io.exdesk.events.ExDeskEvent;
import jakarta.inject.Singleton;
import java.io.IOException;

/** Turns event payloads into the JSON that travels on Kafka and back, with the service's ObjectMapper. */
@Singleton
public class EventCodec {

    private final ObjectMapper mapper;

    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String toJson(ExDeskEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise " + event.getClass().getSimpleName(), e);
        }
    }

    /** Reads a payload of the given type; any malformed or invalid payload is an {@link IllegalArgumentException}. */
    public ExDeskEvent fromJson(EventType type, byte[] json) {
        try {
            return mapper.readValue(json, type.payloadType());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Invalid " + type.ceType() + " payload: " + e.getMessage(), e);
        }
    }
}

package io.exdesk.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.exdesk.events.CloudEventHeaders;
import io.exdesk.events.EventType;
import io.exdesk.events.ExDeskEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays another service in a test: publishes events to the real broker exactly as the outbox
 * relay does (CloudEvents binary mode, key = ticket id), so the service under test consumes them.
 */
public final class TestEventPublisher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.get().kafkaBootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(), new ByteArraySerializer());

    /** Publishes the event with a fresh ce_id; returns that id. */
    public UUID publish(ExDeskEvent event) {
        UUID id = UUID.randomUUID();
        publish(event, id);
        return id;
    }

    /** Publishes the event with the given ce_id (publish twice to simulate a redelivery). */
    public void publish(ExDeskEvent event, UUID eventId) {
        publish(EventType.of(event).topic(), event, eventId);
    }

    /** Publishes to another topic than the event type's own, e.g. a test channel. */
    public void publish(String topic, ExDeskEvent event, UUID eventId) {
        try {
            publishRaw(topic, event.key(), JSON.writeValueAsBytes(event),
                    CloudEventHeaders.forEvent(event, eventId, "/exdesk/test"));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Reads a payload the service published (e.g. from a {@link TopicProbe} record). */
    public static <T extends ExDeskEvent> T decode(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a " + type.getSimpleName() + ": " + json, e);
        }
    }

    /** Sends a raw record, e.g. a poison message with valid headers and a broken payload. */
    public void publishRaw(String topic, String key, byte[] value, CloudEventHeaders headers) {
        RecordHeaders kafkaHeaders = new RecordHeaders();
        headers.toMap().forEach((name, v) -> kafkaHeaders.add(name, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, kafkaHeaders)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused the record", e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}

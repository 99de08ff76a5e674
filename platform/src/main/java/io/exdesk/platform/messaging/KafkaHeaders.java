package io.exdesk.platform.messaging;

import io.exdesk.events.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** CloudEvents binary-mode headers on Kafka records (UTF-8 strings). */
public final class KafkaHeaders {

    private KafkaHeaders() {
    }

    public static Headers of(CloudEventHeaders cloudEvent) {
        RecordHeaders headers = new RecordHeaders();
        cloudEvent.toMap().forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    /** Reads the CloudEvents attributes back; missing or malformed ones are an IllegalArgumentException. */
    public static CloudEventHeaders read(Headers headers) {
        return CloudEventHeaders.from(name -> text(headers, name));
    }

    public static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

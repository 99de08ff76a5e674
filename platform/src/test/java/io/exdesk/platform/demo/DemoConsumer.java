package io.exdesk.platform.demo;

import io.agroal.api.AgroalDataSource;
import io.exdesk.events.TicketCreated;
import io.exdesk.platform.messaging.IdempotentConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Records each applied event in demo_applied; a subject of "always fails" makes the handler throw. */
@ApplicationScoped
public class DemoConsumer {

    private final IdempotentConsumer consumer;
    private final AgroalDataSource dataSource;

    public DemoConsumer(IdempotentConsumer consumer, AgroalDataSource dataSource) {
        this.consumer = consumer;
        this.dataSource = dataSource;
    }

    /** Batches (see application.properties), so the tests below go through the batch path and its fallback. */
    @Incoming("demo")
    @Blocking
    public void on(ConsumerRecords<String, byte[]> records) {
        consumer.consumeAll("platform-demo", records, event -> {
            TicketCreated created = (TicketCreated) event.payload();
            if (created.subject().equals("always fails")) {
                throw new IllegalStateException("the handler cannot apply this event");
            }
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO demo_applied VALUES (?, ?)")) {
                insert.setObject(1, event.headers().id());
                insert.setObject(2, created.ticketId());
                insert.executeUpdate();
            }
        });
    }
}

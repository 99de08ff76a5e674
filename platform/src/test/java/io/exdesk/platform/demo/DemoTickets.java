package io.exdesk.platform.demo;

import io.agroal.api.AgroalDataSource;
import io.exdesk.events.Category;
import io.exdesk.events.Channel;
import io.exdesk.events.CustomerTier;
import io.exdesk.events.Priority;
import io.exdesk.events.TicketCreated;
import io.exdesk.platform.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;

/** A stand-in business service: writes a row and its event in one transaction. */
@ApplicationScoped
public class DemoTickets {

    private final AgroalDataSource dataSource;
    private final OutboxWriter outbox;
    private final Clock clock;

    public DemoTickets(AgroalDataSource dataSource, OutboxWriter outbox, Clock clock) {
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public TicketCreated open(String subject) {
        TicketCreated event = event(subject);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO demo_ticket VALUES (?, ?)")) {
            insert.setObject(1, event.ticketId());
            insert.setString(2, subject);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        outbox.append(event);
        return event;
    }

    /** Writes the event, then fails: the transaction rolls back. */
    @Transactional
    public void openThenFail(String subject) {
        open(subject);
        throw new IllegalStateException("business rule violated after the event was written");
    }

    public TicketCreated event(String subject) {
        UUID id = UUID.randomUUID();
        return new TicketCreated(id, 1, clock.instant(), "EXD-" + Math.abs(id.hashCode() % 1_000_000),
                Priority.NORMAL, Category.GENERAL, Channel.API, "en", "customer-1", CustomerTier.STANDARD,
                subject, false, clock.instant());
    }
}

package io.exdesk.platform.messaging;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The ledger of processed events, {@code processed_event(consumer, event_id)}.
 *
 * <p>Insert first: the insert either claims the event for this transaction or finds it already
 * there. {@code ON CONFLICT DO NOTHING} waits for a concurrent transaction holding the same key,
 * so two deliveries racing each other cannot both proceed, and there is no check-then-insert gap.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final AgroalDataSource dataSource;

    public ProcessedEvents(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records the event as processed by {@code consumer}; false if it already was (a duplicate). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean markProcessed(String consumer, UUID eventId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO processed_event (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, consumer);
            insert.setObject(2, eventId);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record event " + eventId + " for " + consumer, e);
        }
    }
}

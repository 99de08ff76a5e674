package io.exdesk.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.exdesk.events.EventType;
import io.exdesk.events.ExDeskEvent;
import io.exdesk.platform.messaging.EventCodec;
import io.exdesk.platform.transaction.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Records an event in the outbox as part of the caller's transaction, so the event exists if and
 * only if the business change it describes was committed. The relay publishes it after commit.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final String INSERT = """
            INSERT INTO outbox_event (event_id, topic, event_key, event_type, payload, occurred_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    private final AgroalDataSource dataSource;
    private final EventCodec codec;
    private final AfterCommit afterCommit;
    private final OutboxSignal signal;
    private final Clock clock;

    public OutboxWriter(AgroalDataSource dataSource, EventCodec codec,
                        AfterCommit afterCommit, OutboxSignal signal, Clock clock) {
        this.dataSource = dataSource;
        this.codec = codec;
        this.afterCommit = afterCommit;
        this.signal = signal;
        this.clock = clock;
    }

    /**
     * Appends the event; it must be called inside the transaction of the change it reports.
     *
     * @return the event id ({@code ce_id})
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID append(ExDeskEvent event) {
        return appendAll(List.of(event)).get(0);
    }

    /**
     * Appends the events in order, in one round trip; it must be called inside the transaction of
     * the changes they report.
     *
     * @return the event ids ({@code ce_id}), in the same order
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> appendAll(List<? extends ExDeskEvent> events) {
        List<UUID> ids = new ArrayList<>(events.size());
        Timestamp now = Timestamp.from(clock.instant());
        // The connection is the one enlisted in the caller's transaction; closing it does not commit.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (ExDeskEvent event : events) {
                EventType type = EventType.of(event);
                UUID eventId = UUID.randomUUID();
                insert.setObject(1, eventId);
                insert.setString(2, type.topic());
                insert.setString(3, event.key());
                insert.setString(4, type.ceType());
                insert.setString(5, codec.toJson(event));
                insert.setTimestamp(6, Timestamp.from(event.occurredAt()));
                insert.setTimestamp(7, now);
                insert.addBatch();
                ids.add(eventId);
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write " + events.size() + " event(s) to the outbox", e);
        }
        wakeRelayAfterCommit();
        return ids;
    }

    /**
     * Erasure: replaces the payload of every event of {@code type} recorded under these keys, published or
     * not, in the caller's transaction. A waiting event is then published as rewritten; a published one
     * keeps no more in the outbox's history than the rewritten fact (its copy on Kafka stays until the
     * topic's retention deletes it). Looks through the whole outbox (published rows are kept for
     * {@code exdesk.outbox.retention}; an index on the key would cost every event written, for the rare
     * erasure).
     *
     * @return how many events were rewritten
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <E extends ExDeskEvent> int rewrite(Collection<String> keys, Class<E> type, UnaryOperator<E> change) {
        if (keys.isEmpty()) {
            return 0;
        }
        EventType eventType = Arrays.stream(EventType.values()).filter(t -> t.payloadType() == type).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no EventType for payload " + type.getName()));
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT seq, payload FROM outbox_event WHERE event_key = ANY(?) AND event_type = ? FOR UPDATE");
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE outbox_event SET payload = ? WHERE seq = ?")) {
            select.setArray(1, connection.createArrayOf("text", keys.toArray()));
            select.setString(2, eventType.ceType());
            int rewritten = 0;
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    E event = type.cast(codec.fromJson(eventType, rs.getString(2).getBytes(StandardCharsets.UTF_8)));
                    update.setString(1, codec.toJson(change.apply(event)));
                    update.setLong(2, rs.getLong(1));
                    update.addBatch();
                    rewritten++;
                }
            }
            update.executeBatch();
            return rewritten;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot rewrite " + eventType.ceType() + " events in the outbox", e);
        }
    }

    private void wakeRelayAfterCommit() {
        signal.wakeAfterCommit(afterCommit);
    }
}

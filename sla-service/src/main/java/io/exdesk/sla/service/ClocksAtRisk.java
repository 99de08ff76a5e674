package io.exdesk.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The clocks people watch: open ones past their first warning or breached (nearest due first), and the
 * breaches since an instant (latest first). Read for the console's supervisor page; the same rule as the
 * {@code sla_at_risk_tickets} gauge.
 */
@ApplicationScoped
public class ClocksAtRisk {

    /** One clock with what a list of them shows. */
    public record Row(UUID ticketId, String ticketNumber, String priority, String customerTier, String clock,
                      String state, Instant dueAt, int warningLevel, boolean breached, String assigneeId) {
    }

    private static final String COLUMNS = """
            SELECT c.ticket_id, t.ticket_number, t.priority, t.customer_tier, c.clock, c.state, c.due_at,
                   c.warnings_emitted, c.breached, t.assignee_id
            FROM sla_clock c JOIN sla_ticket t ON t.ticket_id = c.ticket_id
            """;

    private final EntityManager em;

    public ClocksAtRisk(EntityManager em) {
        this.em = em;
    }

    @Transactional
    public List<Row> atRisk(int limit) {
        return rows(em.createNativeQuery(COLUMNS + """
                WHERE c.state IN ('RUNNING', 'PAUSED') AND (c.warnings_emitted > 0 OR c.breached)
                ORDER BY c.due_at, c.ticket_id, c.clock LIMIT :limit""").setParameter("limit", limit).getResultList());
    }

    /** Clocks that breached with a due time at or after {@code since}; a clock breaches at its due time. */
    @Transactional
    public List<Row> breachedSince(Instant since, int limit) {
        return rows(em.createNativeQuery(COLUMNS + """
                WHERE c.breached AND c.due_at >= :since
                ORDER BY c.due_at DESC, c.ticket_id, c.clock LIMIT :limit""")
                .setParameter("since", Timestamp.from(since)).setParameter("limit", limit).getResultList());
    }

    @SuppressWarnings("unchecked")
    private static List<Row> rows(List<?> result) {
        return ((List<Object[]>) result).stream().map(r -> new Row((UUID) r[0], (String) r[1], (String) r[2],
                (String) r[3], (String) r[4], (String) r[5], instant(r[6]), ((Number) r[7]).intValue(),
                (Boolean) r[8], (String) r[9])).toList();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("Unexpected due_at type " + value.getClass());
    }
}
